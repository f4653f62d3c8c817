import path from "node:path";
import type { PlanOptions } from "@pg-flux/core";
import { HAZARD_KINDS, type HazardKind, InvalidInputError } from "@pg-flux/core/basics";
import type { RunLimits } from "@pg-flux/engine";
import { engine } from "../engine.js";
import type { Io } from "../output.js";
import {
  type LoadedDefaults,
  loadMigrateDefaults,
  type MigrateDefaults,
  resolveDatabaseUrl,
} from "./config.js";
import { type CommonArgs, OPTIONS } from "./option-table.js";

export type { CommonArgs };

/** The flags the resolvers below read: every command's, fleet's too (it has its own --schemas and --format). */
type SharedArgs = Omit<CommonArgs, "schemas" | "format">;

export const FORMATS = OPTIONS.format.choices;
export type Format = (typeof FORMATS)[number];

export function readDefaults(argv: SharedArgs, io: Io): Promise<LoadedDefaults> {
  return loadMigrateDefaults(io.cwd, argv.config);
}

export function databaseUrl(argv: SharedArgs, io: Io): Promise<string> {
  return resolveDatabaseUrl({
    cwd: io.cwd,
    env: io.env,
    databaseUrl: argv["database-url"],
    configPath: argv.config,
    project: argv.project,
    hash: argv.hash,
  });
}

export function schemasOf(argv: CommonArgs, defaults: MigrateDefaults): readonly string[] | null {
  if (argv.schemas !== undefined) {
    const list = namesOf(argv.schemas);
    if (list.length === 0) throw new InvalidInputError([{ message: "--schemas: name at least one schema" }]);
    return list;
  }
  return defaults.schemas ?? null;
}

/** The names of a `list` option: repeatable, and each value comma-separated. */
export function namesOf(values: readonly string[]): string[] {
  return values
    .flatMap((value) => value.split(","))
    .map((value) => value.trim())
    .filter(Boolean);
}

export function shadowUrlOf(argv: SharedArgs, defaults: MigrateDefaults, io: Io): string | undefined {
  if (argv["shadow-url"]) return argv["shadow-url"];
  return defaults.shadowUrlEnv ? io.env[defaults.shadowUrlEnv] || undefined : undefined;
}

export function sourcesOf(argv: SharedArgs, defaults: MigrateDefaults): readonly string[] {
  const sources = argv.source && argv.source.length > 0 ? argv.source : defaults.source;
  if (!sources || sources.length === 0) {
    throw new InvalidInputError([
      {
        message: "no desired schema: pass --source <file|dir>",
        hint: 'or set "migrate": { "source": ["schema/"] } in flux.json',
      },
    ]);
  }
  return sources;
}

export function planOptionsOf(argv: SharedArgs, defaults: MigrateDefaults): Partial<PlanOptions> {
  const hint =
    argv["set-not-null-reltuples-hint"] ??
    argv["set-not-null-reltuple-hint"] ??
    defaults.setNotNullReltuplesHint;
  if (hint !== undefined && (!Number.isInteger(hint) || hint < 0)) {
    throw new InvalidInputError([
      { message: `--set-not-null-reltuples-hint: expected a whole number, got ${hint}` },
    ]);
  }
  const autoNotValid = argv["auto-not-valid"] ?? defaults.autoNotValid;
  return {
    ...(autoNotValid === undefined ? {} : { autoNotValid }),
    ...(hint === undefined ? {} : { setNotNullReltuplesHint: hint }),
    ...(argv.verify === undefined ? {} : { verify: argv.verify }),
  };
}

/**
 * `--manage-roles [--manage-roles-pattern p …]`, else flux.json `migrate.manageRoles`: false (roles
 * only required), true (the roles the files create), or patterns (those and the matching roles,
 * dropped when the files no longer create them). `--no-manage-roles` turns flux.json's off.
 */
export function manageRolesOf(argv: SharedArgs, defaults: MigrateDefaults): boolean | readonly string[] {
  const patterns = (argv["manage-roles-pattern"] ?? []).flatMap((p) => p.split(",")).map((p) => p.trim());
  if (argv["manage-roles"] === false) {
    if (patterns.length > 0)
      throw new InvalidInputError([{ message: "--manage-roles-pattern contradicts --no-manage-roles" }]);
    return false;
  }
  if (patterns.some((p) => p === ""))
    throw new InvalidInputError([{ message: "--manage-roles-pattern: a pattern is empty" }]);
  if (patterns.length > 0) return patterns;
  const configured = defaults.manageRoles ?? false;
  // --manage-roles turns it on, with flux.json's patterns when it has some
  if (argv["manage-roles"] === true) return configured === false ? true : configured;
  return configured;
}

/** Where the desired-state cache is (`--cache-dir`, `$PGFLUX_CACHE_DIR`, `.pg-flux-cache`); undefined with --no-cache. */
export function cacheOf(argv: SharedArgs, io: Io): { readonly dir: string } | undefined {
  if (argv.cache === false) return undefined;
  const dir = argv["cache-dir"] || io.env.PGFLUX_CACHE_DIR || engine().DEFAULT_CACHE_DIR;
  return { dir: path.resolve(io.cwd, dir) };
}

export function runLimitsOf(argv: SharedArgs, defaults: MigrateDefaults): Partial<RunLimits> {
  const lock = argv["lock-timeout"] ?? defaults.lockTimeout;
  const statement = argv["statement-timeout"] ?? defaults.statementTimeout;
  return {
    ...(lock === undefined ? {} : { lockTimeout: engine().parseDuration(lock, "--lock-timeout") }),
    ...(statement === undefined
      ? {}
      : { statementTimeout: engine().parseDuration(statement, "--statement-timeout") }),
  };
}

/** The read lock timeout as a PostgreSQL duration, from the flag or flux.json (undefined: the default, 5s). */
export function readLockTimeoutOf(argv: SharedArgs, defaults: MigrateDefaults): string | undefined {
  const value = argv["read-lock-timeout"] ?? defaults.readLockTimeout;
  return value === undefined ? undefined : engine().parseDuration(value, "--read-lock-timeout");
}

/** `--allow-hazards=DATA_LOSS,TABLE_REWRITE` or `all`. */
export function allowedHazardsOf(
  values: readonly string[] | undefined,
  defaults: MigrateDefaults,
): readonly HazardKind[] | "all" {
  const raw = namesOf(values && values.length > 0 ? values : (defaults.allowHazards ?? []));
  if (raw.some((value) => value.toLowerCase() === "all")) return "all";
  const kinds: HazardKind[] = [];
  const unknown: string[] = [];
  for (const value of raw) {
    const kind = HAZARD_KINDS.find((k) => k === value.toUpperCase());
    if (kind) kinds.push(kind);
    else unknown.push(value);
  }
  if (unknown.length > 0) {
    throw new InvalidInputError([
      {
        message: `--allow-hazards: unknown hazard ${unknown.join(", ")}`,
        hint: `use ${HAZARD_KINDS.join(", ")} or all`,
      },
    ]);
  }
  return kinds;
}

export function formatOf(argv: CommonArgs, io: Io): Format {
  return argv.format ?? (io.isTTY ? "human" : "sql");
}

export function colorOf(argv: CommonArgs, io: Io): boolean {
  if (argv.color !== undefined) return argv.color;
  return io.isTTY && !io.env.NO_COLOR;
}
