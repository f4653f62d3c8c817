import {
  DEFAULT_PLAN_OPTIONS,
  type Plan,
  type PlanOptions,
  plan as planStates,
  type SchemaState,
  unmanagedWarnings,
} from "@pg-flux/core";
import { inspectWithStats, readOptions } from "@pg-flux/inspector";
import { type DesiredScript, readDesiredState, type SourceInput } from "@pg-flux/parser";
import { loadScript } from "../desired/load-desired-state.js";
import { requireTargetRoles } from "../desired/roles.js";
import { openScratchHost, type ScratchHost } from "../desired/scratch-host.js";
import { type OnPlanPhase, timedPhase } from "./phases.js";
import { renamesFromHints } from "./renames.js";
import { startScratchCopy } from "./verify.js";

export interface PlanMigrationOptions {
  readonly databaseUrl: string;
  /** Desired-state SQL: files, directories, or `{ name, text }`. */
  readonly sources: readonly SourceInput[];
  /** Managed schemas (default: every non-system schema). */
  readonly schemas?: readonly string[] | null;
  /**
   * A server for the scratch work (the desired state's load, the verification copy) instead of an
   * embedded PostgreSQL of the target's major; the load runs there as a throwaway role (decision 0004).
   */
  readonly shadowUrl?: string | undefined;
  /** How long reading the live catalog waits for a lock before naming the blocker (default 5s). */
  readonly readLockTimeout?: string | undefined;
  /**
   * An already open scratch host to use (and not close), e.g. one embedded server shared by several
   * plans against databases of one server; opened from the same target. `shadowUrl` is then unused.
   */
  readonly scratchHost?: ScratchHost | undefined;
  readonly options?: Partial<PlanOptions>;
  /** Base for relative source paths (default: process.cwd()). */
  readonly cwd?: string;
  /** Called with each phase's wall time as it finishes (see PlanPhase). */
  readonly onPhase?: OnPlanPhase;
}

export interface PlannedMigration {
  readonly plan: Plan;
  readonly current: SchemaState;
  readonly desired: SchemaState;
  readonly warnings: readonly string[];
}

/**
 * parse the desired SQL, inspect the database (both while the scratch server starts) → load the
 * desired SQL → resolve rename hints against the live state → plan → verify on a scratch copy (unless `options.verify` is false;
 * the copy is built while the desired SQL loads). The target is only read: scratch work runs on an
 * embedded PostgreSQL of its major or on `shadowUrl` (openScratchHost). Live objects of kinds pg-flux does not model are left alone and listed in a
 * warning (core `unmanagedWarnings`). Throws PgFluxError on bad input (`invalid_input`), a plan the
 * planner refuses (`refused`; MissingRolesError when the target lacks a role the files declare or
 * name) or a failure (`runtime`).
 */
export async function planMigration(input: PlanMigrationOptions): Promise<PlannedMigration> {
  const options: PlanOptions = { ...DEFAULT_PLAN_OPTIONS, ...input.options };
  const schemas = input.schemas ?? null;
  const { onPhase } = input;
  // the scratch server starts while the files are parsed and the live database is read (the
  // target is only read, never written); files with errors fail without waiting for the server
  const opening: Promise<ScratchHost> = input.scratchHost
    ? Promise.resolve(input.scratchHost)
    : openScratchHost({ shadowUrl: input.shadowUrl, targetUrl: input.databaseUrl });
  opening.catch(() => undefined); // awaited below; a failure meanwhile is not unhandled
  let script: DesiredScript;
  let live: Awaited<ReturnType<typeof inspectWithStats>>;
  try {
    script = await timedPhase("parse", onPhase, () =>
      readDesiredState(input.sources, input.cwd ? { cwd: input.cwd } : {}),
    );
    live = await timedPhase("inspect", onPhase, () =>
      inspectWithStats(input.databaseUrl, readOptions(schemas, input.readLockTimeout)),
    );
    // the target must hold every role the files declare or name: pg-flux does not create roles
    await requireTargetRoles(input.databaseUrl, script);
  } catch (error) {
    if (!input.scratchHost) void opening.then((host) => host.close()).catch(() => undefined);
    throw error;
  }
  const host = await opening;
  const { state: current, unmanaged } = live;
  // built while the desired files load; discarded unused when the plan is empty
  const copy = options.verify ? startScratchCopy(host, current, schemas) : undefined;
  try {
    const desired = await loadScript(script, host, {
      ...(schemas ? { schemas } : {}),
      ...(onPhase
        ? { onPhase: (phase, ms) => onPhase(phase === "inspect" ? "inspectDesired" : phase, ms) }
        : {}),
    });
    const { renames, warnings: renameWarnings } = renamesFromHints(desired.hints, current, desired.state);
    const planned = await timedPhase("plan", onPhase, () =>
      planStates(current, desired.state, { renames, options, schemas }),
    );
    if (copy && planned.steps.length > 0) {
      await timedPhase("verify", onPhase, () => copy.verify(planned, desired.state));
    }
    const warnings = [
      ...new Set([
        ...planned.warnings,
        ...desired.warnings,
        ...renameWarnings,
        ...unmanagedWarnings(unmanaged, planned),
      ]),
    ];
    return { plan: { ...planned, warnings }, current, desired: desired.state, warnings };
  } finally {
    await copy?.discard();
    if (!input.scratchHost) await host.close();
  }
}
