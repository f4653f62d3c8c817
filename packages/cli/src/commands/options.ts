import path from "node:path";
import type { PlanOptions } from "@pg-flux/core";
import { HAZARD_KINDS, type HazardKind, InvalidInputError } from "@pg-flux/core/basics";
import type { RunLimits } from "@pg-flux/engine";
import type { Argv } from "yargs";
import { engine } from "../engine.js";
import type { Io } from "../output.js";
import {
  type LoadedDefaults,
  loadMigrateDefaults,
  type MigrateDefaults,
  resolveDatabaseUrl,
} from "./config.js";

export const FORMATS = ["human", "sql", "json", "markdown"] as const;
export type Format = (typeof FORMATS)[number];

/** `--read-lock-timeout`: how long reading the live catalog waits behind another session's lock. */
export function withReadLockTimeoutOption<T>(yargs: Argv<T>) {
  return yargs.option("read-lock-timeout", {
    type: "string",
    describe:
      "how long reading the database's catalog waits for a lock (default 5s); then the blocking session is named",
  });
}

/** `--database-url --config --project --hash --read-lock-timeout`: which database, and how it is read. */
export function withDatabaseOptions<T>(yargs: Argv<T>) {
  return withReadLockTimeoutOption(yargs)
    .option("database-url", {
      type: "string",
      describe: "connection URL (default: $DATABASE_URL, then flux.json)",
    })
    .option("config", {
      type: "string",
      describe: "flux.json to read defaults and projects from (default: ./flux.json)",
    })
    .option("project", { type: "string", describe: "take the connection of this flux.json project" })
    .option("hash", { type: "string", describe: "the project's 7-character hash, when slugs repeat" });
}

/** `--schemas --shadow-url`: what is managed and where the scratch work runs. */
export function withScopeOptions<T>(yargs: Argv<T>) {
  return yargs
    .option("schemas", {
      type: "string",
      describe: "comma-separated schemas to manage (default: every non-system schema); others are left alone",
    })
    .option("shadow-url", {
      type: "string",
      describe:
        "server for the scratch work (load, verification) instead of an embedded PostgreSQL of the target's major; the target is never used unless named here",
    });
}

/** `--auto-not-valid --set-not-null-reltuple-hint --verify`: how the planner plans. */
export function withPlannerOptions<T>(yargs: Argv<T>) {
  return yargs
    .option("auto-not-valid", {
      type: "boolean",
      describe:
        "add FK/CHECK constraints NOT VALID, then VALIDATE in autocommit (default on; --no-auto-not-valid)",
    })
    .option("set-not-null-reltuple-hint", {
      type: "number",
      describe: "SET NOT NULL on tables with at least this many rows uses the CHECK pattern (default 10000)",
    })
    .option("verify", {
      type: "boolean",
      describe: "apply the plan to a scratch copy and re-diff before using it (default on; --no-verify)",
    })
    .option("manage-roles", {
      type: "boolean",
      describe:
        "create, change and rename (by hint) the roles the files create; never drops one without --manage-roles-pattern (default: flux.json migrate.manageRoles, else off: roles are only required)",
    })
    .option("manage-roles-pattern", {
      type: "string",
      array: true,
      describe:
        "with --manage-roles: existing roles matching this pattern (* any run: app_*) are managed too, and dropped (ROLE_DROP) when the files no longer create them (repeatable)",
    })
    .option("cache", {
      type: "boolean",
      describe:
        "reuse the desired state normalized by an earlier run of the same files on an equal scratch server (default on; --no-cache)",
    })
    .option("cache-dir", {
      type: "string",
      describe:
        "folder of that cache (default: $PGFLUX_CACHE_DIR, else .pg-flux-cache, which ignores itself in git)",
    });
}

/** `--source`: desired SQL, repeatable. */
export function withSourceOptions<T>(yargs: Argv<T>) {
  return yargs.option("source", {
    type: "string",
    array: true,
    describe: "desired-state SQL file or directory (repeatable; default: flux.json migrate.source)",
  });
}

export function withFormatOption<T>(yargs: Argv<T>) {
  return yargs
    .option("format", {
      choices: FORMATS,
      describe: "output: human (default on a TTY), sql (default otherwise), json, markdown (PR comment)",
    })
    .option("color", { type: "boolean", describe: "color the human format (default on a TTY; --no-color)" });
}

/** `--allow-hazards`: blocking hazards the user accepts (migrate apply, and the gate below). */
export function withAllowHazardsOption<T>(yargs: Argv<T>) {
  return yargs.option("allow-hazards", {
    type: "string",
    array: true,
    describe:
      "blocking hazards to allow: DATA_LOSS,TABLE_REWRITE,LONG_LOCK,ROLE_DROP or all (default: flux.json)",
  });
}

/**
 * `--fail-on-hazards [--allow-hazards …]` on commands that only plan: exit 3 when the plan holds a
 * blocking hazard that is not allowed — exactly what `migrate apply` would refuse — after printing
 * the plan. A review in CI fails on what the deployment would refuse, without a database to apply to.
 */
export function withHazardGateOptions<T>(yargs: Argv<T>) {
  return withAllowHazardsOption(yargs)
    .option("fail-on-hazards", {
      type: "boolean",
      describe: "exit 3 when the plan has blocking hazards not allowed (what migrate apply would refuse)",
    })
    .implies("allow-hazards", "fail-on-hazards");
}

export function withRunOptions<T>(yargs: Argv<T>) {
  return yargs
    .option("lock-timeout", {
      type: "string",
      describe:
        "lock_timeout per step, e.g. 5s, 500ms (default 5s); retried with backoff, then the run stops",
    })
    .option("statement-timeout", {
      type: "string",
      describe:
        "statement_timeout for short steps (default 60s); VALIDATE/CONCURRENTLY/rewrites run without one",
    });
}

export interface CommonArgs {
  readonly "database-url"?: string | undefined;
  readonly config?: string | undefined;
  readonly project?: string | undefined;
  readonly hash?: string | undefined;
  readonly schemas?: string | undefined;
  readonly "shadow-url"?: string | undefined;
  readonly "auto-not-valid"?: boolean | undefined;
  readonly "set-not-null-reltuple-hint"?: number | undefined;
  readonly verify?: boolean | undefined;
  readonly "manage-roles"?: boolean | undefined;
  readonly "manage-roles-pattern"?: readonly string[] | undefined;
  readonly cache?: boolean | undefined;
  readonly "cache-dir"?: string | undefined;
  readonly source?: readonly string[] | undefined;
  readonly format?: Format | undefined;
  readonly color?: boolean | undefined;
  readonly "lock-timeout"?: string | undefined;
  readonly "statement-timeout"?: string | undefined;
  readonly "read-lock-timeout"?: string | undefined;
  readonly "allow-hazards"?: readonly string[] | undefined;
  readonly "fail-on-hazards"?: boolean | undefined;
}

export function readDefaults(argv: CommonArgs, io: Io): LoadedDefaults {
  return loadMigrateDefaults(io.cwd, argv.config);
}

export function databaseUrl(argv: CommonArgs, io: Io): Promise<string> {
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
    const list = argv.schemas
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (list.length === 0) throw new InvalidInputError([{ message: "--schemas: name at least one schema" }]);
    return list;
  }
  return defaults.schemas ?? null;
}

export function shadowUrlOf(argv: CommonArgs, defaults: MigrateDefaults, io: Io): string | undefined {
  if (argv["shadow-url"]) return argv["shadow-url"];
  return defaults.shadowUrlEnv ? io.env[defaults.shadowUrlEnv] || undefined : undefined;
}

export function sourcesOf(argv: CommonArgs, defaults: MigrateDefaults): readonly string[] {
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

export function planOptionsOf(argv: CommonArgs, defaults: MigrateDefaults): Partial<PlanOptions> {
  const hint = argv["set-not-null-reltuple-hint"] ?? defaults.setNotNullReltuplesHint;
  if (hint !== undefined && (!Number.isInteger(hint) || hint < 0)) {
    throw new InvalidInputError([
      { message: `--set-not-null-reltuple-hint: expected a whole number, got ${hint}` },
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
export function manageRolesOf(argv: CommonArgs, defaults: MigrateDefaults): boolean | readonly string[] {
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
export function cacheOf(argv: CommonArgs, io: Io): { readonly dir: string } | undefined {
  if (argv.cache === false) return undefined;
  const dir = argv["cache-dir"] || io.env.PGFLUX_CACHE_DIR || engine().DEFAULT_CACHE_DIR;
  return { dir: path.resolve(io.cwd, dir) };
}

export function runLimitsOf(argv: CommonArgs, defaults: MigrateDefaults): Partial<RunLimits> {
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
export function readLockTimeoutOf(argv: CommonArgs, defaults: MigrateDefaults): string | undefined {
  const value = argv["read-lock-timeout"] ?? defaults.readLockTimeout;
  return value === undefined ? undefined : engine().parseDuration(value, "--read-lock-timeout");
}

/** `--allow-hazards=DATA_LOSS,TABLE_REWRITE` or `all`. */
export function allowedHazardsOf(
  values: readonly string[] | undefined,
  defaults: MigrateDefaults,
): readonly HazardKind[] | "all" {
  const raw = (values && values.length > 0 ? values : (defaults.allowHazards ?? []))
    .flatMap((value) => value.split(","))
    .map((value) => value.trim())
    .filter(Boolean);
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
