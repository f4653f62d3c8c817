import {
  decodeId,
  InvalidInputError,
  ids,
  namedList,
  operatorId,
  type Problem,
  type SchemaState,
  type SourceLocation,
  type UnmanagedObject,
} from "@pg-flux/core";
import { inspectWithStats } from "@pg-flux/inspector";
import {
  analyzeScript,
  type DesiredScript,
  lineText,
  loadParser,
  objectLocations,
  type RenameHint,
  readSources,
  type SourceInput,
  type Statement,
} from "@pg-flux/parser";
import type { PostgresMajor } from "../embedded/binaries.js";
import {
  desiredKey,
  type NormalizedDesired,
  readCachedDesired,
  storeCachedDesired,
} from "./cache/cached-desired.js";
import { DesiredCache, type DesiredCacheOptions } from "./cache/desired-cache.js";
import { runSteps } from "./load-steps.js";
import { missingRolesError, requireTargetRoles, type ScriptRoles } from "./roles.js";
import { type ScratchHost, type ScratchSite, scratchSite, siteOf, withClient } from "./scratch-host.js";

export interface LoadDesiredStateOptions {
  /**
   * A server where pg-flux may create (and drop) `pgflux_shadow_*` databases and a throwaway
   * `pgflux_load_*` role: used instead of an embedded server.
   */
  readonly shadowUrl?: string;
  /**
   * The database being migrated, only read: its major picks the embedded server and its role owns
   * what the load creates. Never used for scratch work.
   */
  readonly targetUrl?: string;
  /** Managed schemas (default: every non-system schema). */
  readonly schemas?: readonly string[];
  /** Major of the embedded server, when one is started (default: the target's, else 18). */
  readonly embeddedMajor?: PostgresMajor;
  /**
   * An already open scratch host (shared with other scratch work of the same command, opened with
   * the same target); not closed here. `shadowUrl`, `targetUrl` and `embeddedMajor` are then unused.
   */
  readonly host?: ScratchHost;
  /** Base for relative paths and `\i` (default: process.cwd()). */
  readonly cwd?: string;
  /**
   * The target must have every role the files declare or name (checked on `targetUrl` before the
   * load; MissingRolesError otherwise). Set when the desired state is planned against the target.
   */
  readonly requireTargetRoles?: boolean;
  /** psql variables (`psql -v name=value`). */
  readonly variables?: Readonly<Record<string, string>>;
  /**
   * A folder of normalized desired states (DesiredCache): a state loaded before from the same files
   * on an equal scratch server is read from it instead of being parsed and loaded again, and a state
   * loaded here is stored in it. Default: none (the CLI uses `.pg-flux-cache`; docs/desired-state.md).
   */
  readonly cache?: DesiredCacheOptions | undefined;
  /**
   * Wall time of each step once it is done: `cache` (the files read and looked up in the cache, when
   * one is given), `parse` (parse and validate the files), `load` (create the scratch database, run
   * the statements), `inspect` (read it back); only `cache` when the state came from the cache.
   * Opening a scratch host (when none is given) is in no phase. For planMigration's phases.
   */
  readonly onPhase?: (phase: DesiredPhase, ms: number) => void;
}

export type DesiredPhase = "cache" | "parse" | "load" | "inspect";

export interface DesiredState extends NormalizedDesired {
  readonly warnings: readonly string[];
  readonly placement: ScratchHost["placement"];
}

/**
 * Reads desired-state SQL and normalizes it through a scratch database: parse and validate every
 * file (all problems at once), load the statements in dependency order into a fresh database,
 * read it back with the inspector. The scratch database is dropped on every path out. With a
 * `cache`, files normalized before on an equal scratch server are neither parsed nor loaded.
 *
 * Where (see openScratchHost): an embedded PostgreSQL of the target's major, or the shadow server;
 * never the target. Owners: objects belong to the role that creates them, and read as the target's
 * role. On the embedded server the load runs under `SET SESSION AUTHORIZATION <the target's current
 * user>`, a role created there as a NOLOGIN superuser (the server is throwaway, and the files'
 * OWNER TO / GRANT need the privileges); every other role the files declare or name is created NOLOGIN (the
 * files' role statements are declarations, never run). On a
 * shadow server the load runs as a throwaway role with no server-wide privilege, whose name is
 * replaced by the target's role in the state read back; a role the files declare or name that the shadow
 * server lacks is a MissingRolesError naming it, as it is on the target with `requireTargetRoles`.
 *
 * Throws InvalidInputError listing every problem (file:line:col) when the files are invalid or a
 * statement never loads.
 */
export async function loadDesiredState(
  sources: readonly SourceInput[],
  options: LoadDesiredStateOptions = {},
): Promise<DesiredState> {
  const site = options.host
    ? siteOf(options.host)
    : await scratchSite({
        shadowUrl: options.shadowUrl,
        targetUrl: options.targetUrl,
        embeddedMajor: options.embeddedMajor,
      });
  try {
    const desired = await readDesired(sources, site, options);
    if (options.requireTargetRoles && options.targetUrl)
      await requireTargetRoles(options.targetUrl, desired.roles);
    return await desired.load();
  } finally {
    await site.close();
  }
}

/** The desired state once the files are read: from the cache, or parsed and ready to load. */
export interface PendingDesired {
  /** What the files say about roles (for requireTargetRoles). */
  readonly roles: ScriptRoles;
  /** True when the state comes from the cache: load() opens no scratch server. */
  readonly cached: boolean;
  /** The normalized state: the cached one, or the files loaded on the site's host (then stored in the cache). */
  load(): Promise<DesiredState>;
}

/**
 * The first half of loadDesiredState, for callers that do other work between reading the files and
 * loading them (planMigration reads the live database meanwhile): read the files (`\i` followed),
 * look them up in the cache; on a miss, start opening the site's host (an embedded server starts
 * while the files are parsed) and parse and validate them (InvalidInputError listing every problem).
 */
export async function readDesired(
  sources: readonly SourceInput[],
  site: ScratchSite,
  options: Pick<LoadDesiredStateOptions, "cwd" | "variables" | "schemas" | "cache" | "onPhase">,
): Promise<PendingDesired> {
  const started = performance.now();
  const script = readSources(sources, {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.variables ? { variables: options.variables } : {}),
  });
  const cache = options.cache ? new DesiredCache(options.cache) : null;
  const key = cache
    ? await desiredKey(script, site, { schemas: options.schemas, variables: options.variables })
    : null;
  const hit = cache && key ? await readCachedDesired(cache, key, site) : undefined;
  if (cache) options.onPhase?.("cache", performance.now() - started);
  if (hit) {
    const { warnings } = await site.describe();
    const desired: DesiredState = {
      state: hit.state,
      hints: hit.hints,
      typeHints: hit.typeHints,
      locations: hit.locations,
      warnings,
      placement: site.placement,
    };
    return { roles: hit, cached: true, load: async () => desired };
  }
  site.open().catch(() => undefined); // awaited by load(); a failure meanwhile is not unhandled
  const parseStarted = performance.now();
  await loadParser();
  const parsed = analyzeScript(script);
  if (parsed.problems.length > 0) throw new InvalidInputError(parsed.problems);
  options.onPhase?.("parse", performance.now() - parseStarted);
  return {
    roles: parsed,
    cached: false,
    async load() {
      const desired = await loadScript(parsed, await site.open(), options);
      if (!cache || !key) return desired;
      try {
        await storeCachedDesired(cache, key, site, parsed, desired);
        return desired;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return {
          ...desired,
          warnings: [...desired.warnings, `the desired state was not cached in ${cache.dir}: ${reason}`],
        };
      }
    },
  };
}

/**
 * The second half of loadDesiredState, for a desired state already read and validated (planMigration
 * parses the files while its scratch server starts): load it into a fresh database of `host`, read
 * it back, drop the database. Reports the `load` and `inspect` phases.
 */
export async function loadScript(
  script: DesiredScript,
  host: ScratchHost,
  options: Pick<LoadDesiredStateOptions, "schemas" | "onPhase"> = {},
): Promise<DesiredState> {
  let phaseStarted = performance.now();
  const phaseDone = (phase: "load" | "inspect") => {
    const now = performance.now();
    options.onPhase?.(phase, now - phaseStarted);
    phaseStarted = now;
  };
  const missing = await host.provideRoles(script.roles);
  if (missing.length > 0) throw missingRolesError("the shadow server", missing, script);
  const db = await host.createDatabase();
  let state: SchemaState;
  const warnings: string[] = [];
  try {
    await withClient(db.url, async (client) => {
      await host.beginLoad(client);
      const problems = await runSteps(client, script.steps, script.objects);
      if (problems.length > 0) throw new InvalidInputError(problems);
    });
    phaseDone("load");
    const read = await inspectWithStats(db.url, options.schemas ? { schemas: options.schemas } : {});
    phaseDone("inspect");
    // an extension's object whose privileges no statement of the files names (a bulk GRANT … ON ALL
    // … IN SCHEMA, default privileges, dynamic SQL) is said in a warning; everything else is refused
    const found = read.unmanaged.map((object) => ({
      object,
      grant: object.kind === EXTENSION_GRANT ? grantNaming(script, object.name) : undefined,
    }));
    const unnamed = found.filter(({ object, grant }) => object.kind === EXTENSION_GRANT && !grant);
    const refused = found.filter((entry) => !unnamed.includes(entry));
    if (refused.length > 0) {
      throw new InvalidInputError(
        refused.map(({ object, grant }) =>
          grant ? extensionGrantProblem(object, grant) : unmanagedProblem(object),
        ),
      );
    }
    if (unnamed.length > 0) warnings.push(extensionGrantsWarning(unnamed.map(({ object }) => object.name)));
    state = host.toTarget(read.state);
  } finally {
    await db.drop().catch(() => undefined);
  }
  return {
    state,
    hints: script.hints.map((hint) => withServerFunctionId(hint, state)),
    typeHints: script.typeHints,
    locations: locationsFor(script, state),
    warnings: [...host.warnings, ...warnings],
    placement: host.placement,
  };
}

/** The unmanaged kind of an extension's object whose privileges differ from its initial ones. */
const EXTENSION_GRANT = "extension member privilege";

function extensionGrantsWarning(names: readonly string[]): string {
  const them = names.length === 1 ? "it" : "them";
  return `the desired state changes the privileges of ${names.length} object${names.length === 1 ? "" : "s"} that extensions created (${namedList(names)}) without naming ${them} (GRANT … ON ALL … IN SCHEMA, default privileges, or SQL the parser cannot see): pg-flux does not manage the privileges of an extension's objects, so no plan applies these; keep such grants in a versioned migration run by \`pg-flux push\` (docs/push.md)`;
}

/** A GRANT/REVOKE of the files (`grant`) on an extension's object: it would be lost from every plan. */
function extensionGrantProblem(object: UnmanagedObject, grant: Statement): Problem {
  return {
    message: `the desired state changes the privileges of ${object.name}, which an extension created: pg-flux does not manage the privileges of an extension's objects (they are the extension's, like the objects), so the statement would be left out of every plan`,
    location: grant.location,
    sourceLine: lineText(grant.script.file, grant.location.line),
    hint: "remove the GRANT/REVOKE from the desired state and keep it in a versioned migration run by `pg-flux push` (docs/push.md); pg-flux leaves the live privileges of an extension's objects alone",
  };
}

/**
 * The parser refuses the statements of kinds pg-flux does not manage; one that still made such an
 * object (dynamic SQL in a DO block, a function the files call) is caught here, after the load.
 */
function unmanagedProblem(object: UnmanagedObject): Problem {
  return {
    message: `loading the desired state created ${object.kind} ${object.name}, which pg-flux does not manage (a DO block or a function the files call made it): it would be left out of every plan`,
    hint: "remove the code that creates it from the desired state and keep it in a versioned migration run by `pg-flux push` (docs/push.md)",
  };
}

/**
 * The GRANT or REVOKE statement of the files that names the object `name` reads (`function
 * public.similarity(text,text)`: its bare name `similarity`) itself, not by `ALL … IN SCHEMA`; or
 * undefined when none does.
 */
function grantNaming(script: DesiredScript, name: string): Statement | undefined {
  const qualified = name.slice(name.indexOf(" ") + 1).split("(")[0] ?? "";
  const bare = (qualified.split(".").pop() ?? "").replace(/^"(.*)"$/, "$1").replaceAll('""', '"');
  const spelled = JSON.stringify(bare);
  return script.statements.find((statement) => {
    const grant = (statement.node as { GrantStmt?: { targtype?: string } }).GrantStmt;
    return grant?.targtype === "ACL_TARGET_OBJECT" && JSON.stringify(grant).includes(spelled);
  });
}

/**
 * The parser renders a function's identity arguments from the AST; the server's text
 * (`pg_get_function_identity_arguments`) is what ids use. When the name is not overloaded, take the
 * server's.
 */
function serverFunctionId(id: string, state: SchemaState): string {
  const wanted = decodeId(id);
  // an operator's argument types too, as format_type prints them (`public.email`)
  const routines =
    wanted?.kind === "function"
      ? state.functions
      : wanted?.kind === "aggregate"
        ? state.aggregates
        : wanted?.kind === "operator"
          ? state.operators
          : null;
  if (!wanted || !routines || id in routines) return id;
  const [schema, name] = wanted.names;
  const matches = Object.values(routines).filter((fn) => fn.schema === schema && fn.name === name);
  const [only, ...others] = matches;
  return only && others.length === 0 ? only.id : id;
}

function withServerFunctionId(hint: RenameHint, state: SchemaState): RenameHint {
  if (hint.kind === "operator") {
    const targetId = serverFunctionId(hint.targetId, state);
    const operator = state.operators[targetId];
    if (targetId === hint.targetId || !operator) return hint;
    const fromSchema = hint.from.schema ?? operator.schema;
    return {
      ...hint,
      targetId,
      fromId: operatorId(fromSchema, hint.from.name, operator.leftType, operator.rightType),
    };
  }
  if (hint.kind !== "function" && hint.kind !== "aggregate") return hint;
  const targetId = serverFunctionId(hint.targetId, state);
  if (targetId === hint.targetId) return hint;
  const routine = hint.kind === "function" ? state.functions[targetId] : state.aggregates[targetId];
  if (!routine) return hint;
  const idFor = hint.kind === "function" ? ids.function : ids.aggregate;
  const fromId = idFor(hint.from.schema ?? routine.schema, hint.from.name, routine.identityArguments);
  return { ...hint, targetId, fromId };
}

function locationsFor(script: DesiredScript, state: SchemaState): Record<string, SourceLocation> {
  const located: Record<string, SourceLocation> = {};
  for (const [id, location] of Object.entries(objectLocations(script.objects))) {
    const key = serverFunctionId(id, state);
    if (!(key in located)) located[key] = location;
  }
  return located;
}
