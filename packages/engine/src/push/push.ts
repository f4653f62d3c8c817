import { applyStep } from "./apply-step.js";
import { stepFailure, withLedgerSession } from "./ledger-session.js";
import type { InputOptions } from "./push-input.js";
import type { AppliedFile, PushResult } from "./push-result.js";
import { type ReloadOptions, requestReload } from "./reload.js";
import type { PushTarget } from "./target.js";

export interface PushOptions extends InputOptions {
  readonly target: PushTarget;
  readonly reload?: ReloadOptions;
}

/**
 * Applies pending migrations. Holds the ledger lock of the target's tenant for the whole push, so a
 * concurrent push waits and then finds this one's work recorded. Order of work (1–3 shared with
 * `--dry-run`, in withLedgerSession):
 * 1. read and parse every file (invalid input throws before connecting);
 * 2. refuse a legacy ledger, create the ledger on first use;
 * 3. verify checksums of every applied version — a changed file refuses the push, nothing runs;
 * 4. apply each pending file in its own transaction with its ledger row, stopping at the first
 *    failure (earlier files stay applied);
 * 5. request a PostgREST schema reload when anything was applied.
 */
export function pushMigrations(options: PushOptions): Promise<PushResult> {
  return withLedgerSession(options, "apply", async ({ client, steps, lockWaitMs, common, finished }) => {
    if (steps.length === 0) return { ...finished, status: "nothing_to_do", lockWaitMs };
    const applied: AppliedFile[] = [];
    for (const step of steps) {
      try {
        applied.push(await applyStep(client, step, options.target));
      } catch (error) {
        const reload = applied.length > 0 ? await requestReload(client, options.reload) : undefined;
        return { status: "failed", ...common, applied, reload, failure: stepFailure(step, error) };
      }
    }
    const reload = await requestReload(client, options.reload);
    return { ...finished, status: "applied", applied, reload, lockWaitMs };
  });
}
