import { PgFluxError, quoteIdent } from "@pg-flux/core";
import type pg from "pg";
import { runStatements } from "./execute-file.js";
import { ledgerTenant } from "./ledger-schema.js";
import { recordMigration, recordRepeatable } from "./ledger-store.js";
import { describeReason, type PushStep } from "./push-plan.js";
import type { AppliedFile, StepSummary } from "./push-result.js";
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

/** Runs a step's statements and writes its ledger row, in the caller's transaction state. */
export async function runStepBody(
  client: pg.ClientBase,
  step: PushStep,
  target: PushTarget,
): Promise<number> {
  const started = performance.now();
  await client.query(searchPathSql(target));
  await runStatements(client, step.source);
  const durationMs = Math.round(performance.now() - started);
  const tenant = ledgerTenant(target.tenantSchema);
  try {
    switch (step.kind) {
      case "versioned":
        await recordMigration(client, {
          tenant,
          version: step.version,
          name: step.name,
          checksum: step.source.checksum,
          durationMs,
        });
        break;
      case "repeatable":
        await recordRepeatable(client, {
          tenant,
          path: step.source.file,
          checksum: step.source.checksum,
          durationMs,
        });
        break;
      case "raw":
        break;
      default: {
        const _exhaustive: never = step;
        return _exhaustive;
      }
    }
  } catch (error) {
    throw fileFailure(step, "could not record it in the ledger", error);
  }
  return durationMs;
}

/**
 * Applies one step: in its own transaction with its ledger row, or — for `no-transaction` files —
 * statement by statement in autocommit, the ledger row written once all of them succeeded.
 */
export async function applyStep(
  client: pg.ClientBase,
  step: PushStep,
  target: PushTarget,
): Promise<AppliedFile> {
  if (step.source.noTransaction) {
    try {
      const durationMs = await runStepBody(client, step, target);
      return { ...summarizeStep(step), durationMs };
    } catch (error) {
      // The file may have opened its own transaction (BEGIN ... COMMIT groups): end it.
      await client.query("rollback").catch(() => undefined);
      throw error;
    }
  }
  await client.query("begin");
  try {
    const durationMs = await runStepBody(client, step, target);
    try {
      await client.query("commit");
    } catch (error) {
      throw fileFailure(step, "could not commit", error);
    }
    return { ...summarizeStep(step), durationMs };
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  }
}

function fileFailure(step: PushStep, what: string, error: unknown): PgFluxError {
  const reason = error instanceof Error ? error.message : String(error);
  return new PgFluxError(`${step.source.file}: ${what}: ${reason}`, { code: "runtime", cause: error });
}

/** Turns whatever a step threw into a located PgFluxError. */
export function asStepError(step: PushStep, error: unknown): PgFluxError {
  return error instanceof PgFluxError ? error : fileFailure(step, "failed", error);
}
