import { runStepBody, summarizeStep } from "./apply-step.js";
import { stepFailure, withLedgerSession } from "./ledger-session.js";
import type { PushPlanOptions } from "./plan-push.js";
import type { AppliedFile, DryRunResult, StepSummary } from "./push-result.js";

/**
 * `--dry-run`: runs every pending file — and writes its ledger rows, creating the ledger if needed —
 * inside one transaction that is always rolled back. Files marked `-- pg-flux:no-transaction`
 * cannot run inside it; they are listed in `notDryRunnable` and skipped (later files that depend on
 * them may then fail). No reload is requested.
 */
export function dryRunMigrations(options: PushPlanOptions): Promise<DryRunResult> {
  return withLedgerSession(options, "dry_run", async ({ client, steps, common, finished }) => {
    if (steps.length === 0) return { ...finished, status: "nothing_to_do" };
    const ran: AppliedFile[] = [];
    const notDryRunnable: StepSummary[] = [];
    for (const step of steps) {
      if (step.source.noTransaction) {
        notDryRunnable.push(summarizeStep(step));
        continue;
      }
      try {
        const durationMs = await runStepBody(client, step, options.target);
        ran.push({ ...summarizeStep(step), durationMs });
      } catch (error) {
        return { status: "failed", ...common, ran, failure: stepFailure(step, error) };
      }
    }
    return { ...finished, status: "rolled_back", ran, notDryRunnable };
  });
}
