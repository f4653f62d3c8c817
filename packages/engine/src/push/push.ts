import { acquireLedgerLock, releaseLedgerLock } from "./advisory-lock.js";
import { applyStep, asStepError } from "./apply-step.js";
import { withConnection } from "./connection.js";
import { conflictRefusal, legacyLedgerRefusal } from "./ledger-refusal.js";
import { ensureLedger, inspectLedger, ledgerTenant } from "./ledger-schema.js";
import { readMigrationRecords, readRepeatableRecords } from "./ledger-store.js";
import { type InputOptions, placementWarnings, readPushInput } from "./push-input.js";
import { planWork } from "./push-plan.js";
import { type AppliedFile, type PushResult, summarizeTarget } from "./push-result.js";
import { type ReloadOptions, requestReload } from "./reload.js";
import type { PushTarget } from "./target.js";

export interface PushOptions extends InputOptions {
  readonly target: PushTarget;
  readonly reload?: ReloadOptions;
}

/**
 * Applies pending migrations. Holds the ledger lock of the target's tenant for the whole push, so a
 * concurrent push waits and then finds this one's work recorded. Order of work:
 * 1. read and parse every file (invalid input throws before connecting);
 * 2. refuse a legacy ledger, create the ledger on first use;
 * 3. verify checksums of every applied version — a changed file refuses the push, nothing runs;
 * 4. apply each pending file in its own transaction with its ledger row, stopping at the first
 *    failure (earlier files stay applied);
 * 5. request a PostgREST schema reload when anything was applied.
 */
export async function pushMigrations(options: PushOptions): Promise<PushResult> {
  const input = await readPushInput(options);
  const target = summarizeTarget(options.target);
  const warnings = placementWarnings(input, options.target);
  const tenant = ledgerTenant(options.target.tenantSchema);
  return withConnection(options.target.url, async (client) => {
    const lockWaitMs = await acquireLedgerLock(client, tenant);
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
      if (work.steps.length === 0) return { ...finished, status: "nothing_to_do", lockWaitMs };
      const applied: AppliedFile[] = [];
      for (const step of work.steps) {
        try {
          applied.push(await applyStep(client, step, options.target));
        } catch (error) {
          const reload = applied.length > 0 ? await requestReload(client, options.reload) : undefined;
          return {
            status: "failed",
            target,
            warnings,
            applied,
            reload,
            failure: {
              file: step.source.file,
              version: step.kind === "versioned" ? step.version : undefined,
              error: asStepError(step, error),
            },
          };
        }
      }
      const reload = await requestReload(client, options.reload);
      return { ...finished, status: "applied", applied, reload, lockWaitMs };
    } finally {
      await releaseLedgerLock(client, tenant).catch(() => undefined);
    }
  });
}
