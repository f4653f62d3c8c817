import { applyStep } from "./apply-step.js";
import { stepFailure, stoppedFile, withLedgerSession } from "./ledger-session.js";
import type { InputOptions } from "./push-input.js";
import type { AppliedFile, PushResult } from "./push-result.js";
import { type ReloadOptions, requestReload } from "./reload.js";
import type { PushTarget } from "./target.js";

export interface PushOptions extends InputOptions {
  readonly target: PushTarget;
  readonly reload?: ReloadOptions;
  /**
   * Stops the push: the running statement (or the wait for the ledger lock) is cancelled on the
   * server and waited for, the file's open transaction rolled back, the ledger lock released;
   * resolves `interrupted` with the files applied and how far the running file got.
   */
  readonly signal?: AbortSignal;
}

/**
 * Applies pending migrations. Holds the ledger lock of the target's tenant for the whole push, so a
 * concurrent push waits and then finds this one's work recorded. Order of work (1–3 shared with
 * `--dry-run`, in withLedgerSession):
 * 1. read and parse every file (invalid input throws before connecting);
 * 2. refuse a legacy ledger, create the ledger on first use;
 * 3. verify checksums of every applied version — a changed file refuses the push, nothing runs;
 * 4. apply each pending file in its own transaction with its ledger row (a `no-transaction` file
 *    statement by statement), stopping at the first failure (earlier files stay applied);
 * 5. request a PostgREST schema reload when anything was applied.
 */
export function pushMigrations(options: PushOptions): Promise<PushResult> {
  return withLedgerSession<PushResult>(
    options,
    "apply",
    async ({ client, stop, steps, lockWaitMs, common, finished }) => {
      if (steps.length === 0) return { ...finished, status: "nothing_to_do", lockWaitMs };
      const applied: AppliedFile[] = [];
      const context = { target: options.target, ...(stop ? { stop } : {}) };
      for (const step of steps) {
        const outcome = await applyStep(client, step, context);
        if (outcome.status === "applied") {
          applied.push(outcome.file);
          continue;
        }
        // Something may have changed even without a file applied: a no-transaction file's statements.
        const changed = applied.length > 0 || outcome.statements.kept.length > 0;
        const reload = changed ? await requestReload(client, options.reload) : undefined;
        if (outcome.status === "failed")
          return { status: "failed", ...common, applied, reload, failure: stepFailure(step, outcome) };
        return {
          status: "interrupted",
          ...common,
          applied,
          reload,
          stopped: stoppedFile(step, outcome),
        };
      }
      const reload = await requestReload(client, options.reload);
      return { ...finished, status: "applied", applied, reload, lockWaitMs };
    },
    (common) => ({ status: "interrupted", ...common, applied: [], stopped: undefined, reload: undefined }),
  );
}
