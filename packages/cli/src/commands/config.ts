import path from "node:path";
import { InvalidInputError, type Problem } from "@pg-flux/core/basics";
import type { FluxProject } from "@pg-flux/ledger";
import { engine, ledger } from "../engine.js";
import {
  type ConfigBlock,
  configKeys,
  type OPTIONS,
  type OptionName,
  type OptionType,
} from "./option-table.js";

/**
 * Defaults for the schema commands from the `migrate` block of `flux.json` in the working
 * directory (flags win). Its keys, their types and what they mean are the flux.json keys of the
 * option table (option-table.ts). Like the rest of flux.json it never holds a secret: URLs are named
 * by the environment variable that holds them.
 *
 * ```json
 * { "projects": [],
 *   "migrate": { "source": ["schema/"], "schemas": ["public"], "shadowUrlEnv": "SHADOW_DATABASE_URL",
 *                "autoNotValid": true, "setNotNullReltuplesHint": 10000,
 *                "lockTimeout": "5s", "statementTimeout": "60s", "readLockTimeout": "5s",
 *                "out": "migrations",
 *                "allowHazards": ["INDEX_BUILD"], "manageRoles": ["app_*"] } }
 * ```
 *
 * `manageRoles`: `true` manages the roles the files create; a pattern or a list of them (`app_*`)
 * also drops matching roles the files no longer create (docs/desired-state.md, managed roles).
 */
export type MigrateDefaults = BlockDefaults<"migrate">;

/** The settings of one flux.json block: the option table's keys in it, typed by the table. */
export type BlockDefaults<B extends ConfigBlock> = {
  readonly [N in OptionName as KeyIn<(typeof OPTIONS)[N], B>]?: ValueOf<(typeof OPTIONS)[N]["type"]>;
};

type KeyIn<Spec, B extends ConfigBlock> = Spec extends { readonly key: infer K extends string }
  ? (Spec extends { readonly block: infer In } ? In : "migrate") extends B
    ? K
    : never
  : never;
type ValueOf<T extends OptionType> = T extends "boolean"
  ? boolean
  : T extends "switchOrList"
    ? boolean | readonly string[]
    : T extends "count"
      ? number
      : T extends "list" | "paths"
        ? readonly string[]
        : string;

export interface LoadedDefaults<B extends ConfigBlock = "migrate"> {
  readonly file: string | undefined;
  readonly defaults: BlockDefaults<B>;
}

/**
 * Reads the `migrate` block; an absent file or block means no defaults. Every key is checked
 * against the option table (an unknown key or a value of the wrong type is an error naming the
 * file and the key); paths resolve against the file's folder.
 */
export function loadMigrateDefaults(cwd: string, configPath?: string): Promise<LoadedDefaults> {
  return loadBlock(cwd, configPath, "migrate");
}

/** One block of flux.json through the option table's keys in it (see loadMigrateDefaults). */
async function loadBlock<B extends ConfigBlock>(
  cwd: string,
  configPath: string | undefined,
  name: B,
): Promise<LoadedDefaults<B>> {
  const keys = configKeys(name);
  const block = await readBlock(cwd, configPath, name, new Set(keys.keys()));
  if (!block) return { file: undefined, defaults: {} };
  const base = path.dirname(block.file);
  const defaults: Record<string, unknown> = {};
  for (const [key, spec] of keys) {
    const value = readValue(block, key, spec.type, base);
    if (value !== undefined) defaults[key] = value;
  }
  block.done();
  return { file: block.file, defaults: defaults as BlockDefaults<B> };
}

function readValue(block: BlockReader, key: string, type: OptionType, base: string): unknown {
  switch (type) {
    case "string":
      return block.string(key) || undefined;
    case "duration":
      return block.duration(key);
    case "path": {
      const value = block.string(key);
      return value ? path.resolve(base, value) : undefined;
    }
    case "boolean":
      return block.boolean(key);
    case "switchOrList":
      return block.booleanOrStrings(key);
    case "count":
      return block.wholeNumber(key);
    case "list":
      return block.strings(key);
    case "paths":
      return block.strings(key)?.map((value) => path.resolve(base, value));
    default: {
      const _exhaustive: never = type;
      return _exhaustive;
    }
  }
}

/**
 * Defaults for `pg-flux push` from the `push` block of flux.json (flags win), its keys those of the
 * option table in the `push` block:
 *
 * ```json
 * { "push": { "reload": false, "reloadChannel": "pgrst", "apiPidFile": "/run/postgrest.pid" } }
 * ```
 *
 * `reload: false` turns the PostgREST reload off for a project without PostgREST; setting any of
 * the three makes push report the reload it requested. `apiPidFile` is resolved against the file's
 * folder.
 */
export type PushDefaults = BlockDefaults<"push">;

export async function loadPushDefaults(cwd: string, configPath?: string): Promise<PushDefaults> {
  return (await loadBlock(cwd, configPath, "push")).defaults;
}

/**
 * The fleet flux.json names, for `pg-flux fleet` run without `--targets`, `--database-url` or
 * `--schemas` (flags win):
 *
 * ```json
 * { "fleet": { "schemas": "t_%_api" } }
 * { "fleet": { "databases": [ { "name": "eu-1", "urlEnv": "EU1_DATABASE_URL", "schemas": "t_%_api" } ] } }
 * ```
 *
 * `schemas` (a LIKE pattern or a comma list, as `--schemas`) or `query` (its first column lists
 * them) select the tenant schemas of `--database-url`/`$DATABASE_URL`; `databases` lists several
 * databases as a targets file does (docs/fleet.md), and excludes the other two.
 */
export interface FleetDefaults {
  /** Absolute path of the flux.json read. */
  readonly file: string;
  /** The `databases` list as written: the engine's parseFleetDatabases checks it. */
  readonly databases?: unknown;
  readonly schemas?: string;
  readonly query?: string;
}

const FLEET_KEYS = new Set(["databases", "schemas", "query"]);

export async function loadFleetDefaults(
  cwd: string,
  configPath?: string,
): Promise<FleetDefaults | undefined> {
  const block = await readBlock(cwd, configPath, "fleet", FLEET_KEYS);
  if (!block) return undefined;
  const databases = block.value("databases");
  const schemas = block.string("schemas");
  const query = block.string("query");
  if (schemas !== undefined && query !== undefined) block.problem("query: give schemas or query, not both");
  if (databases !== undefined && (schemas !== undefined || query !== undefined))
    block.problem("databases: each database names its own schemas; drop fleet.schemas and fleet.query");
  block.done();
  return {
    file: block.file,
    ...(databases !== undefined ? { databases } : {}),
    ...(schemas ? { schemas } : {}),
    ...(query ? { query } : {}),
  };
}

/** Typed reads of one flux.json block; problems are collected and thrown together by `done()`. */
interface BlockReader {
  readonly file: string;
  /** The value as written (checked by the caller). */
  value(key: string): unknown;
  /** A problem of the block (`<file>: <block>.<message>`). */
  problem(message: string): void;
  strings(key: string): string[] | undefined;
  string(key: string): string | undefined;
  boolean(key: string): boolean | undefined;
  wholeNumber(key: string): number | undefined;
  /** true/false, or non-empty strings (one, or an array). */
  booleanOrStrings(key: string): boolean | string[] | undefined;
  /** A duration (`5s`, `500ms`, a bare number of ms), as PostgreSQL takes it. */
  duration(key: string): string | undefined;
  done(): void;
}

/**
 * One top-level block of flux.json (`migrate`, `push`), read through the ledger's reader of the file
 * (the one that also reads its projects). Undefined when the file (unless named with --config) or
 * the block is absent; unknown keys are problems.
 */
async function readBlock(
  cwd: string,
  configPath: string | undefined,
  name: string,
  keys: ReadonlySet<string>,
): Promise<BlockReader | undefined> {
  const read = await ledger().readFluxFile(
    path.resolve(cwd, configPath ?? ledger().FLUX_CONFIG_FILE),
    configPath !== undefined,
  );
  if (!read) return undefined;
  const { file } = read;
  const block = read.sections[name];
  if (block === undefined) return undefined;
  const problems: Problem[] = [];
  const fail = (message: string) => problems.push({ message: `${file}: ${name}.${message}` });
  if (!isRecord(block)) {
    problems.push({ message: `${file}: ${name} must be an object` });
    throw new InvalidInputError(problems);
  }
  for (const key of Object.keys(block))
    if (!keys.has(key)) fail(`${key} is not a known key (known: ${[...keys].join(", ")})`);
  return {
    file,
    value: (key) => block[key],
    problem: fail,
    strings(key) {
      const value = block[key];
      if (value === undefined) return undefined;
      const list = typeof value === "string" ? [value] : value;
      if (!Array.isArray(list) || !list.every((item): item is string => typeof item === "string")) {
        fail(`${key} must be a string or an array of strings`);
        return undefined;
      }
      return list;
    },
    string(key) {
      const value = block[key];
      if (value === undefined) return undefined;
      if (typeof value !== "string") fail(`${key} must be a string`);
      return typeof value === "string" ? value : undefined;
    },
    boolean(key) {
      const value = block[key];
      if (value === undefined) return undefined;
      if (typeof value !== "boolean") fail(`${key} must be true or false`);
      return typeof value === "boolean" ? value : undefined;
    },
    wholeNumber(key) {
      const value = block[key];
      if (value === undefined) return undefined;
      if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
        fail(`${key} must be a whole number`);
        return undefined;
      }
      return value;
    },
    booleanOrStrings(key) {
      const value = block[key];
      if (value === undefined || typeof value === "boolean") return value;
      const list = typeof value === "string" ? [value] : value;
      if (
        !Array.isArray(list) ||
        !list.every((item): item is string => typeof item === "string" && item !== "")
      ) {
        fail(`${key} must be true, false, or a non-empty string or array of them`);
        return undefined;
      }
      return list;
    },
    duration(key) {
      const value = block[key];
      if (value === undefined) return undefined;
      if (typeof value !== "string") {
        fail(`${key} must be a string`);
        return undefined;
      }
      try {
        return engine().parseDuration(value, `${file}: ${name}.${key}`);
      } catch (error) {
        if (!(error instanceof InvalidInputError)) throw error;
        problems.push(...error.problems);
        return undefined;
      }
    },
    done() {
      if (problems.length > 0) throw new InvalidInputError(problems);
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
  const file = path.resolve(options.cwd, options.configPath ?? ledger().FLUX_CONFIG_FILE);
  const config = await ledger()
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
