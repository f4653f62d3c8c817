import { InvalidInputError, type Step } from "@pg-flux/core";

/**
 * Per-step session limits. Catalog-only steps get short limits so that a step stuck behind a lock
 * gives up instead of queueing production traffic behind it; long-running steps (VALIDATE,
 * CONCURRENTLY, rewrites) run with no statement timeout.
 */
export interface RunLimits {
  /** `lock_timeout` for every step, as PostgreSQL reads it (`5s`, `500ms`, `0` = none). */
  readonly lockTimeout: string;
  /** `statement_timeout` for steps that are not long-running. */
  readonly statementTimeout: string;
  /** `statement_timeout` for long-running steps (`0` = none). */
  readonly longStatementTimeout: string;
  /** Attempts after the first when a step hits lock_timeout. */
  readonly lockRetries: number;
  /** Backoff before retry n (1-based): min(initial * 2^(n-1), max). */
  readonly retryDelayMs: { readonly initial: number; readonly max: number };
  /** How long to wait for another apply on the same database to finish (the advisory lock). */
  readonly applyLockWaitMs: number;
}

export const DEFAULT_RUN_LIMITS: RunLimits = {
  lockTimeout: "5s",
  statementTimeout: "60s",
  longStatementTimeout: "0",
  lockRetries: 3,
  retryDelayMs: { initial: 500, max: 5_000 },
  applyLockWaitMs: 30_000,
};

/** The limits one step runs with. */
export function limitsForStep(
  step: Step,
  limits: RunLimits,
): { lockTimeout: string; statementTimeout: string } {
  return {
    lockTimeout: limits.lockTimeout,
    statementTimeout: step.longRunning ? limits.longStatementTimeout : limits.statementTimeout,
  };
}

export function retryDelay(attempt: number, limits: RunLimits): number {
  return Math.min(limits.retryDelayMs.initial * 2 ** (attempt - 1), limits.retryDelayMs.max);
}

const DURATION = /^\s*(\d+)\s*(ms|s|min|h)?\s*$/;

/**
 * Checks a duration flag (`--lock-timeout 5s`) and returns it in PostgreSQL's spelling. A bare
 * number is milliseconds, as in `SET lock_timeout = 5000`.
 */
export function parseDuration(value: string, flag: string): string {
  const match = DURATION.exec(value);
  if (!match) {
    throw new InvalidInputError([
      {
        message: `${flag}: invalid duration "${value}"`,
        hint: "write a number of milliseconds or a number with ms, s, min or h (e.g. 5s, 500ms, 0 for none)",
      },
    ]);
  }
  return `${match[1]}${match[2] ?? "ms"}`;
}
