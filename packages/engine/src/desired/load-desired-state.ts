import {
  InvalidInputError,
  ids,
  type Problem,
  type SchemaState,
  type SourceLocation,
  type UnmanagedObject,
} from "@pg-flux/core";
import { inspectWithStats } from "@pg-flux/inspector";
import {
  type DesiredScript,
  objectLocations,
  type RenameHint,
  readDesiredState,
  type SourceInput,
  type TypeHint,
} from "@pg-flux/parser";
import type { PostgresMajor } from "../embedded/binaries.js";
import { runSteps } from "./load-steps.js";
import { missingRolesError, requireTargetRoles } from "./roles.js";
import { openScratchHost, type ScratchHost, withClient } from "./scratch-host.js";

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
   * Wall time of each step once it is done: `parse` (read, parse, validate the files), `load` (create
   * the scratch database, run the statements), `inspect` (read it back). Opening a scratch host (when
   * none is given) is in no phase. For planMigration's phases.
   */
  readonly onPhase?: (phase: "parse" | "load" | "inspect", ms: number) => void;
}

export interface DesiredState {
  readonly state: SchemaState;
  readonly hints: readonly RenameHint[];
  /** `-- @tstype` hints (for codegen), by column id. */
  readonly typeHints: readonly TypeHint[];
  /** Object id → where the files define it. */
  readonly locations: Readonly<Record<string, SourceLocation>>;
  readonly warnings: readonly string[];
  readonly placement: ScratchHost["placement"];
}

/**
 * Reads desired-state SQL and normalizes it through a scratch database: parse and validate every
 * file (all problems at once), load the statements in dependency order into a fresh database,
 * read it back with the inspector. The scratch database is dropped on every path out.
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
  const started = performance.now();
  const script = await readDesiredState(sources, {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.variables ? { variables: options.variables } : {}),
  });
  if (options.requireTargetRoles && options.targetUrl) await requireTargetRoles(options.targetUrl, script);
  options.onPhase?.("parse", performance.now() - started);
  const host =
    options.host ??
    (await openScratchHost({
      shadowUrl: options.shadowUrl,
      targetUrl: options.targetUrl,
      embeddedMajor: options.embeddedMajor,
    }));
  try {
    return await loadScript(script, host, options);
  } finally {
    if (!options.host) await host.close();
  }
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
  try {
    await withClient(db.url, async (client) => {
      await host.beginLoad(client);
      const problems = await runSteps(client, script.steps, script.objects);
      if (problems.length > 0) throw new InvalidInputError(problems);
    });
    phaseDone("load");
    const read = await inspectWithStats(db.url, options.schemas ? { schemas: options.schemas } : {});
    phaseDone("inspect");
    if (read.unmanaged.length > 0) throw new InvalidInputError(read.unmanaged.map(unmanagedProblem));
    state = host.toTarget(read.state);
  } finally {
    await db.drop().catch(() => undefined);
  }
  return {
    state,
    hints: script.hints.map((hint) => withServerFunctionId(hint, state)),
    typeHints: script.typeHints,
    locations: locationsFor(script, state),
    warnings: host.warnings,
    placement: host.placement,
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
 * The parser renders a function's identity arguments from the AST; the server's text
 * (`pg_get_function_identity_arguments`) is what ids use. When the name is not overloaded, take the
 * server's.
 */
function serverFunctionId(id: string, state: SchemaState): string {
  if (!id.startsWith("function:") || id in state.functions) return id;
  const prefix = id.slice(0, id.indexOf("(") + 1);
  const matches = Object.keys(state.functions).filter((candidate) => candidate.startsWith(prefix));
  return matches.length === 1 ? (matches[0] as string) : id;
}

function withServerFunctionId(hint: RenameHint, state: SchemaState): RenameHint {
  if (hint.kind !== "function") return hint;
  const targetId = serverFunctionId(hint.targetId, state);
  if (targetId === hint.targetId) return hint;
  const fn = state.functions[targetId];
  if (!fn) return hint;
  const fromId = ids.function(hint.from.schema ?? fn.schema, hint.from.name, fn.identityArguments);
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
