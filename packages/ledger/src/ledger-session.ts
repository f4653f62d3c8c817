import { backendPid, InterruptedError, type Interruptible } from "@pg-flux/inspector";
import type pg from "pg";
import { acquireLedgerLock, releaseLedgerLock } from "./advisory-lock.js";
import { asStepError, type StepOutcome } from "./apply-step.js";
import { withConnection } from "./connection.js";
import { conflictRefusal, legacyLedgerRefusal, partialRefusal } from "./ledger-refusal.js";
import { ensureLedger, inspectLedger, ledgerTenant } from "./ledger-schema.js";
import { readMigrationRecords, readRepeatableRecords } from "./ledger-store.js";
import { readPartialRecords } from "./partial-progress.js";
import { type InputOptions, placementWarnings, readPushInput } from "./push-input.js";
import { type PushStep, planWork, type WorkPlan } from "./push-plan.js";
import {
  type PushFailure,
  type PushRefusal,
  type StoppedFile,
  summarizeTarget,
  type TargetSummary,
} from "./push-result.js";
import type { PushTarget } from "./target.js";
import type { PushWarning } from "./tenant-warnings.js";

/** What a push (or its dry run) works with once the ledger is locked, read and found consistent. */
export interface LedgerSession {
  readonly client: pg.ClientBase;
  /** Set when the caller passed a signal: cancels the running statement when it fires. */
  readonly stop: Interruptible | undefined;
  /** The files to run, in order; none when there is nothing to do. */
  readonly steps: readonly PushStep[];
  /** Milliseconds spent waiting for another push to release the tenant's ledger lock. */
  readonly lockWaitMs: number;
  /** What every result carries. */
  readonly common: { readonly target: TargetSummary; readonly warnings: readonly PushWarning[] };
  /** What every finished result carries: `common`, files skipped, ledger rows with no file. */
  readonly finished: LedgerSession["common"] & Pick<WorkPlan, "skipped" | "missingFiles">;
}

/**
 * The part a push and its dry run share, steps 1–3 of pushMigrations:
 * 1. read and parse every file (invalid input throws before connecting);
 * 2. hold the ledger lock of the target's tenant; refuse a legacy ledger, create the ledger on first
 *    use (not for a raw file);
 * 3. plan the work from the tenant's ledger: a changed applied file refuses, nothing runs.
 * Then `run` runs the steps. With `dry_run`, everything from the ledger creation on happens in one
 * transaction that is rolled back at the end, whatever `run` did; the lock is released either way.
 */
export async function withLedgerSession<R>(
  options: InputOptions & { readonly target: PushTarget; readonly signal?: AbortSignal },
  mode: "apply" | "dry_run",
  run: (session: LedgerSession) => Promise<R>,
  /** What to resolve when the signal fires while waiting for the ledger lock. */
  interrupted?: (common: LedgerSession["common"]) => R,
): Promise<R | PushRefusal> {
  const input = await readPushInput(options);
  const target = summarizeTarget(options.target);
  const warnings = placementWarnings(input, options.target);
  const tenant = ledgerTenant(options.target.tenantSchema);
  return withConnection(options.target.url, async (client) => {
    const { signal } = options;
    const stop = signal ? { signal, url: options.target.url, pid: await backendPid(client) } : undefined;
    let lockWaitMs: number;
    try {
      lockWaitMs = await acquireLedgerLock(client, tenant, stop);
    } catch (error) {
      if (error instanceof InterruptedError && interrupted) return interrupted({ target, warnings });
      throw error;
    }
    if (mode === "dry_run") await client.query("begin");
    try {
      if (input.kind !== "raw") {
        const shape = await inspectLedger(client);
        if (shape.kind === "legacy") return legacyLedgerRefusal(shape, target, warnings);
        await ensureLedger(client);
      }
      const work = planWork(
        input,
        await readMigrationRecords(client, tenant),
        await readRepeatableRecords(client, tenant),
        options.force ?? false,
        await readPartialRecords(client, tenant),
      );
      if (work.conflicts.length > 0) return conflictRefusal(work, target, warnings);
      if (work.partialConflicts.length > 0) return partialRefusal(work, tenant, target, warnings);
      const common = { target, warnings };
      const finished = { ...common, skipped: work.skipped, missingFiles: work.missingFiles };
      return await run({ client, stop, steps: work.steps, lockWaitMs, common, finished });
    } finally {
      if (mode === "dry_run") await client.query("rollback").catch(() => undefined);
      await releaseLedgerLock(client, tenant).catch(() => undefined);
    }
  });
}

/** A file that stopped part-way: how far its statements got, and where the next push starts. */
export function stoppedFile(
  step: PushStep,
  outcome: Exclude<StepOutcome, { status: "applied" }>,
): StoppedFile {
  return {
    file: step.source.file,
    version: step.kind === "versioned" ? step.version : undefined,
    statements: outcome.statements,
    transactional: !step.source.noTransaction,
    resumeAt: outcome.resumeAt,
  };
}

/** The failure of one step, located in its file, with how far its statements got. */
export function stepFailure(
  step: PushStep,
  outcome: Extract<StepOutcome, { status: "failed" }>,
): PushFailure {
  return { ...stoppedFile(step, outcome), error: asStepError(step, outcome.error) };
}
