import { PgFluxError, quoteIdent } from "@pg-flux/core";
import type { Interruptible } from "@pg-flux/inspector";
import type pg from "pg";
import { runStatements, type StatementReport, type StatementsOutcome, statementRef } from "./execute-file.js";
import { buildsIndex, InvalidIndexError, indexGuard, invalidIndexNames } from "./index-guard.js";
import { ledgerTenant } from "./ledger-schema.js";
import { recordMigration, recordRepeatable } from "./ledger-store.js";
import { deletePartial, savePartial } from "./partial-progress.js";
import { describeReason, type PushStep } from "./push-plan.js";
import type { AppliedFile, StepSummary } from "./push-result.js";
import type { SqlSource } from "./sql-source.js";
import type { PushTarget } from "./target.js";

export function summarizeStep(step: PushStep): StepSummary {
  return {
    kind: step.kind,
    file: step.source.file,
    version: step.kind === "versioned" ? step.version : undefined,
    reason: step.reason,
    why: describeReason(step),
    checksum: step.source.checksum,
    transactional: !step.source.noTransaction,
  };
}

/**
 * Every file starts from the same search_path: the tenant schema on pooled targets (so unqualified
 * objects land there), the role's default elsewhere. A `SET` in an earlier file does not leak.
 */
export function searchPathSql(target: PushTarget): string {
  return target.tenantSchema ? `set search_path to ${quoteIdent(target.tenantSchema)}` : "reset search_path";
}

/** What a step runs with besides its file. */
export interface StepContext {
  readonly target: PushTarget;
  /** Cancels the running statement on the server when its signal fires. */
  readonly stop?: Interruptible;
}

/** What applying one file did. `statements` says which of its statements ran, and which stay. */
export type StepOutcome =
  | { readonly status: "applied"; readonly file: AppliedFile }
  | {
      readonly status: "failed";
      readonly error: PgFluxError;
      readonly statements: StatementReport;
      /** The statement (1-based) the next push starts at; undefined: the whole file again. */
      readonly resumeAt: number | undefined;
    }
  | {
      readonly status: "interrupted";
      readonly statements: StatementReport;
      readonly resumeAt: number | undefined;
    };

/**
 * Runs a step's statements and, when all of them ran, writes its ledger row — in the caller's
 * transaction state: inside the file's transaction (or the dry run's), or in autocommit for a
 * `no-transaction` file. A versioned `no-transaction` file records its progress as it goes and
 * resumes where an earlier push stopped (partial-progress.ts). INVALID indexes are guarded against
 * (index-guard.ts): a `no-transaction` file after which an index is INVALID that was not before is
 * not recorded.
 */
export async function runStepBody(
  client: pg.ClientBase,
  step: PushStep,
  context: StepContext,
  inTransaction: boolean,
): Promise<StepOutcome> {
  const started = performance.now();
  const { source } = step;
  const tenant = ledgerTenant(context.target.tenantSchema);
  await client.query(searchPathSql(context.target));
  const tracked = step.kind === "versioned" && !inTransaction ? step : undefined;
  const resume = tracked?.resume;
  const from = resume?.done ?? 0;
  await replaySessionSettings(client, source, from);
  let done = from;
  const save = async (attempted: number | null, error: string | null) => {
    if (tracked)
      await savePartial(client, {
        tenant,
        version: tracked.version,
        name: tracked.name,
        source,
        done,
        attempted,
        error,
      });
  };
  const rebuilt: string[] = [];
  const guard = indexGuard(client, source, {
    ...(context.stop ? { stop: context.stop } : {}),
    mayRebuild: (index) => source.generated || resume?.attempted === index + 1,
    onRebuild: (name) => rebuilt.push(name),
  });
  const invalidBefore = inTransaction ? undefined : await invalidIndexNames(client);
  const outcome: StatementsOutcome = await runStatements(client, source, {
    inTransaction,
    from,
    ...(context.stop ? { stop: context.stop } : {}),
    onKept: async (count) => {
      done = count;
      await save(null, null);
    },
    beforeStatement: async (statement, index, inBlock) => {
      await guard(statement, index, inBlock);
      // A build about to start: an INVALID index found here by the next push is this one's.
      if (!inBlock && buildsIndex(statement)) await save(index + 1, null);
    },
  });
  const resumeAt = tracked ? () => done + 1 : () => undefined;
  if (outcome.status !== "ran") {
    const stoppedAt = outcome.statements.stopped?.number ?? null;
    const error = outcome.status === "failed" ? outcome.error : undefined;
    // A statement the guard stopped before sending did not run: its INVALID index is not this file's.
    const attempted = error instanceof InvalidIndexError ? null : stoppedAt;
    // Worth a record when something stays, a build may have left its index, or one exists already.
    const build = attempted !== null && buildsIndex(source.statements[attempted - 1]!);
    if (done > 0 || build || resume)
      await save(attempted, error ? error.message : "interrupted").catch(() => undefined);
    return { ...outcome, resumeAt: resumeAt() };
  }
  const { statements } = outcome;
  const failed = (error: PgFluxError): StepOutcome => ({
    status: "failed",
    error,
    statements,
    resumeAt: resumeAt(),
  });
  if (invalidBefore) {
    const left = [...(await invalidIndexNames(client))].filter((name) => !invalidBefore.has(name));
    if (left.length > 0) {
      await save(null, "INVALID index left").catch(() => undefined);
      return failed(
        new PgFluxError(
          `${source.file}: after its statements ran, index${left.length === 1 ? "" : "es"} ${left.join(", ")} ${left.length === 1 ? "is" : "are"} INVALID; the file is not recorded as applied`,
          {
            code: "runtime",
            hint: "drop the INVALID index (DROP INDEX CONCURRENTLY …), fix what made its build fail, and push again",
          },
        ),
      );
    }
  }
  const durationMs = Math.round(performance.now() - started);
  try {
    // A no-transaction file's row, and the end of its partial record, in one transaction.
    if (!inTransaction) await client.query("begin");
    await recordStep(client, step, tenant, durationMs);
    if (tracked) await deletePartial(client, tenant, tracked.version);
    if (!inTransaction) await client.query("commit");
  } catch (error) {
    if (!inTransaction) await client.query("rollback").catch(() => undefined);
    return failed(fileFailure(step, "could not record it in the ledger", error));
  }
  return { status: "applied", file: { ...summarizeStep(step), durationMs, rebuiltIndexes: rebuilt } };
}

async function recordStep(client: pg.ClientBase, step: PushStep, tenant: string, durationMs: number) {
  switch (step.kind) {
    case "versioned":
      await recordMigration(client, {
        tenant,
        version: step.version,
        name: step.name,
        checksum: step.source.checksum,
        durationMs,
      });
      return;
    case "repeatable":
      await recordRepeatable(client, {
        tenant,
        path: step.source.file,
        checksum: step.source.checksum,
        durationMs,
      });
      return;
    case "raw":
      return;
    default: {
      const _exhaustive: never = step;
      return _exhaustive;
    }
  }
}

/**
 * Resuming skips the statements that ran, but not the session settings among them (`SET
 * check_function_bodies = false`, `SET search_path`, `SET ROLE` …): they hold for the session, not
 * the database, so the statements after them expect them. `SET LOCAL` ended with its block.
 */
async function replaySessionSettings(client: pg.ClientBase, source: SqlSource, count: number): Promise<void> {
  for (const statement of source.statements.slice(0, count)) {
    const node = statement.node;
    if (node && "VariableSetStmt" in node && !node.VariableSetStmt.is_local)
      await client.query(statement.text);
  }
}

/**
 * Applies one step: in its own transaction with its ledger row, or — for `no-transaction` files —
 * statement by statement in autocommit, the ledger row written once all of them succeeded.
 */
export async function applyStep(
  client: pg.ClientBase,
  step: PushStep,
  context: StepContext,
): Promise<StepOutcome> {
  if (step.source.noTransaction) return runStepBody(client, step, context, false);
  await client.query("begin");
  const outcome = await runStepBody(client, step, context, true).catch(async (error: unknown) => {
    await client.query("rollback").catch(() => undefined);
    throw error;
  });
  if (outcome.status !== "applied") {
    await client.query("rollback").catch(() => undefined);
    return { ...outcome, statements: rolledBackWhole(outcome.statements) };
  }
  try {
    await client.query("commit");
  } catch (error) {
    const statements: StatementReport = {
      total: step.source.statements.length,
      resumedAfter: 0,
      kept: [],
      rolledBack: step.source.statements.map((_, index) => statementRef(step.source, index)),
      stopped: undefined,
      notRun: [],
    };
    return {
      status: "failed",
      error: fileFailure(step, "could not commit", error),
      statements,
      resumeAt: undefined,
    };
  }
  return outcome;
}

/** A transactional file that did not commit kept nothing: what ran is rolled back. */
function rolledBackWhole(report: StatementReport): StatementReport {
  return { ...report, kept: [], rolledBack: [...report.rolledBack, ...report.kept] };
}

function fileFailure(step: PushStep, what: string, error: unknown): PgFluxError {
  const reason = error instanceof Error ? error.message : String(error);
  return new PgFluxError(`${step.source.file}: ${what}: ${reason}`, { code: "runtime", cause: error });
}

/** Turns whatever a step threw into a located PgFluxError. */
export function asStepError(step: PushStep, error: unknown): PgFluxError {
  return error instanceof PgFluxError ? error : fileFailure(step, "failed", error);
}
