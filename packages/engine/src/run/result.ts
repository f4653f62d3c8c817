import type { Hazard, Plan, Step } from "@pg-flux/core";

/** A step that ran (and, for `failed`, whether its group's work was kept). */
export interface StepRun {
  /** 0-based index into `plan.steps`. */
  readonly index: number;
  readonly id: string;
  readonly sql: string;
  readonly ms: number;
  /** 1 unless the step was retried after lock_timeout. */
  readonly attempts: number;
}

export interface BlockingHazard {
  readonly stepIndex: number;
  readonly step: Step;
  readonly hazard: Hazard;
}

export type RefusalReason = "blocking_hazards" | "stale_plan";

/**
 * What stands between a failure and a run that finishes:
 * - `fix_data`: rows break what the step enforces (SQLSTATE class 22 or 23: a duplicate key, a
 *   NULL, a failing CHECK or foreign key, a value that does not convert): a re-run as is fails the
 *   same way, the rows must be fixed first;
 * - `rerun`: a lock wait, timeout, deadlock, cancellation or lost connection: re-run;
 * - `investigate`: anything else (a permission, an object changed meanwhile): read the message.
 */
export type FailureRemedy = "fix_data" | "rerun" | "investigate";

export interface RunFailure {
  /** The step that failed. */
  readonly stepIndex: number;
  readonly step: Step;
  /** The server's message (never a URL). */
  readonly message: string;
  /**
   * The server's DETAIL, which names the rows (`Key (email)=(a@example.com) is duplicated.`), or
   * what pg-flux knows of them when PostgreSQL says nothing.
   */
  readonly detail: string | undefined;
  readonly sqlState: string | undefined;
  readonly remedy: FailureRemedy;
  /** lock_timeout was hit on every attempt. */
  readonly lockTimeout: boolean;
  readonly attempts: number;
}

/**
 * Outcome of an apply: a status union, never an exception for control flow. `failed` tells which
 * steps are in the database (`applied`: committed groups and autocommit steps), which were rolled
 * back with the failing group (`rolledBack`), and which never ran (`notRun`).
 */
export type ApplyResult =
  | {
      readonly status: "applied";
      readonly plan: Plan;
      readonly applied: readonly StepRun[];
      readonly ms: number;
    }
  | { readonly status: "nothing_to_do"; readonly plan: Plan }
  | {
      readonly status: "refused";
      readonly plan: Plan;
      readonly reason: RefusalReason;
      /** Ready to print: the first line is the one-line reason. */
      readonly message: string;
      readonly hazards: readonly BlockingHazard[];
    }
  | {
      readonly status: "failed";
      readonly plan: Plan;
      /** One line saying what went wrong (with the server's DETAIL, which names the rows). */
      readonly message: string;
      readonly failure: RunFailure | null;
      readonly applied: readonly StepRun[];
      readonly rolledBack: readonly StepRun[];
      readonly notRun: readonly number[];
      readonly ms: number;
    }
  | {
      /**
       * The caller's AbortSignal fired (the CLI: Ctrl-C or SIGTERM). The running statement was
       * cancelled on the server and waited for, the open group rolled back, the apply lock released:
       * when this resolves, pg-flux holds no lock and runs nothing on the database.
       */
      readonly status: "interrupted";
      readonly plan: Plan;
      /** One line saying where the run stopped. */
      readonly message: string;
      /** The step whose statement was cancelled; null when the interrupt came between steps. */
      readonly stopped: { readonly stepIndex: number; readonly step: Step } | null;
      readonly applied: readonly StepRun[];
      readonly rolledBack: readonly StepRun[];
      readonly notRun: readonly number[];
      /** Indexes the cancelled concurrent build left INVALID; the next run drops and rebuilds them. */
      readonly invalidIndexes: readonly string[];
      readonly ms: number;
    };

export type ApplyStatus = ApplyResult["status"];

/** What the runner reports while it works; the CLI renders these as progress. */
export type RunEvent =
  | { readonly kind: "waiting_for_lock"; readonly message: string }
  | { readonly kind: "step_started"; readonly index: number; readonly total: number; readonly step: Step }
  | {
      readonly kind: "step_progress";
      readonly index: number;
      readonly total: number;
      readonly step: Step;
      readonly elapsedMs: number;
      /** e.g. `building index: scanning table 41%`. */
      readonly detail: string | null;
    }
  | {
      readonly kind: "step_finished";
      readonly index: number;
      readonly total: number;
      readonly step: Step;
      readonly ms: number;
    }
  | {
      readonly kind: "step_retry";
      readonly index: number;
      readonly total: number;
      readonly step: Step;
      readonly attempt: number;
      readonly delayMs: number;
      readonly reason: string;
    }
  | { readonly kind: "group_rolled_back"; readonly steps: readonly number[] };
