import { type HazardKind, type Plan, planFingerprint, type SchemaState } from "@pg-flux/core";
import { connect, InterruptedError, inspect, inspectRoles, readOptions } from "@pg-flux/inspector";
import type pg from "pg";
import { acquireApplyLock, releaseApplyLock } from "./apply-lock.js";
import { failureText } from "./failure.js";
import { describeRefusal, gateHazards } from "./hazard-gate.js";
import type { ApplyResult, RunEvent } from "./result.js";
import { runPlan } from "./runner.js";
import { DEFAULT_RUN_LIMITS, type RunLimits } from "./settings.js";
import { withStatementHazards } from "./step-hazards.js";

export interface ApplyMigrationOptions {
  readonly databaseUrl: string;
  readonly plan: Plan;
  /** The schemas the plan was made for; the current fingerprint is read with the same filter. */
  readonly schemas?: readonly string[] | null;
  /** Blocking hazard kinds to allow, or `all` (default: none). */
  readonly allowHazards?: readonly HazardKind[] | "all";
  readonly limits?: Partial<RunLimits>;
  /**
   * The row count from which a plain SET NOT NULL in the plan counts as LONG_LOCK when its SQL is
   * judged again before it runs (default: the planner's default, 10000; never the plan's own, which
   * a saved file could change).
   */
  readonly setNotNullReltuplesHint?: number;
  /** How long reading the live catalog waits for a lock before naming the blocker (default 5s). */
  readonly readLockTimeout?: string | undefined;
  readonly onEvent?: (event: RunEvent) => void;
  /**
   * Called once, right before the first step: after the apply lock is taken, the database read,
   * found to be in the state the plan was made from, and the plan's SQL judged and gated against it
   * — with that judged plan. The CLI shows it and asks here, so that what is confirmed is what runs
   * and the schema is read once; to stop, abort `signal` (resolves `interrupted`, nothing applied).
   * Not called when there is nothing to do or the apply is refused.
   */
  readonly beforeRun?: (plan: Plan) => Promise<void> | void;
  readonly progressIntervalMs?: number;
  /**
   * Stops the apply: the running statement is cancelled on the server and waited for, the open
   * transaction group rolled back, the apply lock released; resolves `interrupted` with what ran.
   */
  readonly signal?: AbortSignal;
  /**
   * Scope the apply lock to one schema (a fleet's tenant): applies to different schemas of one
   * database then run at once, while a whole-database apply still excludes them all (apply-lock.ts).
   */
  readonly lockScope?: string;
}

/**
 * The production apply: hazard gate → one apply per database (advisory lock) → the database must
 * still be in the state the plan was made from (fingerprint) → the hazard gate again, on the hazards
 * the steps' SQL carries against the live database (run/step-hazards.ts) → run the steps. Resolves to a status
 * union; it throws only when the database cannot be reached at all.
 */
export async function applyMigration(options: ApplyMigrationOptions): Promise<ApplyResult> {
  const { plan } = options;
  const refused = hazardRefusal(plan, options.allowHazards ?? []);
  if (refused) return refused;
  const limits: RunLimits = { ...DEFAULT_RUN_LIMITS, ...options.limits };
  const { signal } = options;
  const started = performance.now();
  const beforeFirstStep = (): ApplyResult => ({
    status: "interrupted",
    plan,
    message: "stopped before the first step; nothing was applied",
    stopped: null,
    applied: [],
    rolledBack: [],
    notRun: plan.steps.map((_, index) => index),
    invalidIndexes: [],
    ms: performance.now() - started,
  });
  if (signal?.aborted) return beforeFirstStep();
  const client = await connect(options.databaseUrl, "apply", { hint: "check --database-url / DATABASE_URL" });
  try {
    let lock: Awaited<ReturnType<typeof acquireApplyLock>>;
    try {
      lock = await acquireApplyLock(
        client,
        limits.applyLockWaitMs,
        (holder) =>
          options.onEvent?.({
            kind: "waiting_for_lock",
            message: `another pg-flux apply is running on this database${holder ? ` (backend pid ${holder})` : ""}; waiting up to ${Math.round(limits.applyLockWaitMs / 1000)}s`,
          }),
        signal,
        options.lockScope,
      );
    } catch (error) {
      if (error instanceof InterruptedError) return beforeFirstStep();
      throw error;
    }
    if (lock.status === "busy") {
      return {
        status: "failed",
        plan,
        message: `another pg-flux apply is running on this database${lock.holderPid ? ` (backend pid ${lock.holderPid})` : ""}; gave up after ${Math.round(lock.waitedMs / 1000)}s — nothing was applied, try again when it has finished`,
        failure: null,
        applied: [],
        rolledBack: [],
        notRun: plan.steps.map((_, index) => index),
        ms: performance.now() - started,
      };
    }
    try {
      const schemas = options.schemas ?? null;
      const liveState = await inspect(client, readOptions(schemas, options.readLockTimeout));
      const live = await liveFingerprint(client, liveState, plan);
      if (live !== plan.currentFingerprint) return staleRefusal(plan, live);
      if (plan.steps.length === 0) return { status: "nothing_to_do", plan };
      // The plan's hazard list is not taken on trust (a saved plan is a file anyone can edit): what
      // its SQL does to this database is judged again, and gated again.
      const checked = await withStatementHazards(plan, liveState, hintOf(options));
      const found = hazardRefusal(checked, options.allowHazards ?? []);
      if (found) return found;
      await options.beforeRun?.(checked);
      if (signal?.aborted) return beforeFirstStep();
      const outcome = await runPlan(client, plan, {
        limits,
        progressUrl: options.databaseUrl,
        ...(signal ? { interrupt: { signal, url: options.databaseUrl } } : {}),
        ...(options.onEvent ? { onEvent: options.onEvent } : {}),
        ...(options.progressIntervalMs === undefined
          ? {}
          : { progressIntervalMs: options.progressIntervalMs }),
      });
      if (outcome.status === "applied")
        return { status: "applied", plan, applied: outcome.applied, ms: outcome.ms };
      if (outcome.status === "interrupted") {
        const { stopped } = outcome;
        return {
          ...outcome,
          plan,
          message: stopped
            ? `step ${stopped.stepIndex + 1} was cancelled on the server`
            : "stopped between steps",
        };
      }
      const { failure } = outcome;
      const what = failure.lockTimeout
        ? `step ${failure.stepIndex + 1} could not take its lock within lock_timeout after ${failure.attempts} attempt${failure.attempts === 1 ? "" : "s"}`
        : `step ${failure.stepIndex + 1} failed`;
      return {
        status: "failed",
        plan,
        message: `${what}: ${failureText(failure)}`,
        failure,
        applied: outcome.applied,
        rolledBack: outcome.rolledBack,
        notRun: outcome.notRun,
        ms: outcome.ms,
      };
    } finally {
      await releaseApplyLock(client, options.lockScope).catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface JudgePlanHazardsOptions {
  readonly databaseUrl: string;
  readonly plan: Plan;
  readonly schemas?: readonly string[] | null;
  readonly setNotNullReltuplesHint?: number;
  readonly readLockTimeout?: string | undefined;
}

/**
 * The plan with the hazards its SQL carries against the database as it is now added to its steps
 * (run/step-hazards.ts): what applyMigration gates on before its first step. For the dry run of a
 * saved plan, so that it is refused as the apply would be (a real apply judges the plan itself,
 * under its lock, and shows it through `beforeRun`); `stale` is the refusal applyMigration would
 * give a plan made from another state. Reads only.
 */
export async function judgePlanHazards(
  options: JudgePlanHazardsOptions,
): Promise<{ readonly plan: Plan; readonly stale: ApplyResult | null }> {
  const client = await connect(options.databaseUrl, "inspect", {
    hint: "check --database-url / DATABASE_URL",
  });
  try {
    const live = await inspect(client, readOptions(options.schemas ?? null, options.readLockTimeout));
    const current = await liveFingerprint(client, live, options.plan);
    return {
      plan: await withStatementHazards(options.plan, live, hintOf(options)),
      stale: current === options.plan.currentFingerprint ? null : staleRefusal(options.plan, current),
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The live fingerprint a plan is compared with: with its managed roles read again when it has some. */
async function liveFingerprint(client: pg.ClientBase, state: SchemaState, plan: Plan): Promise<string> {
  const roles = plan.roleScope ? await inspectRoles(client, plan.roleScope) : undefined;
  return planFingerprint(state, roles);
}

function staleRefusal(plan: Plan, live: string): ApplyResult {
  return {
    status: "refused",
    plan,
    reason: "stale_plan",
    message: `refusing to apply: the database changed since the plan was made (schema fingerprint ${live}, the plan expects ${plan.currentFingerprint}); make a new plan`,
    hazards: [],
  };
}

function hintOf(options: { readonly setNotNullReltuplesHint?: number | undefined }) {
  const hint = options.setNotNullReltuplesHint;
  return hint === undefined ? {} : { setNotNullReltuplesHint: hint };
}

/**
 * The hazard gate: the refusal of a plan holding blocking hazards that `allowHazards` does not
 * cover, null when it may run. applyMigration gates with it (on the plan as given, then on the plan
 * judged against the live database); the CLI's `--fail-on-hazards` and dry runs present the same
 * refusal, so a review fails on exactly what the apply would refuse.
 */
export function hazardRefusal(
  plan: Plan,
  allowHazards: readonly HazardKind[] | "all",
): Extract<ApplyResult, { readonly status: "refused" }> | null {
  const blocking = gateHazards(plan, allowHazards);
  if (blocking.length === 0) return null;
  return {
    status: "refused",
    plan,
    reason: "blocking_hazards",
    message: describeRefusal(blocking),
    hazards: blocking,
  };
}
