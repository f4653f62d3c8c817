import { readFile } from "node:fs/promises";
import path from "node:path";
import { connectionSecrets, InvalidInputError, type Problem, redactUrl } from "@pg-flux/core";
import { lineAndColumn } from "./text-offsets.js";

/**
 * `flux.json` names the projects a push can target:
 *
 * ```json
 * { "projects": [ { "slug": "percept", "hash": "b915ec8", "plan": "v2_shared", "shortId": "abc123",
 *                   "urlEnv": "PERCEPT_DATABASE_URL", "migrations": "db/migrations" } ] }
 * ```
 *
 * Secrets never live in the file: a literal `url` must not hold a password (use `urlEnv`).
 */
export const FLUX_CONFIG_FILE = "flux.json";

export type TenancyPlan = "v1" | "v2_shared";
const PLANS: readonly TenancyPlan[] = ["v1", "v2_shared"];

export interface FluxProject {
  readonly slug: string;
  /** The project's 7-character hash, as `pg-flux list` shows it. */
  readonly hash: string;
  readonly plan: TenancyPlan;
  /** The tenant schema on v2_shared: `tenantSchema`, or `t_<shortId>_api`. */
  readonly tenantSchema: string | undefined;
  /** A connection URL without a password. */
  readonly url: string | undefined;
  /** The environment variable holding the connection URL. */
  readonly urlEnv: string | undefined;
  /** Absolute path of the migrations folder (default `migrations` beside flux.json). */
  readonly migrations: string;
}

export interface FluxConfig {
  /** Absolute path of the file read. */
  readonly file: string;
  readonly projects: readonly FluxProject[];
}

const PROJECT_KEYS = new Set([
  "slug",
  "hash",
  "plan",
  "shortId",
  "tenantSchema",
  "url",
  "urlEnv",
  "migrations",
  "name",
]);

/**
 * The top-level sections of flux.json: `projects` (the push targets, read here), the defaults of
 * the CLI's commands, `migrate` and `push`, and the targets of `pg-flux fleet`, `fleet` (read by
 * the CLI through `readFluxFile`). `$schema` is allowed for editors.
 */
export const FLUX_SECTIONS: readonly string[] = ["projects", "migrate", "push", "fleet", "$schema"];

/** flux.json read and parsed: every reader of the file goes through `readFluxFile`. */
export interface FluxFile {
  /** Absolute path of the file read. */
  readonly file: string;
  readonly sections: Readonly<Record<string, unknown>>;
}

/**
 * Reads and parses flux.json: the one reader of the file. Resolves to undefined when the file is
 * absent and not `required`. Invalid JSON points at its line and column; anything but an object, or
 * a top-level key other than the FLUX_SECTIONS, is an error naming the file and the key.
 */
export async function readFluxFile(file: string, required: boolean): Promise<FluxFile | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && !required) return undefined;
    throw new InvalidInputError(
      [
        {
          message:
            code === "ENOENT" ? `${file}: flux.json not found` : `${file}: cannot read flux.json (${code})`,
          hint: "create flux.json listing your projects (see docs/push.md), pass --config, or pass --database-url",
        },
      ],
      error,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message)?.[1];
    const at = lineAndColumn(text, position === undefined ? 0 : Number(position));
    throw new InvalidInputError(
      [
        {
          message: `invalid JSON in flux.json: ${message}`,
          location: { file, line: at.line, column: at.column },
          sourceLine: at.sourceLine,
        },
      ],
      error,
    );
  }
  if (!isRecord(json)) {
    throw new InvalidInputError([
      {
        message: `${file}: expected an object with a "projects" array`,
        hint: 'e.g. { "projects": [ { "slug": "percept", "hash": "b915ec8", "plan": "v1", "urlEnv": "DATABASE_URL" } ] }',
      },
    ]);
  }
  const unknown = Object.keys(json).filter((key) => !FLUX_SECTIONS.includes(key));
  if (unknown.length > 0) {
    throw new InvalidInputError(
      unknown.map((key) => ({
        message: `${file}: "${key}" is not a flux.json section`,
        hint: `the sections are ${FLUX_SECTIONS.filter((name) => name !== "$schema").join(", ")}`,
      })),
    );
  }
  return { file, sections: json };
}

/**
 * Reads flux.json's projects. Resolves to undefined when the file is absent and not `required`;
 * every problem of a present file (invalid JSON, wrong fields, a password in a URL) is thrown together.
 */
export async function loadFluxConfig(file: string, required: boolean): Promise<FluxConfig | undefined> {
  const read = await readFluxFile(file, required);
  if (!read) return undefined;
  const problems: Problem[] = [];
  const projects = readProjects(file, read.sections, problems);
  if (problems.length > 0) throw new InvalidInputError(problems);
  return { file, projects };
}

function readProjects(file: string, json: unknown, problems: Problem[]): FluxProject[] {
  const fail = (message: string, hint?: string) =>
    problems.push({ message: `${file}: ${message}`, ...(hint ? { hint } : {}) });
  // A flux.json may hold only other sections (e.g. "migrate" defaults): no projects then.
  if (isRecord(json) && json.projects === undefined) return [];
  if (!isRecord(json) || !Array.isArray(json.projects)) {
    fail(
      'expected an object with a "projects" array',
      'e.g. { "projects": [ { "slug": "percept", "hash": "b915ec8", "plan": "v1", "urlEnv": "DATABASE_URL" } ] }',
    );
    return [];
  }
  const projects: FluxProject[] = [];
  json.projects.forEach((entry: unknown, index: number) => {
    const where = `projects[${index}]`;
    if (!isRecord(entry)) {
      fail(`${where} must be an object`);
      return;
    }
    const before = problems.length;
    for (const key of Object.keys(entry)) {
      if (!PROJECT_KEYS.has(key))
        fail(`${where} has unknown key "${key}"`, `known keys: ${[...PROJECT_KEYS].join(", ")}`);
    }
    const text = (key: string): string | undefined => {
      const value = entry[key];
      if (value === undefined) return undefined;
      if (typeof value !== "string" || value === "") {
        fail(`${where}.${key} must be a non-empty string`);
        return undefined;
      }
      return value;
    };
    const slug = text("slug");
    const hash = text("hash");
    const planText = text("plan") ?? "v1";
    const shortId = text("shortId");
    const tenantSchema = text("tenantSchema");
    const url = text("url");
    const urlEnv = text("urlEnv");
    const migrations = text("migrations") ?? "migrations";
    text("name");
    if (!slug) fail(`${where}.slug is required`);
    if (!hash) fail(`${where}.hash is required`, "the 7-character hash from pg-flux list / the platform");
    else if (!/^[0-9a-f]{7}$/.test(hash))
      fail(`${where}.hash must be 7 lowercase hex characters, got "${hash}"`);
    const plan = PLANS.find((candidate) => candidate === planText);
    if (!plan) fail(`${where}.plan must be "v1" or "v2_shared", got "${planText}"`);
    if (shortId && !/^[a-z0-9]+$/.test(shortId))
      fail(`${where}.shortId must be lowercase letters and digits`);
    const tenant = tenantSchema ?? (shortId ? `t_${shortId}_api` : undefined);
    if (plan === "v2_shared" && !tenant) {
      fail(
        `${where}: a v2_shared project needs "tenantSchema" or "shortId"`,
        "the tenant schema is t_<shortId>_api",
      );
    }
    if (plan === "v1" && tenant) fail(`${where}: tenantSchema/shortId only apply to plan "v2_shared"`);
    if (url && urlEnv) fail(`${where}: give either "url" or "urlEnv", not both`);
    if (!url && !urlEnv) {
      fail(`${where}: no connection`, 'name the environment variable holding the URL with "urlEnv"');
    }
    if (url && hasPassword(url)) {
      fail(
        `${where}.url holds a password (${redactUrl(url)}); secrets never live in flux.json`,
        'put the URL in an environment variable and name it with "urlEnv"',
      );
    }
    if (problems.length > before || !slug || !hash || !plan) return;
    projects.push({
      slug,
      hash,
      plan,
      tenantSchema: tenant,
      url,
      urlEnv,
      migrations: path.resolve(path.dirname(file), migrations),
    });
  });
  return projects;
}

function hasPassword(url: string): boolean {
  return connectionSecrets(url).length > 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
