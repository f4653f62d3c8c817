import type { PgFluxError } from "@pg-flux/core";
import type { StatementReport } from "./execute-file.js";
import type { TenancyPlan } from "./flux-config.js";
import type { MigrationRecord } from "./ledger-store.js";
import type { ChecksumConflict, PushStep, SkippedFile } from "./push-plan.js";
import type { ReloadOutcome } from "./reload.js";
import type { PushTarget } from "./target.js";
import type { PushWarning } from "./tenant-warnings.js";

/** The target as results show it: no URL, so no password can leak through a result. */
export interface TargetSummary {
  readonly label: string;
  readonly plan: TenancyPlan;
  readonly tenantSchema: string | undefined;
  readonly connectionSource: string;
}

export function summarizeTarget(target: PushTarget): TargetSummary {
  return {
    label: target.label,
    plan: target.plan,
    tenantSchema: target.tenantSchema,
    connectionSource: target.connectionSource,
  };
}

/** A file that runs (or would run), without its text. */
export interface StepSummary {
  readonly kind: PushStep["kind"];
  readonly file: string;
  readonly version: string | undefined;
  readonly reason: PushStep["reason"];
  /** The reason in words. */
  readonly why: string;
  readonly checksum: string;
  /** False for files marked `-- pg-flux:no-transaction`. */
  readonly transactional: boolean;
}

export interface AppliedFile extends StepSummary {
  readonly durationMs: number;
  /** INVALID indexes (left by an earlier failed build) dropped so that the file built them anew. */
  readonly rebuiltIndexes: readonly string[];
}

/** A file that stopped part-way, and how far it got. */
export interface StoppedFile {
  readonly file: string;
  readonly version: string | undefined;
  /** Which of the file's statements ran and stay, were rolled back, stopped, did not run. */
  readonly statements: StatementReport;
  /** False for `no-transaction` files: what ran in autocommit stays. */
  readonly transactional: boolean;
  /**
   * The statement (1-based) the next push of this file starts at: a versioned `no-transaction` file
   * resumes after the statements that stay. Undefined: the next push runs the whole file again.
   */
  readonly resumeAt: number | undefined;
}

export interface PushFailure extends StoppedFile {
  /** Located in the file (`error.location`), with SQLSTATE when the server raised it. */
  readonly error: PgFluxError;
}

interface Common {
  readonly target: TargetSummary;
  readonly warnings: readonly PushWarning[];
}

/** Why a push did not run at all. */
export interface PushRefusal extends Common {
  readonly status: "refused";
  readonly reason: "checksum_conflict" | "legacy_ledger" | "partial_changed";
  readonly message: string;
  readonly hint: string;
  readonly conflicts: readonly ChecksumConflict[];
}

interface Finished extends Common {
  readonly skipped: readonly SkippedFile[];
  /** Ledger rows whose file is not in the pushed directory. */
  readonly missingFiles: readonly MigrationRecord[];
}

export type PushResult =
  | (Finished & {
      readonly status: "applied";
      readonly applied: readonly AppliedFile[];
      readonly reload: ReloadOutcome;
      readonly lockWaitMs: number;
    })
  | (Finished & { readonly status: "nothing_to_do"; readonly lockWaitMs: number })
  | (Common & {
      readonly status: "failed";
      /** Files applied and recorded before the failure; they stay applied. */
      readonly applied: readonly AppliedFile[];
      readonly failure: PushFailure;
      /** Requested when earlier files were applied. */
      readonly reload: ReloadOutcome | undefined;
    })
  | (Common & {
      /**
       * The caller's signal fired (the CLI: Ctrl-C, SIGTERM): the running statement was cancelled on
       * the server and waited for, the open transaction rolled back, the ledger lock released.
       */
      readonly status: "interrupted";
      /** Files applied and recorded before the interrupt; they stay applied. */
      readonly applied: readonly AppliedFile[];
      /** The file that was running; undefined when the interrupt came between files or while waiting. */
      readonly stopped: StoppedFile | undefined;
      readonly reload: ReloadOutcome | undefined;
    })
  | PushRefusal;

/** `--plan`: what would run, in order, and why. Nothing is written. */
export type PushPlanResult =
  | (Finished & {
      readonly status: "pending";
      readonly steps: readonly StepSummary[];
      /** False when the ledger does not exist yet (everything is pending; it is created on push). */
      readonly ledgerExists: boolean;
    })
  | (Finished & { readonly status: "nothing_to_do"; readonly ledgerExists: boolean })
  | PushRefusal;

/** `--dry-run`: everything ran in one transaction that was rolled back. */
export type DryRunResult =
  | (Finished & {
      readonly status: "rolled_back";
      readonly ran: readonly AppliedFile[];
      /** Files marked `-- pg-flux:no-transaction`: they cannot run inside the dry-run transaction. */
      readonly notDryRunnable: readonly StepSummary[];
    })
  | (Finished & { readonly status: "nothing_to_do" })
  | (Common & {
      readonly status: "failed";
      readonly ran: readonly AppliedFile[];
      readonly failure: PushFailure;
    })
  | (Common & {
      /** The signal fired: the running statement was cancelled; everything was rolled back. */
      readonly status: "interrupted";
      readonly ran: readonly AppliedFile[];
      readonly stopped: StoppedFile | undefined;
    })
  | PushRefusal;
