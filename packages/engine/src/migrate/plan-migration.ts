import {
  DEFAULT_PLAN_OPTIONS,
  type ManagedRolesPlanInput,
  type Plan,
  type PlanOptions,
  planWithTouches,
  refuseOutsideDependents,
  renameRole,
  type SchemaState,
  unmanagedWarnings,
} from "@pg-flux/core";
import { inspectWithStats, readOptions } from "@pg-flux/inspector";
import type { SourceInput } from "@pg-flux/parser";
import type { DesiredCacheOptions } from "../desired/cache/desired-cache.js";
import { readDesired } from "../desired/load-desired-state.js";
import { requireTargetRoles } from "../desired/roles.js";
import { type ScratchHost, scratchSite, siteOf } from "../desired/scratch-host.js";
import { locatingProblems } from "./locate-problems.js";
import {
  type ManageRoles,
  managedRolesInput,
  refuseRoleHints,
  requiredRoles,
  rolePatterns,
  withoutRoleSteps,
} from "./managed-roles.js";
import { type OnPlanPhase, timedPhase } from "./phases.js";
import { renamesFromHints } from "./renames.js";
import { type VerifyReport, verifyPlan } from "./verify.js";

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
  /**
   * Manage roles (`--manage-roles`, flux.json `migrate.manageRoles`): `true` creates, changes and
   * renames (by hint) the roles the files create, never dropping one; a list of patterns (`app_*`)
   * also drops the existing roles matching one that the files no longer create (ROLE_DROP). Default:
   * roles are not managed, only required on the target. See docs/desired-state.md.
   */
  readonly manageRoles?: ManageRoles | undefined;
  /**
   * A folder of normalized desired states (see loadDesiredState's `cache`): unchanged files on an
   * equal scratch server are neither parsed nor loaded. Default: none.
   */
  readonly cache?: DesiredCacheOptions | undefined;
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
  /** With `manageRoles`: the managed roles on the target and as the files want them. */
  readonly roles?: ManagedRolesPlanInput;
  /** What verification copied and proved; null when it did not run (`verify: false`, an empty plan). */
  readonly verification: VerifyReport | null;
}

/**
 * Read the desired files and look them up in the cache (`cache`); on a miss parse them while the
 * scratch server starts; inspect the database → load the desired SQL (on a miss; then stored in the
 * cache) → resolve rename hints against the live state → plan → verify on a scratch copy of what the plan
 * touches (unless
 * `options.verify` is false or the plan is empty). The target is only read: scratch work runs on an
 * embedded PostgreSQL of its major or on `shadowUrl` (openScratchHost), opened only when needed: a
 * cached desired state with an empty plan opens none. Live objects of kinds pg-flux does not model
 * are left alone and listed in a warning (core `unmanagedWarnings`). Throws PgFluxError on bad input
 * (`invalid_input`), a plan the planner refuses (`refused`; MissingRolesError when the target lacks a
 * role the files declare or name) or a failure (`runtime`).
 */
export async function planMigration(input: PlanMigrationOptions): Promise<PlannedMigration> {
  const options: PlanOptions = { ...DEFAULT_PLAN_OPTIONS, ...input.options };
  const schemas = input.schemas ?? null;
  const { onPhase } = input;
  const site = input.scratchHost
    ? siteOf(input.scratchHost)
    : await scratchSite({ shadowUrl: input.shadowUrl, targetUrl: input.databaseUrl });
  try {
    const pending = await readDesired(input.sources, site, {
      ...(input.cwd ? { cwd: input.cwd } : {}),
      ...(schemas ? { schemas } : {}),
      ...(input.cache ? { cache: input.cache } : {}),
      ...(onPhase
        ? { onPhase: (phase, ms) => onPhase(phase === "inspect" ? "inspectDesired" : phase, ms) }
        : {}),
    });
    const live = await timedPhase("inspect", onPhase, () =>
      inspectWithStats(input.databaseUrl, readOptions(schemas, input.readLockTimeout)),
    );
    const patterns = rolePatterns(input.manageRoles);
    // the target must hold every role the files declare or name, except those --manage-roles creates
    if (patterns) await requireTargetRoles(input.databaseUrl, requiredRoles(pending.roles), true);
    else await requireTargetRoles(input.databaseUrl, pending.roles);
    const desired = await pending.load();
    const { state: current, unmanaged, outside } = live;
    if (!patterns) refuseRoleHints(desired.hints);
    const roles = patterns
      ? await managedRolesInput(input.databaseUrl, pending.roles, desired.hints, patterns)
      : undefined;
    // owners and grantees of a renamed role follow it (the planner does the same)
    const renamedCurrent = (roles?.renames ?? []).reduce((s, r) => renameRole(s, r.from, r.to), current);
    const { renames, warnings: renameWarnings } = renamesFromHints(
      desired.hints,
      renamedCurrent,
      desired.state,
    );
    const { plan: planned, touches } = await timedPhase("plan", onPhase, () =>
      locatingProblems(desired.locations, () =>
        planWithTouches(current, desired.state, { renames, options, schemas, ...(roles ? { roles } : {}) }),
      ),
    );
    // before verify: a step PostgreSQL refuses under an object outside the managed schemas
    refuseOutsideDependents(outside, planned, current);
    let verification: VerifyReport | null = null;
    if (options.verify && planned.steps.length > 0) {
      const host = await site.open();
      verification = await timedPhase("verify", onPhase, () =>
        verifyPlan({
          host,
          current: renamedCurrent,
          desired: desired.state,
          plan: withoutRoleSteps(planned),
          schemas,
          touches,
        }),
      );
    }
    const warnings = [
      ...new Set([
        ...planned.warnings,
        ...desired.warnings,
        ...renameWarnings,
        ...unmanagedWarnings(unmanaged, planned),
        ...(verification?.note ? [verification.note] : []),
      ]),
    ];
    return {
      plan: { ...planned, warnings },
      current,
      desired: desired.state,
      warnings,
      verification,
      ...(roles ? { roles } : {}),
    };
  } finally {
    await site.close();
  }
}
