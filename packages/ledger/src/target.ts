import path from "node:path";
import { InvalidInputError, redactUrl } from "@pg-flux/core";
import {
  FLUX_CONFIG_FILE,
  type FluxConfig,
  type FluxProject,
  loadFluxConfig,
  type TenancyPlan,
} from "./flux-config.js";

/** Where a push goes: the database, the tenancy plan and, on pooled targets, the tenant schema. */
export interface PushTarget {
  readonly url: string;
  readonly plan: TenancyPlan;
  /** Set on pooled targets: statements run with this search_path and the ledger is keyed by it. */
  readonly tenantSchema: string | undefined;
  /** How to name the target to the user, never with a password. */
  readonly label: string;
  /** Where the URL came from: `--database-url`, `DATABASE_URL`, `flux.json` or `$VAR`. */
  readonly connectionSource: string;
  readonly project: FluxProject | undefined;
}

export interface TargetOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `--config`: a flux.json that must exist. Default: flux.json in cwd, when present. */
  readonly configPath?: string;
  readonly project?: string;
  readonly hash?: string;
  readonly databaseUrl?: string;
  readonly tenantSchema?: string;
}

export interface ResolvedTarget {
  readonly target: PushTarget;
  readonly config: FluxConfig | undefined;
}

/**
 * A target named by its connection alone, without flux.json: how a library caller (or a test) pushes
 * to one database. With `tenantSchema` it is a pooled (v2_shared) target keyed by that schema.
 */
export function databaseTarget(url: string, tenantSchema?: string): PushTarget {
  return {
    url,
    plan: tenantSchema === undefined ? "v1" : "v2_shared",
    tenantSchema,
    label: redactUrl(url),
    connectionSource: "the caller",
    project: undefined,
  };
}

/**
 * Picks the target. The project comes from flux.json (`--project`/`--hash`, or its only project);
 * the connection is `--database-url`, else `DATABASE_URL`, else the project's `url`/`urlEnv`; the
 * tenant schema is `--tenant-schema`, else the project's.
 */
export async function resolvePushTarget(options: TargetOptions): Promise<ResolvedTarget> {
  const configFile = path.resolve(options.cwd, options.configPath ?? FLUX_CONFIG_FILE);
  const selecting = options.project !== undefined || options.hash !== undefined;
  const config = await loadFluxConfig(configFile, options.configPath !== undefined || selecting);
  const project = config ? selectProject(config, options) : undefined;
  const envUrl = options.env.DATABASE_URL || undefined;
  const projectEnvUrl = project?.urlEnv ? options.env[project.urlEnv] || undefined : undefined;
  const [url, connectionSource] = options.databaseUrl
    ? [options.databaseUrl, "--database-url"]
    : envUrl
      ? [envUrl, "DATABASE_URL"]
      : project?.url
        ? [project.url, FLUX_CONFIG_FILE]
        : project?.urlEnv && projectEnvUrl
          ? [projectEnvUrl, `$${project.urlEnv}`]
          : [undefined, ""];
  if (!url) {
    const hint = project?.urlEnv
      ? `set the environment variable ${project.urlEnv} (urlEnv of project ${project.slug} in ${configFile}), or pass --database-url`
      : "pass --database-url, set DATABASE_URL, or select a project from flux.json with --project and --hash";
    throw new InvalidInputError([{ message: "no database to push to", hint }]);
  }
  const tenantSchema = options.tenantSchema ?? project?.tenantSchema;
  const plan: TenancyPlan = tenantSchema ? "v2_shared" : (project?.plan ?? "v1");
  const label = project ? `${project.slug} (${project.hash})` : redactUrl(url);
  return { target: { url, plan, tenantSchema, label, connectionSource, project }, config };
}

function selectProject(config: FluxConfig, options: TargetOptions): FluxProject | undefined {
  const { projects } = config;
  const listing = projects.map((project) => `${project.slug} (${project.hash})`).join(", ") || "none";
  if (options.project === undefined && options.hash === undefined) {
    if (projects.length === 1) return projects[0];
    if (projects.length === 0 || options.databaseUrl || options.env.DATABASE_URL) return undefined;
    throw new InvalidInputError([
      {
        message: `${config.file} lists ${projects.length} projects; choose one`,
        hint: `pass --project <slug> --hash <hash>; configured: ${listing}`,
      },
    ]);
  }
  const matches = projects.filter(
    (project) =>
      (options.project === undefined || project.slug === options.project) &&
      (options.hash === undefined || project.hash === options.hash),
  );
  const wanted = [options.project, options.hash && `(${options.hash})`].filter(Boolean).join(" ");
  if (matches.length === 0) {
    throw new InvalidInputError([
      {
        message: `${config.file}: no project ${wanted}`,
        hint: `configured: ${listing} (pg-flux list shows them)`,
      },
    ]);
  }
  if (matches.length > 1) {
    throw new InvalidInputError([
      {
        message: `${config.file}: several projects match ${wanted}`,
        hint: `add --hash to choose one of: ${matches.map((project) => `${project.slug} (${project.hash})`).join(", ")}`,
      },
    ]);
  }
  return matches[0];
}
