import { readFileSync } from "node:fs";
import path from "node:path";
import { InvalidInputError, type Problem } from "@pg-flux/core";
import type { FluxProject } from "@pg-flux/engine";
import { engine } from "../engine.js";

/**
 * Defaults for the schema commands from the `migrate` block of `flux.json` in the working
 * directory (flags win). Like the rest of flux.json it never holds a secret: URLs are named by the
 * environment variable that holds them.
 *
 * ```json
 * { "projects": [],
 *   "migrate": { "source": ["schema/"], "schemas": ["public"], "shadowUrlEnv": "SHADOW_DATABASE_URL",
 *                "autoNotValid": true, "setNotNullReltuplesHint": 10000,
 *                "lockTimeout": "5s", "statementTimeout": "60s", "readLockTimeout": "5s",
 *                "out": "migrations",
 *                "allowHazards": ["INDEX_BUILD"] } }
 * ```
 */
export interface MigrateDefaults {
  readonly source?: readonly string[];
  readonly schemas?: readonly string[];
  readonly shadowUrlEnv?: string;
  readonly autoNotValid?: boolean;
  readonly setNotNullReltuplesHint?: number;
  readonly lockTimeout?: string;
  readonly statementTimeout?: string;
  readonly readLockTimeout?: string;
  readonly out?: string;
  readonly allowHazards?: readonly string[];
}

export interface LoadedDefaults {
  readonly file: string | undefined;
  readonly defaults: MigrateDefaults;
}

const KEYS = new Set([
  "source",
  "schemas",
  "shadowUrlEnv",
  "autoNotValid",
  "setNotNullReltuplesHint",
  "lockTimeout",
  "statementTimeout",
  "readLockTimeout",
  "out",
  "allowHazards",
]);

/** Reads the `migrate` block; an absent file or block means no defaults. Paths resolve against the file's folder. */
export function loadMigrateDefaults(cwd: string, configPath?: string): LoadedDefaults {
  const file = path.resolve(cwd, configPath ?? engine().FLUX_CONFIG_FILE);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    if (configPath !== undefined) throw new InvalidInputError([{ message: `${file}: no such file` }]);
    return { file: undefined, defaults: {} };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError([
      { message: `${file}: invalid JSON: ${error instanceof Error ? error.message : String(error)}` },
    ]);
  }
  const block = isRecord(json) ? json.migrate : undefined;
  if (block === undefined) return { file, defaults: {} };
  const problems: Problem[] = [];
  const fail = (message: string) => problems.push({ message: `${file}: migrate.${message}` });
  if (!isRecord(block)) {
    fail(" must be an object");
    throw new InvalidInputError(problems);
  }
  for (const key of Object.keys(block))
    if (!KEYS.has(key)) fail(`${key} is not a known key (known: ${[...KEYS].join(", ")})`);
  const strings = (key: string): string[] | undefined => {
    const value = block[key];
    if (value === undefined) return undefined;
    const list = typeof value === "string" ? [value] : value;
    if (!Array.isArray(list) || !list.every((item): item is string => typeof item === "string")) {
      fail(`${key} must be a string or an array of strings`);
      return undefined;
    }
    return list;
  };
  const string = (key: string): string | undefined => {
    const value = block[key];
    if (value === undefined) return undefined;
    if (typeof value !== "string") fail(`${key} must be a string`);
    return typeof value === "string" ? value : undefined;
  };
  const base = path.dirname(file);
  const source = strings("source")?.map((p) => path.resolve(base, p));
  const schemas = strings("schemas");
  const allowHazards = strings("allowHazards");
  const shadowUrlEnv = string("shadowUrlEnv");
  const lockTimeout = string("lockTimeout");
  const statementTimeout = string("statementTimeout");
  const readLockTimeout = string("readLockTimeout");
  const out = string("out");
  const autoNotValid = block.autoNotValid;
  if (autoNotValid !== undefined && typeof autoNotValid !== "boolean")
    fail("autoNotValid must be true or false");
  const hint = block.setNotNullReltuplesHint;
  if (hint !== undefined && (typeof hint !== "number" || !Number.isInteger(hint) || hint < 0))
    fail("setNotNullReltuplesHint must be a whole number");
  if (problems.length > 0) throw new InvalidInputError(problems);
  return {
    file,
    defaults: {
      ...(source ? { source } : {}),
      ...(schemas ? { schemas } : {}),
      ...(allowHazards ? { allowHazards } : {}),
      ...(shadowUrlEnv ? { shadowUrlEnv } : {}),
      ...(lockTimeout ? { lockTimeout } : {}),
      ...(statementTimeout ? { statementTimeout } : {}),
      ...(readLockTimeout ? { readLockTimeout } : {}),
      ...(out ? { out: path.resolve(base, out) } : {}),
      ...(typeof autoNotValid === "boolean" ? { autoNotValid } : {}),
      ...(typeof hint === "number" ? { setNotNullReltuplesHint: hint } : {}),
    },
  };
}

/**
 * The database to work on: `--database-url`, else `DATABASE_URL`, else the connection of the
 * flux.json project (`--project`/`--hash`, or its only project).
 */
export async function resolveDatabaseUrl(options: {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly databaseUrl: string | undefined;
  readonly configPath: string | undefined;
  readonly project: string | undefined;
  readonly hash: string | undefined;
}): Promise<string> {
  if (options.databaseUrl) return options.databaseUrl;
  if (options.env.DATABASE_URL) return options.env.DATABASE_URL;
  const selecting = options.project !== undefined || options.hash !== undefined;
  const file = path.resolve(options.cwd, options.configPath ?? engine().FLUX_CONFIG_FILE);
  const config = await engine()
    .loadFluxConfig(file, options.configPath !== undefined || selecting)
    .catch((error: unknown) => {
      if (!selecting && options.configPath === undefined) return undefined;
      throw error;
    });
  const matches: FluxProject[] = (config?.projects ?? []).filter(
    (project) =>
      (options.project === undefined || project.slug === options.project) &&
      (options.hash === undefined || project.hash === options.hash),
  );
  const project = matches.length === 1 ? matches[0] : undefined;
  const url = project?.url ?? (project?.urlEnv ? options.env[project.urlEnv] : undefined);
  if (url) return url;
  throw new InvalidInputError([
    {
      message: "no database: pass --database-url or set DATABASE_URL",
      hint: project?.urlEnv
        ? `set ${project.urlEnv} (the urlEnv of project ${project.slug} in flux.json)`
        : selecting
          ? "no single flux.json project matches --project/--hash"
          : "or select a flux.json project with --project",
    },
  ]);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
