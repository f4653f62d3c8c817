import { acquireLedgerLock, releaseLedgerLock } from "./advisory-lock.js";
import { asStepError, runStepBody, summarizeStep } from "./apply-step.js";
import { withConnection } from "./connection.js";
import { conflictRefusal, legacyLedgerRefusal } from "./ledger-refusal.js";
import { ensureLedger, inspectLedger, ledgerTenant } from "./ledger-schema.js";
import { readMigrationRecords, readRepeatableRecords } from "./ledger-store.js";
import type { PushPlanOptions } from "./plan-push.js";
import { placementWarnings, readPushInput } from "./push-input.js";
import { planWork } from "./push-plan.js";
import { type AppliedFile, type DryRunResult, type StepSummary, summarizeTarget } from "./push-result.js";

/**
 * `--dry-run`: runs every pending file — and writes its ledger rows, creating the ledger if needed —
 * inside one transaction that is always rolled back. Files marked `-- pg-flux:no-transaction`
 * cannot run inside it; they are listed in `notDryRunnable` and skipped (later files that depend on
 * them may then fail). No reload is requested.
 */
export async function dryRunMigrations(options: PushPlanOptions): Promise<DryRunResult> {
  const input = await readPushInput(options);
  const target = summarizeTarget(options.target);
  const warnings = placementWarnings(input, options.target);
  const tenant = ledgerTenant(options.target.tenantSchema);
  return withConnection(options.target.url, async (client) => {
    await acquireLedgerLock(client, tenant);
    await client.query("begin");
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
      );
      if (work.conflicts.length > 0) return conflictRefusal(work, target, warnings);
      const finished = { target, warnings, skipped: work.skipped, missingFiles: work.missingFiles };
      if (work.steps.length === 0) return { ...finished, status: "nothing_to_do" };
      const ran: AppliedFile[] = [];
      const notDryRunnable: StepSummary[] = [];
      for (const step of work.steps) {
        if (step.source.noTransaction) {
          notDryRunnable.push(summarizeStep(step));
          continue;
        }
        try {
          const durationMs = await runStepBody(client, step, options.target);
          ran.push({ ...summarizeStep(step), durationMs });
        } catch (error) {
          return {
            status: "failed",
            target,
            warnings,
            ran,
            failure: {
              file: step.source.file,
              version: step.kind === "versioned" ? step.version : undefined,
              error: asStepError(step, error),
            },
          };
        }
      }
      return { ...finished, status: "rolled_back", ran, notDryRunnable };
    } finally {
      await client.query("rollback").catch(() => undefined);
      await releaseLedgerLock(client, tenant).catch(() => undefined);
    }
  });
}
