import { randomBytes } from "node:crypto";
import { connectionSecrets, type HazardKind, redactSecrets } from "@pg-flux/core";
import { connect } from "@pg-flux/inspector";
import type pg from "pg";
import { applyMigration } from "../run/apply.js";
import { describeRefusal, gateHazards } from "../run/hazard-gate.js";
import type { ApplyResult } from "../run/result.js";
import type { RunLimits } from "../run/settings.js";
import { type FleetPlan, type PlannedTarget, planForTarget } from "./plan-fleet.js";
import { forEachLimited } from "./pool.js";
import { ensureOutcomeTable, type OutcomeRecord, recordOutcomes } from "./record.js";
import type { FleetTarget } from "./targets.js";

export interface ApplyFleetOptions {
  readonly fleet: FleetPlan;
  /** Targets applied at once (default 2). */
  readonly concurrency?: number;
  /**
   * The first wave: this many targets (with steps) are applied before any other, and the fleet
   * stops unless every one of them applied (default 1; 0 skips the canary wave).
   */
  readonly canary?: number;
  /** No new target starts once this many have failed (default 1). */
  readonly maxFailures?: number;
  /** Blocking hazard kinds to allow, or `all`, as for a single apply. */
  readonly allowHazards?: readonly HazardKind[] | "all";
  /** lock_timeout, statement_timeout, retries: as for a single apply. */
  readonly limits?: Partial<RunLimits>;
  readonly setNotNullReltuplesHint?: number;
  readonly readLockTimeout?: string | undefined;
  /**
   * Stops the fleet: no new target starts, and every running apply is cancelled on the server
   * (its open group rolled back, its locks released) before applyFleet resolves `interrupted`.
   */
  readonly signal?: AbortSignal;
  /** Recorded with every outcome (default: a new id, `<UTC time>-<6 hex>`). */
  readonly runId?: string;
  /** Record every outcome in flux.fleet_outcomes of each database (default true). */
  readonly record?: boolean;
  readonly onTargetStarted?: (target: FleetTarget) => void;
  readonly onTargetFinished?: (outcome: TargetOutcome, progress: FleetProgress) => void;
}

/**
 * A target's outcome: `not_run` when the fleet stopped before it (canary, max failures, Ctrl-C or
 * a refusal of the whole fleet).
 */
export type TargetStatus = "applied" | "nothing_to_do" | "refused" | "failed" | "interrupted" | "not_run";

export interface TargetOutcome {
  readonly target: FleetTarget;
  readonly group: number | null;
  readonly status: TargetStatus;
  /** Why it failed, was refused, interrupted or not run (one line; DETAIL names the rows). */
  readonly message: string | null;
  readonly stepsApplied: number;
  readonly ms: number;
  /** The single apply's own result, when one ran. */
  readonly result: ApplyResult | null;
}

export interface FleetProgress {
  readonly done: number;
  readonly failed: number;
  readonly remaining: number;
  readonly total: number;
}

export type FleetStopReason = "canary_failed" | "max_failures" | "interrupted" | "blocking_hazards";

export interface FleetApplyResult {
  /**
   * `applied`: every target applied or had nothing to do (at least one applied); `nothing_to_do`:
   * every target was already at the desired schema; `failed`: some target failed (see `stopped`);
   * `refused`: a group has blocking hazards not allowed, nothing was applied anywhere;
   * `interrupted`: the signal fired.
   */
  readonly status: "applied" | "nothing_to_do" | "failed" | "refused" | "interrupted";
  readonly runId: string;
  readonly desiredFingerprint: string;
  /** Why targets were left `not_run`, or null when every target ran. */
  readonly stopped: FleetStopReason | null;
  /** In the order of the fleet's targets. */
  readonly outcomes: readonly TargetOutcome[];
  readonly counts: Readonly<Record<TargetStatus, number>>;
  readonly ms: number;
}

const FAILING: ReadonlySet<TargetStatus> = new Set(["failed", "refused", "interrupted"]);

/**
 * Applies a planned fleet: targets already at the desired schema are `nothing_to_do` without a
 * connection; a group with blocking hazards not allowed refuses the whole fleet (nothing runs,
 * as a single apply refuses); then a canary wave, then the rest, `concurrency` at a time, each
 * through the production apply (its hazard gate, fingerprint check, lock and statement timeouts,
 * retries and interruption), its lock scoped to the tenant schema. Every outcome is recorded in
 * flux.fleet_outcomes of the target's database as it is known. Resolves to a status union; throws
 * only when a database's outcome table cannot be created.
 */
export async function applyFleet(options: ApplyFleetOptions): Promise<FleetApplyResult> {
  const started = performance.now();
  const { fleet, signal } = options;
  const runId = options.runId ?? newRunId();
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const maxFailures = Math.max(1, options.maxFailures ?? 1);
  const outcomes = new Map<string, TargetOutcome>();
  const recorder = options.record === false ? null : await Recorder.open(fleet, runId);
  try {
    const finish = async (outcome: TargetOutcome, startedAt: Date): Promise<void> => {
      outcomes.set(outcome.target.id, outcome);
      await recorder?.record(outcome, startedAt);
      options.onTargetFinished?.(outcome, progressOf(fleet, outcomes));
    };
    const now = new Date();
    const pending: PlannedTarget[] = [];
    for (const planned of fleet.targets) {
      if (planned.error !== null) {
        await finish(notApplied(planned, "failed", planned.error), now);
      } else if (groupOf(fleet, planned).plan.steps.length === 0) {
        await finish(notApplied(planned, "nothing_to_do", null), now);
      } else {
        pending.push(planned);
      }
    }
    const refusals = fleet.groups.flatMap((group) => {
      const blocking = gateHazards(group.plan, options.allowHazards ?? []);
      return blocking.length > 0 ? [{ group, message: describeRefusal(blocking) }] : [];
    });
    let stopped: FleetStopReason | null = null;
    if (refusals.length > 0) {
      stopped = "blocking_hazards";
      for (const planned of pending) {
        const refusal = refusals.find(({ group }) => group.index === planned.group);
        await finish(
          refusal
            ? notApplied(planned, "refused", refusal.message)
            : notApplied(planned, "not_run", "not run: another group of the fleet has blocking hazards"),
          now,
        );
      }
    } else {
      const failures = () => [...outcomes.values()].filter((o) => FAILING.has(o.status)).length;
      const applyOne = async (planned: PlannedTarget): Promise<void> => {
        const at = new Date();
        options.onTargetStarted?.(planned.target);
        await finish(await applyTarget(fleet, planned, options), at);
      };
      const canary = pending.slice(0, Math.max(0, options.canary ?? 1));
      const rest = pending.slice(canary.length);
      await forEachLimited(canary, concurrency, signal, applyOne);
      const canaryFailed = canary.some((planned) => outcomes.get(planned.target.id)?.status !== "applied");
      if (signal?.aborted) stopped = "interrupted";
      else if (canaryFailed) stopped = "canary_failed";
      else {
        await forEachLimited(rest, concurrency, signal, applyOne, () => failures() >= maxFailures);
        if (signal?.aborted) stopped = "interrupted";
        else if (failures() >= maxFailures) stopped = "max_failures";
      }
      const because = stopReasonText(stopped, maxFailures);
      for (const planned of pending) {
        if (!outcomes.has(planned.target.id))
          await finish(notApplied(planned, "not_run", because), new Date());
      }
      if (signal?.aborted && stopped === null) stopped = "interrupted";
    }
    const ordered = fleet.targets.map((planned) => outcomes.get(planned.target.id) as TargetOutcome);
    const counts = countOf(ordered);
    return {
      status: overallStatus(counts, stopped),
      runId,
      desiredFingerprint: fleet.desiredFingerprint,
      stopped: counts.not_run > 0 || stopped === "interrupted" ? stopped : null,
      outcomes: ordered,
      counts,
      ms: performance.now() - started,
    };
  } finally {
    await recorder?.close();
  }
}

async function applyTarget(
  fleet: FleetPlan,
  planned: PlannedTarget,
  options: ApplyFleetOptions,
): Promise<TargetOutcome> {
  const { target } = planned;
  const started = performance.now();
  try {
    const result = await applyMigration({
      databaseUrl: target.databaseUrl,
      plan: planForTarget(fleet, planned),
      schemas: [target.schema],
      lockScope: target.schema,
      ...(options.allowHazards ? { allowHazards: options.allowHazards } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.setNotNullReltuplesHint === undefined
        ? {}
        : { setNotNullReltuplesHint: options.setNotNullReltuplesHint }),
      ...(options.readLockTimeout ? { readLockTimeout: options.readLockTimeout } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const stepsApplied =
      result.status === "applied" || result.status === "failed" || result.status === "interrupted"
        ? result.applied.length
        : 0;
    return {
      target,
      group: planned.group,
      status: result.status,
      message:
        result.status === "applied" || result.status === "nothing_to_do"
          ? null
          : masked(target, result.message),
      stepsApplied,
      ms: performance.now() - started,
      result,
    };
  } catch (error) {
    return {
      target,
      group: planned.group,
      status: "failed",
      message: masked(target, error instanceof Error ? error.message : String(error)),
      stepsApplied: 0,
      ms: performance.now() - started,
      result: null,
    };
  }
}

function masked(target: FleetTarget, message: string): string {
  return redactSecrets(message, connectionSecrets(target.databaseUrl));
}

function notApplied(planned: PlannedTarget, status: TargetStatus, message: string | null): TargetOutcome {
  return {
    target: planned.target,
    group: planned.group,
    status,
    message,
    stepsApplied: 0,
    ms: 0,
    result: null,
  };
}

function groupOf(fleet: FleetPlan, planned: PlannedTarget) {
  const group = fleet.groups.find((candidate) => candidate.index === planned.group);
  if (!group) throw new Error(`target ${planned.target.id} has no group`);
  return group;
}

function stopReasonText(stopped: FleetStopReason | null, maxFailures: number): string {
  switch (stopped) {
    case "canary_failed":
      return "not run: the canary wave did not apply";
    case "max_failures":
      return `not run: the fleet stopped after ${maxFailures} failure${maxFailures === 1 ? "" : "s"} (--max-failures)`;
    case "interrupted":
      return "not run: the fleet was interrupted";
    case "blocking_hazards":
    case null:
      return "not run";
    default: {
      const _exhaustive: never = stopped;
      return _exhaustive;
    }
  }
}

function countOf(outcomes: readonly TargetOutcome[]): Record<TargetStatus, number> {
  const counts: Record<TargetStatus, number> = {
    applied: 0,
    nothing_to_do: 0,
    refused: 0,
    failed: 0,
    interrupted: 0,
    not_run: 0,
  };
  for (const outcome of outcomes) counts[outcome.status] += 1;
  return counts;
}

function overallStatus(
  counts: Readonly<Record<TargetStatus, number>>,
  stopped: FleetStopReason | null,
): FleetApplyResult["status"] {
  if (stopped === "interrupted" || counts.interrupted > 0) return "interrupted";
  if (stopped === "blocking_hazards") return "refused";
  if (counts.failed > 0 || counts.refused > 0 || counts.not_run > 0) return "failed";
  return counts.applied > 0 ? "applied" : "nothing_to_do";
}

function progressOf(fleet: FleetPlan, outcomes: ReadonlyMap<string, TargetOutcome>): FleetProgress {
  const values = [...outcomes.values()];
  const failed = values.filter((o) => FAILING.has(o.status)).length;
  return {
    done: values.length,
    failed,
    remaining: fleet.targets.length - values.length,
    total: fleet.targets.length,
  };
}

function newRunId(): string {
  return `${new Date()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z")}-${randomBytes(3).toString("hex")}`;
}

/**
 * Writes outcomes to flux.fleet_outcomes: one connection per database for the whole run, writes to
 * it one after the other. A write that fails (the database went away) does not change the
 * target's outcome, which the result carries either way.
 */
class Recorder {
  readonly #clients = new Map<string, Promise<pg.Client>>();
  readonly #queues = new Map<string, Promise<void>>();

  private constructor(
    readonly fleet: FleetPlan,
    readonly runId: string,
  ) {}

  static async open(fleet: FleetPlan, runId: string): Promise<Recorder> {
    const urls = [...new Set(fleet.targets.filter((t) => t.error === null).map((t) => t.target.databaseUrl))];
    for (const url of urls) await ensureOutcomeTable(url);
    return new Recorder(fleet, runId);
  }

  async record(outcome: TargetOutcome, startedAt: Date): Promise<void> {
    const url = outcome.target.databaseUrl;
    const row: OutcomeRecord = {
      target: outcome.target.schema,
      desiredFingerprint: this.fleet.desiredFingerprint,
      runId: this.runId,
      status: outcome.status,
      error: outcome.message,
      stepsApplied: outcome.stepsApplied,
      startedAt,
    };
    const previous = this.#queues.get(url) ?? Promise.resolve();
    const next = previous.then(async () => {
      let client = this.#clients.get(url);
      if (!client) {
        client = connect(url, "apply");
        this.#clients.set(url, client);
      }
      await recordOutcomes(await client, [row]);
    });
    this.#queues.set(
      url,
      next.catch(() => undefined),
    );
    // a database that cannot be reached cannot record; the outcome stands (it is in the result)
    await next.catch(() => undefined);
  }

  async close(): Promise<void> {
    await Promise.all(this.#queues.values());
    await Promise.all(
      [...this.#clients.values()].map(async (client) =>
        (await client.catch(() => null))?.end().catch(() => undefined),
      ),
    );
  }
}
