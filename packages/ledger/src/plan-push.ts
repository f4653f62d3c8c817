import { summarizeStep } from "./apply-step.js";
import { withConnection } from "./connection.js";
import { conflictRefusal, legacyLedgerRefusal, partialRefusal } from "./ledger-refusal.js";
import { inspectLedger, ledgerTenant } from "./ledger-schema.js";
import { readMigrationRecords, readRepeatableRecords } from "./ledger-store.js";
import { readPartialRecords } from "./partial-progress.js";
import { type InputOptions, placementWarnings, readPushInput } from "./push-input.js";
import { planWork } from "./push-plan.js";
import { type PushPlanResult, summarizeTarget } from "./push-result.js";
import type { PushTarget } from "./target.js";

export interface PushPlanOptions extends InputOptions {
  readonly target: PushTarget;
}

/**
 * `--plan`: the pending files in order and why each runs, computed inside a READ ONLY transaction
 * that is rolled back. A missing ledger is not created: everything is pending.
 */
export async function planMigrations(options: PushPlanOptions): Promise<PushPlanResult> {
  const input = await readPushInput(options);
  const target = summarizeTarget(options.target);
  const warnings = placementWarnings(input, options.target);
  const tenant = ledgerTenant(options.target.tenantSchema);
  return withConnection(options.target.url, async (client) => {
    await client.query("begin transaction read only");
    try {
      const shape = await inspectLedger(client);
      if (shape.kind === "legacy" && input.kind !== "raw")
        return legacyLedgerRefusal(shape, target, warnings);
      const ledgerExists = shape.kind === "current";
      const work = planWork(
        input,
        ledgerExists ? await readMigrationRecords(client, tenant) : [],
        ledgerExists ? await readRepeatableRecords(client, tenant) : [],
        options.force ?? false,
        ledgerExists ? await readPartialRecords(client, tenant) : [],
      );
      if (work.conflicts.length > 0) return conflictRefusal(work, target, warnings);
      if (work.partialConflicts.length > 0) return partialRefusal(work, tenant, target, warnings);
      const finished = {
        target,
        warnings,
        skipped: work.skipped,
        missingFiles: work.missingFiles,
        ledgerExists,
      };
      if (work.steps.length === 0) return { ...finished, status: "nothing_to_do" };
      return { ...finished, status: "pending", steps: work.steps.map(summarizeStep) };
    } finally {
      await client.query("rollback").catch(() => undefined);
    }
  });
}
