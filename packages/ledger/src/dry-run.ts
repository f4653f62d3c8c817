import { runStepBody, summarizeStep } from "./apply-step.js";
import { stepFailure, stoppedFile, withLedgerSession } from "./ledger-session.js";
import type { PushPlanOptions } from "./plan-push.js";
import type { AppliedFile, DryRunResult, StepSummary } from "./push-result.js";

/**
 * `--dry-run`: runs every pending file — and writes its ledger rows, creating the ledger if needed —
 * inside one transaction that is always rolled back. Files marked `-- pg-flux:no-transaction`
 * cannot run inside it; they are listed in `notDryRunnable` and skipped (later files that depend on
 * them may then fail). No reload is requested. `signal` stops it like a push: the running statement
 * is cancelled on the server, and the transaction is rolled back as always.
 */
export function dryRunMigrations(
  options: PushPlanOptions & { readonly signal?: AbortSignal },
): Promise<DryRunResult> {
  return withLedgerSession<DryRunResult>(
    options,
    "dry_run",
    async ({ client, stop, steps, common, finished }) => {
      if (steps.length === 0) return { ...finished, status: "nothing_to_do" };
      const ran: AppliedFile[] = [];
      const notDryRunnable: StepSummary[] = [];
      for (const step of steps) {
        if (step.source.noTransaction) {
          notDryRunnable.push(summarizeStep(step));
          continue;
        }
        const outcome = await runStepBody(
          client,
          step,
          { target: options.target, ...(stop ? { stop } : {}) },
          true,
        );
        if (outcome.status === "applied") ran.push(outcome.file);
        else if (outcome.status === "failed")
          return { status: "failed", ...common, ran, failure: stepFailure(step, outcome) };
        else return { status: "interrupted", ...common, ran, stopped: stoppedFile(step, outcome) };
      }
      return { ...finished, status: "rolled_back", ran, notDryRunnable };
    },
    (common) => ({ status: "interrupted", ...common, ran: [], stopped: undefined }),
  );
}
