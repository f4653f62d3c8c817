import {
  DEFAULT_PLAN_OPTIONS,
  type Plan,
  type PlanOptions,
  plan as planStates,
  type SchemaState,
  unmanagedWarnings,
} from "@pg-flux/core";
import { inspectWithStats, readOptions } from "@pg-flux/inspector";
import type { SourceInput } from "@pg-flux/parser";
import { loadDesiredState } from "../desired/load-desired-state.js";
import { openScratchHost } from "../desired/scratch-host.js";
import { type OnPlanPhase, timedPhase } from "./phases.js";
import { renamesFromHints } from "./renames.js";
import { startScratchCopy } from "./verify.js";

export interface PlanMigrationOptions {
  readonly databaseUrl: string;
  /** Desired-state SQL: files, directories, or `{ name, text }`. */
  readonly sources: readonly SourceInput[];
  /** Managed schemas (default: every non-system schema). */
  readonly schemas?: readonly string[] | null;
  /** Where scratch databases go first (decision 0003). */
  readonly shadowUrl?: string | undefined;
  /** How long reading the live catalog waits for a lock before naming the blocker (default 5s). */
  readonly readLockTimeout?: string | undefined;
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
 * inspect the database → load the desired SQL → resolve rename hints against the live state →
 * plan → verify on a scratch copy (unless `options.verify` is false; the copy is built while the
 * desired SQL loads). Live objects of kinds pg-flux does not model are left alone and listed in a
 * warning (core `unmanagedWarnings`). Throws PgFluxError on bad input (`invalid_input`), a plan the
 * planner refuses (`refused`; MissingRolesError when the target lacks a role the files declare or
 * name) or a failure (`runtime`).
 */
export async function planMigration(input: PlanMigrationOptions): Promise<PlannedMigration> {
  const options: PlanOptions = { ...DEFAULT_PLAN_OPTIONS, ...input.options };
  const schemas = input.schemas ?? null;
  const { onPhase } = input;
  const { state: current, unmanaged } = await timedPhase("inspect", onPhase, () =>
    inspectWithStats(input.databaseUrl, readOptions(schemas, input.readLockTimeout)),
  );
  const host = await openScratchHost({ shadowUrl: input.shadowUrl, targetUrl: input.databaseUrl });
  // built while the desired files load; discarded unused when the plan is empty
  const copy = options.verify ? startScratchCopy(host, current, schemas) : undefined;
  try {
    const desired = await loadDesiredState(input.sources, {
      host,
      targetUrl: input.databaseUrl,
      requireTargetRoles: true,
      ...(schemas ? { schemas } : {}),
      ...(input.cwd ? { cwd: input.cwd } : {}),
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
    await host.close();
  }
}
