import type { Argv, Options } from "yargs";

/** The commands that take options from the table. */
export const OPTION_COMMANDS = [
  "migrate plan",
  "migrate generate",
  "migrate apply",
  "diff",
  "dump",
  "inspect",
  "codegen",
  "fleet list",
  "fleet plan",
  "fleet apply",
  "push",
  "migrations list",
  "ledger upgrade",
] as const;
export type OptionCommand = (typeof OPTION_COMMANDS)[number];

/**
 * What an option holds, on the command line and in flux.json:
 * - `string`, `boolean`, `count` (a whole number >= 0);
 * - `duration`: `5s`, `500ms`, a bare number of ms (checked by the engine's parseDuration);
 * - `list`: names, repeatable and comma-separated on the command line; a string or an array of strings
 *   in flux.json;
 * - `paths`: repeatable on the command line; a string or an array in flux.json, resolved against its folder;
 * - `path`: one path; in flux.json resolved against its folder;
 * - `switchOrList`: a boolean flag; in flux.json true, false, or a string or an array of strings.
 */
export type OptionType =
  | "string"
  | "boolean"
  | "count"
  | "duration"
  | "list"
  | "paths"
  | "path"
  | "switchOrList";

/** The blocks of flux.json that hold options: `migrate` (the schema commands), `push`. */
export type ConfigBlock = "migrate" | "push";

export interface OptionSpec {
  /** The flag, without `--`; absent for a flux.json-only setting. */
  readonly flag?: string;
  /** The key in flux.json's block (`block`); absent for a flag-only option. */
  readonly key?: string;
  /** The flux.json block that holds `key`: `migrate` unless given. */
  readonly block?: ConfigBlock;
  readonly type: OptionType;
  readonly help: string;
  /** Help for a command whose use differs (`dump`: the schemas to dump). */
  readonly helpFor?: Partial<Record<OptionCommand, string>>;
  /**
   * The default as help shows it. Where the library applies it (run limits, plan options, the read
   * lock timeout) option-table.test.ts pins it to the library's own value; the CLI passes nothing.
   */
  readonly default?: string;
  readonly choices?: readonly string[];
  /** Older spellings of the flag: still accepted, hidden from help. */
  readonly deprecatedFlags?: readonly string[];
  /** Taking effect only with this flag (yargs `implies`), on commands that have it. */
  readonly implies?: string;
  /** Not to be given with this flag (yargs `conflicts`), on commands that have it. */
  readonly conflicts?: string;
  readonly nargs?: number;
  readonly commands: readonly OptionCommand[];
}

const PLANNING = ["migrate plan", "migrate generate", "migrate apply"] as const;
/** fleet plan and apply plan like migrate (their own --database-url, --schemas, --format: fleet.ts). */
const FLEET_PLANNING = ["fleet plan", "fleet apply"] as const;
/** The commands on the ledger (docs/push.md): they find their database as push does. */
const LEDGER = ["push", "migrations list", "ledger upgrade"] as const;

/**
 * Every option the commands share, once: its flag, its flux.json key (`migrate.<key>`, `push.<key>`),
 * its type, its default and help, and the commands that take it. The yargs options (`withOptions`),
 * the validation of flux.json's `migrate` and `push` blocks (config.ts), the help text and the
 * option lists of docs/cli.md and docs/push.md (option-table.test.ts) all come from here. Options of
 * one command alone (`--check`, `--plan`, `--dry-run`, `push --mode`, `diff --from/--to`…) stay in
 * that command's module.
 */
export const OPTIONS = {
  readLockTimeout: {
    flag: "read-lock-timeout",
    key: "readLockTimeout",
    type: "duration",
    help: "how long reading the database's catalog waits for a lock; then the blocking session is named",
    default: "5s",
    commands: [...PLANNING, "diff", "dump", "inspect", "codegen", "fleet list", ...FLEET_PLANNING],
  },
  databaseUrl: {
    flag: "database-url",
    type: "string",
    help: "connection URL",
    default: "$DATABASE_URL, then flux.json",
    commands: [...PLANNING, "dump", "codegen", ...LEDGER],
  },
  config: {
    flag: "config",
    type: "string",
    help: "flux.json to read defaults and projects from",
    default: "./flux.json",
    commands: [...PLANNING, "diff", "dump", "codegen", ...LEDGER],
  },
  project: {
    flag: "project",
    type: "string",
    help: "take the connection of this flux.json project (see pg-flux list)",
    commands: [...PLANNING, "dump", "codegen", ...LEDGER],
  },
  hash: {
    flag: "hash",
    type: "string",
    help: "the project's 7-character hash, when slugs repeat",
    commands: [...PLANNING, "dump", "codegen", ...LEDGER],
  },
  tenantSchema: {
    flag: "tenant-schema",
    type: "string",
    help: "pooled tenant schema (t_<shortId>_api): sets search_path and keys the ledger",
    default: "the flux.json project's",
    commands: LEDGER,
  },
  reload: {
    flag: "reload",
    key: "reload",
    block: "push",
    type: "boolean",
    help: "NOTIFY PostgREST to reload its schema cache after SQL runs",
    default: "on",
    commands: ["push"],
  },
  reloadChannel: {
    flag: "reload-channel",
    key: "reloadChannel",
    block: "push",
    type: "string",
    help: "NOTIFY channel PostgREST listens on",
    default: "pgrst",
    commands: ["push"],
  },
  apiPid: {
    flag: "api-pid",
    type: "count",
    help: "send SIGUSR1 to this API process after SQL runs",
    conflicts: "api-pid-file",
    commands: ["push"],
  },
  apiPidFile: {
    flag: "api-pid-file",
    key: "apiPidFile",
    block: "push",
    type: "path",
    help: "read the API process id from this file",
    commands: ["push"],
  },
  source: {
    flag: "source",
    key: "source",
    type: "paths",
    help: "desired-state SQL file or directory; repeatable",
    commands: [...PLANNING, "codegen", ...FLEET_PLANNING],
  },
  schemas: {
    flag: "schemas",
    key: "schemas",
    type: "list",
    help: "comma-separated schemas to manage; others are left alone",
    helpFor: { dump: "comma-separated schemas to dump", inspect: "comma-separated schemas to read" },
    default: "every non-system schema",
    commands: [...PLANNING, "diff", "dump", "inspect", "codegen"],
  },
  shadowUrl: {
    flag: "shadow-url",
    type: "string",
    help: "server for the scratch work (load, verification) instead of an embedded PostgreSQL of the target's major; the target is never used unless named here",
    commands: [...PLANNING, "diff", "codegen"],
  },
  shadowUrlEnv: {
    key: "shadowUrlEnv",
    type: "string",
    help: "the environment variable holding the --shadow-url (flux.json only: no secret in the file)",
    commands: [...PLANNING, "diff", "codegen"],
  },
  autoNotValid: {
    flag: "auto-not-valid",
    key: "autoNotValid",
    type: "boolean",
    help: "add FK/CHECK constraints NOT VALID, then VALIDATE in autocommit",
    default: "on",
    commands: [...PLANNING, "diff", ...FLEET_PLANNING],
  },
  setNotNullReltuplesHint: {
    flag: "set-not-null-reltuples-hint",
    key: "setNotNullReltuplesHint",
    type: "count",
    help: "SET NOT NULL on tables with at least this many rows uses the CHECK pattern",
    default: "10000",
    deprecatedFlags: ["set-not-null-reltuple-hint"],
    commands: [...PLANNING, "diff", ...FLEET_PLANNING],
  },
  verify: {
    flag: "verify",
    type: "boolean",
    help: "apply the plan to a scratch copy and re-diff before using it",
    default: "on",
    commands: [...PLANNING, ...FLEET_PLANNING],
  },
  manageRoles: {
    flag: "manage-roles",
    key: "manageRoles",
    type: "switchOrList",
    help: "create, change and rename (by hint) the roles the files create; never drops one without --manage-roles-pattern",
    default: "off, roles are only required; in flux.json true or a list of patterns",
    commands: [...PLANNING, ...FLEET_PLANNING],
  },
  manageRolesPattern: {
    flag: "manage-roles-pattern",
    type: "list",
    help: "with --manage-roles: existing roles matching this pattern (* any run: app_*) are managed too, and dropped (ROLE_DROP) when the files no longer create them (repeatable)",
    commands: [...PLANNING, ...FLEET_PLANNING],
  },
  cache: {
    flag: "cache",
    type: "boolean",
    help: "reuse the desired state normalized by an earlier run of the same files on an equal scratch server",
    default: "on",
    commands: [...PLANNING, ...FLEET_PLANNING],
  },
  cacheDir: {
    flag: "cache-dir",
    type: "string",
    help: "folder of that cache",
    default: "$PGFLUX_CACHE_DIR, else .pg-flux-cache, which ignores itself in git",
    commands: [...PLANNING, ...FLEET_PLANNING],
  },
  format: {
    flag: "format",
    type: "string",
    choices: ["human", "sql", "json", "markdown"],
    help: "output: human (default on a TTY), sql (default otherwise), json, markdown (PR comment)",
    commands: ["migrate plan", "migrate apply", "diff"],
  },
  color: {
    flag: "color",
    type: "boolean",
    help: "color the human format",
    default: "on a TTY",
    commands: ["migrate plan", "migrate apply", "diff"],
  },
  allowHazards: {
    flag: "allow-hazards",
    key: "allowHazards",
    type: "list",
    help: "blocking hazards to allow: DATA_LOSS,TABLE_REWRITE,LONG_LOCK,ROLE_DROP,PUBLICATION_DROP or all",
    implies: "fail-on-hazards",
    commands: ["migrate plan", "migrate apply", "diff", "fleet apply"],
  },
  failOnHazards: {
    flag: "fail-on-hazards",
    type: "boolean",
    help: "exit 3 when the plan has blocking hazards not allowed (what migrate apply would refuse)",
    commands: ["migrate plan", "diff"],
  },
  lockTimeout: {
    flag: "lock-timeout",
    key: "lockTimeout",
    type: "duration",
    help: "lock_timeout per step, e.g. 5s, 500ms; retried with backoff, then the run stops",
    default: "5s",
    commands: ["migrate apply", "fleet apply"],
  },
  statementTimeout: {
    flag: "statement-timeout",
    key: "statementTimeout",
    type: "duration",
    help: "statement_timeout for short steps; VALIDATE/CONCURRENTLY/rewrites run without one",
    default: "60s",
    commands: ["migrate apply", "fleet apply"],
  },
  out: {
    flag: "out",
    key: "out",
    type: "path",
    help: "migrations folder, or - for stdout",
    default: "migrations/",
    nargs: 1,
    commands: ["migrate generate"],
  },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;

/** The parsed flags of the table's options, as yargs names them (older spellings included). */
export type CommonArgs = {
  readonly [N in OptionName as FlagsOf<(typeof OPTIONS)[N]>]?: FlagValue<(typeof OPTIONS)[N]> | undefined;
};

type FlagsOf<Spec> = Spec extends { readonly flag: infer F extends string }
  ? F | (Spec extends { readonly deprecatedFlags: readonly (infer D extends string)[] } ? D : never)
  : never;
type FlagValue<Spec extends OptionSpec> = Spec extends { readonly choices: readonly (infer C)[] }
  ? C
  : Spec["type"] extends "boolean" | "switchOrList"
    ? boolean
    : Spec["type"] extends "count"
      ? number
      : Spec["type"] extends "list" | "paths"
        ? readonly string[]
        : string;

/** The table as plain rows (for code that walks every option). */
export const OPTION_ROWS: readonly (readonly [OptionName, OptionSpec])[] = Object.entries(OPTIONS) as [
  OptionName,
  OptionSpec,
][];

/** The options that have a key in this block of flux.json, by key. */
export function configKeys(block: ConfigBlock): ReadonlyMap<string, OptionSpec> {
  return new Map(
    OPTION_ROWS.flatMap(([, spec]) =>
      spec.key === undefined || (spec.block ?? "migrate") !== block ? [] : [[spec.key, spec] as const],
    ),
  );
}

/** The options that have a key in flux.json's `migrate` block, by key. */
export const CONFIG_KEYS: ReadonlyMap<string, OptionSpec> = configKeys("migrate");

/** Older spellings of flags, each with the flag to use instead. */
export const DEPRECATED_FLAGS: readonly (readonly [string, string])[] = OPTION_ROWS.flatMap(([, spec]) =>
  (spec.deprecatedFlags ?? []).map((old) => [old, spec.flag ?? old] as const),
);

/** The help line of an option: what it does, its default, its flux.json key. */
export function helpOf(spec: OptionSpec, command: OptionCommand): string {
  const notes = [
    ...(spec.default === undefined
      ? []
      : [`default ${spec.default}${spec.type === "boolean" && spec.flag ? `, --no-${spec.flag}` : ""}`]),
    ...(spec.key === undefined ? [] : [`flux.json ${spec.block ?? "migrate"}.${spec.key}`]),
  ];
  const help = spec.helpFor?.[command] ?? spec.help;
  return notes.length === 0 ? help : `${help} (${notes.join("; ")})`;
}

/** The yargs definition of an option's flag. */
function yargsOption(spec: OptionSpec, command: OptionCommand): Options {
  const type: Options["type"] =
    spec.type === "boolean" || spec.type === "switchOrList"
      ? "boolean"
      : spec.type === "count"
        ? "number"
        : "string";
  return {
    ...(spec.choices ? { choices: spec.choices } : { type }),
    ...(spec.type === "paths" || spec.type === "list" ? { array: true } : {}),
    ...(spec.nargs === undefined ? {} : { nargs: spec.nargs }),
    describe: helpOf(spec, command),
  };
}

/** Adds the table's options of `command` to its yargs builder, in table order. */
export function withOptions<T>(yargs: Argv<T>, command: OptionCommand): Argv<T & CommonArgs> {
  let parser = yargs as Argv<T & CommonArgs>;
  const flags = new Set(
    OPTION_ROWS.filter(([, spec]) => spec.commands.includes(command)).flatMap(([, spec]) =>
      spec.flag ? [spec.flag] : [],
    ),
  );
  for (const [, spec] of OPTION_ROWS) {
    if (!spec.flag || !spec.commands.includes(command)) continue;
    parser = parser.option(spec.flag, yargsOption(spec, command));
    for (const old of spec.deprecatedFlags ?? [])
      parser = parser.option(old, {
        ...yargsOption(spec, command),
        hidden: true,
        deprecated: `use --${spec.flag}`,
      });
    if (spec.implies && flags.has(spec.implies)) parser = parser.implies(spec.flag, spec.implies);
    if (spec.conflicts && flags.has(spec.conflicts)) parser = parser.conflicts(spec.flag, spec.conflicts);
  }
  return parser;
}
