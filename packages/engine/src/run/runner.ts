import type { Plan, Step, TransactionGroup } from "@pg-flux/core";
import {
  backendPid,
  InterruptedError,
  type Interruptible,
  interruptibleQuery,
  interruptibleSleep,
  throwIfInterrupted,
} from "@pg-flux/inspector";
import type pg from "pg";
import { enterPlanSession } from "../apply/session.js";
import { detailFor, remedyOf, serverError } from "./failure.js";
import { buildsIndex, concurrentIndexName, ProgressProbe } from "./progress.js";
import type { RunEvent, RunFailure, StepRun } from "./result.js";
import { DEFAULT_RUN_LIMITS, limitsForStep, type RunLimits, retryDelay } from "./settings.js";

export interface RunPlanOptions {
  readonly limits?: Partial<RunLimits>;
  readonly onEvent?: (event: RunEvent) => void;
  /** URL of the same database for a second, read-only connection that reads index-build progress. */
  readonly progressUrl?: string;
  /** How often `step_progress` is reported while a step runs (default 1000 ms). */
  readonly progressIntervalMs?: number;
  /**
   * Stops the run when `signal` fires: the running statement is cancelled on the server (from a
   * second connection to `url`, the same database), the open group is rolled back, nothing more runs.
   */
  readonly interrupt?: { readonly signal: AbortSignal; readonly url: string };
}

/** What executing the steps did (the gates and the lock are the caller's: see `applyMigration`). */
export type RunOutcome =
  | { readonly status: "applied"; readonly applied: readonly StepRun[]; readonly ms: number }
  | {
      readonly status: "failed";
      readonly failure: RunFailure;
      readonly applied: readonly StepRun[];
      readonly rolledBack: readonly StepRun[];
      readonly notRun: readonly number[];
      readonly ms: number;
    }
  | {
      readonly status: "interrupted";
      /** The step whose statement was cancelled on the server; null when stopped between steps. */
      readonly stopped: { readonly stepIndex: number; readonly step: Step } | null;
      readonly applied: readonly StepRun[];
      readonly rolledBack: readonly StepRun[];
      readonly notRun: readonly number[];
      /** Indexes a cancelled concurrent build left INVALID (the next run drops and rebuilds them). */
      readonly invalidIndexes: readonly string[];
      readonly ms: number;
    };

const LOCK_NOT_AVAILABLE = "55P03";

/**
 * Executes a plan's steps on `client`, group by group: a transactional group in one BEGIN/COMMIT,
 * an autocommit step alone. Each step runs with its own lock_timeout/statement_timeout; a step that
 * hits lock_timeout is retried (its whole group, for a transaction) with bounded backoff, and after
 * the last attempt the run stops cleanly: the open group is rolled back, committed work stays, and
 * the outcome lists what ran and what did not. A re-plan from the live state finishes the job.
 *
 * `client` must not be inside a transaction.
 */
export async function runPlan(
  client: pg.ClientBase,
  plan: Plan,
  options: RunPlanOptions = {},
): Promise<RunOutcome> {
  const limits: RunLimits = { ...DEFAULT_RUN_LIMITS, ...options.limits };
  const started = performance.now();
  const probe = options.progressUrl && options.onEvent ? new ProgressProbe(options.progressUrl) : null;
  const pid = probe || options.interrupt ? await backendPid(client) : 0;
  const context: GroupContext = {
    client,
    plan,
    limits,
    emit: options.onEvent ?? (() => undefined),
    probe,
    pid,
    intervalMs: options.progressIntervalMs ?? 1000,
    stop: options.interrupt ? { ...options.interrupt, pid } : undefined,
  };
  const applied: StepRun[] = [];
  try {
    await enterPlanSession(client);
    for (const [groupIndex, group] of plan.groups.entries()) {
      const outcome = await runGroup(context, group);
      if (outcome.status === "applied") {
        applied.push(...outcome.runs);
        continue;
      }
      const later = plan.groups.slice(groupIndex + 1).flatMap((g) => g.steps);
      const notRun = (stepIndex: number) => [
        ...group.steps.slice(Math.max(0, group.steps.indexOf(stepIndex))),
        ...later,
      ];
      const ms = performance.now() - started;
      if (outcome.status === "interrupted") {
        const { stepIndex, cancelled, rolledBack, invalidIndexes } = outcome;
        return {
          status: "interrupted",
          stopped: cancelled ? { stepIndex, step: plan.steps[stepIndex]! } : null,
          applied,
          rolledBack,
          notRun: notRun(stepIndex),
          invalidIndexes,
          ms,
        };
      }
      return {
        status: "failed",
        failure: outcome.failure,
        applied,
        rolledBack: outcome.rolledBack,
        notRun: notRun(outcome.failure.stepIndex),
        ms,
      };
    }
    return { status: "applied", applied, ms: performance.now() - started };
  } finally {
    await client
      .query("reset lock_timeout; reset statement_timeout; reset search_path; reset check_function_bodies")
      .catch(() => undefined);
    await probe?.close();
  }
}

interface GroupContext {
  readonly client: pg.ClientBase;
  readonly plan: Plan;
  readonly limits: RunLimits;
  readonly emit: (event: RunEvent) => void;
  readonly probe: ProgressProbe | null;
  readonly pid: number;
  readonly intervalMs: number;
  readonly stop: Interruptible | undefined;
}

type GroupOutcome =
  | { readonly status: "applied"; readonly runs: readonly StepRun[] }
  | { readonly status: "failed"; readonly failure: RunFailure; readonly rolledBack: readonly StepRun[] }
  | {
      readonly status: "interrupted";
      /** The step that was running, or would have run next. */
      readonly stepIndex: number;
      /** Its statement was running and was cancelled on the server. */
      readonly cancelled: boolean;
      readonly rolledBack: readonly StepRun[];
      readonly invalidIndexes: readonly string[];
    };

/**
 * One group, retried from its start while its failure is a lock_timeout and attempts remain. A
 * CREATE INDEX CONCURRENTLY that timed out leaves its INVALID index behind, which keeps the name
 * taken: every retry starts by dropping what the failed attempt left (under the step's own
 * lock_timeout; a timeout there is that attempt's), so it starts from the state the plan expects.
 */
async function runGroup(ctx: GroupContext, group: TransactionGroup): Promise<GroupOutcome> {
  const transactional = group.transaction === "transactional";
  const invalidBefore = await invalidIndexesBefore(ctx, group);
  let leftovers: readonly string[] = [];
  for (let attempt = 1; ; attempt++) {
    const runs: StepRun[] = [];
    let current = group.steps[0]!;
    try {
      throwIfInterrupted(ctx.stop);
      if (leftovers.length > 0) await dropLeftovers(ctx, ctx.plan.steps[current]!, leftovers);
      leftovers = [];
      if (transactional) await ctx.client.query("begin");
      for (const index of group.steps) {
        current = index;
        runs.push(await runStep(ctx, index, transactional, attempt));
      }
      if (transactional) await ctx.client.query("commit");
      return { status: "applied", runs };
    } catch (error) {
      if (transactional) await ctx.client.query("rollback").catch(() => undefined);
      if (transactional && runs.length > 0)
        ctx.emit({ kind: "group_rolled_back", steps: runs.map((r) => r.index) });
      const rolledBack = transactional ? runs : [];
      if (ctx.stop?.signal.aborted) {
        // Whatever the server said (a cancelled statement, or a COMMIT the cancel reached first),
        // the group's work is rolled back and the run stops here.
        return interrupted(ctx, current, error, rolledBack, invalidBefore);
      }
      const step = ctx.plan.steps[current]!;
      const server = serverError(error);
      const lockTimeout = server.sqlState === LOCK_NOT_AVAILABLE;
      if (lockTimeout && invalidBefore) {
        leftovers = await newInvalidIndexes(ctx, group, invalidBefore).catch(() => leftovers);
      }
      if (lockTimeout && attempt <= ctx.limits.lockRetries) {
        const delayMs = retryDelay(attempt, ctx.limits);
        ctx.emit({
          kind: "step_retry",
          index: current,
          total: ctx.plan.steps.length,
          step,
          attempt: attempt + 1,
          delayMs,
          reason: server.message,
        });
        try {
          await interruptibleSleep(delayMs, ctx.stop?.signal);
        } catch (interruption) {
          return interrupted(ctx, current, interruption, rolledBack, invalidBefore);
        }
        continue;
      }
      // Out of attempts: what the last one left is dropped if its lock can be had now; if not, the
      // next run's plan drops and builds it again (as after a killed build).
      if (leftovers.length > 0) await dropLeftovers(ctx, step, leftovers).catch(() => undefined);
      return {
        status: "failed",
        failure: {
          stepIndex: current,
          step,
          message: server.message,
          detail: detailFor(step, server),
          sqlState: server.sqlState,
          remedy: remedyOf(server.sqlState),
          lockTimeout,
          attempts: attempt,
        },
        rolledBack,
      };
    }
  }
}

async function interrupted(
  ctx: GroupContext,
  stepIndex: number,
  error: unknown,
  rolledBack: readonly StepRun[],
  invalidBefore: ReadonlySet<string> | null,
): Promise<GroupOutcome> {
  const cancelled = error instanceof InterruptedError ? error.cancelled : true;
  const group = ctx.plan.groups.find((g) => g.steps.includes(stepIndex));
  const invalid =
    invalidBefore && group ? await newInvalidIndexes(ctx, group, invalidBefore).catch(() => []) : [];
  return { status: "interrupted", stepIndex, cancelled, rolledBack, invalidIndexes: invalid };
}

async function runStep(ctx: GroupContext, index: number, local: boolean, attempts: number): Promise<StepRun> {
  const step = ctx.plan.steps[index]!;
  const total = ctx.plan.steps.length;
  await setLimits(ctx, step, local);
  ctx.emit({ kind: "step_started", index, total, step });
  const started = performance.now();
  const ticker = startTicker(ctx, index, step, started);
  try {
    await interruptibleQuery(ctx.client, ctx.stop, step.sql);
  } finally {
    ticker.stop();
  }
  const ms = performance.now() - started;
  ctx.emit({ kind: "step_finished", index, total, step, ms });
  return { index, id: step.id, sql: step.sql, ms, attempts };
}

/** Reports elapsed time (and index-build progress) while a step runs. */
function startTicker(ctx: GroupContext, index: number, step: Step, started: number): { stop(): void } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    const detail = ctx.probe && buildsIndex(step) ? await ctx.probe.indexBuild(ctx.pid) : null;
    if (stopped) return;
    ctx.emit({
      kind: "step_progress",
      index,
      total: ctx.plan.steps.length,
      step,
      elapsedMs: performance.now() - started,
      detail,
    });
    timer = setTimeout(tick, ctx.intervalMs);
  };
  timer = setTimeout(tick, ctx.intervalMs);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

async function setLimits(ctx: GroupContext, step: Step, local: boolean): Promise<void> {
  const { lockTimeout, statementTimeout } = limitsForStep(step, ctx.limits);
  await ctx.client.query(
    "select set_config('lock_timeout', $1, $3), set_config('statement_timeout', $2, $3)",
    [lockTimeout, statementTimeout, local],
  );
}

/**
 * Before a group that builds indexes concurrently: those of its indexes that already exist INVALID
 * (the plan drops those itself), so that only what a failed attempt leaves is dropped before the
 * retry, never another session's build in progress.
 */
async function invalidIndexesBefore(ctx: GroupContext, group: TransactionGroup): Promise<Set<string> | null> {
  const names = concurrentBuilds(ctx, group);
  if (names.length === 0) return null;
  return new Set(await invalidIndexes(ctx, names));
}

function concurrentBuilds(ctx: GroupContext, group: TransactionGroup): readonly string[] {
  return group.steps.flatMap((index) => {
    const name = concurrentIndexName(ctx.plan.steps[index]!);
    return name === null ? [] : [name];
  });
}

/** Which of `names` (qualified SQL text) are indexes not valid, as regclass text. */
async function invalidIndexes(ctx: GroupContext, names: readonly string[]): Promise<string[]> {
  const { rows } = await ctx.client.query<{ name: string }>(
    `select i.indexrelid::regclass::text as name
       from unnest($1::text[]) as n(name)
       join pg_index i on i.indexrelid = to_regclass(n.name)
      where not (i.indisvalid and i.indisready and i.indislive)`,
    [names],
  );
  return rows.map((row) => row.name);
}

async function newInvalidIndexes(
  ctx: GroupContext,
  group: TransactionGroup,
  before: ReadonlySet<string>,
): Promise<string[]> {
  return (await invalidIndexes(ctx, concurrentBuilds(ctx, group))).filter((name) => !before.has(name));
}

/** `DROP INDEX CONCURRENTLY IF EXISTS` each one, with `step`'s limits (autocommit). */
async function dropLeftovers(ctx: GroupContext, step: Step, names: readonly string[]): Promise<void> {
  await setLimits(ctx, step, false);
  for (const name of names) {
    // `name` is regclass output: already quoted and qualified as needed.
    await interruptibleQuery(ctx.client, ctx.stop, `drop index concurrently if exists ${name}`);
  }
}
