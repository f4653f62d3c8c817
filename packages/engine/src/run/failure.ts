import type { Step } from "@pg-flux/core";
import type { FailureRemedy, RunFailure } from "./result.js";

/** The server's error as the runner keeps it: its message, its DETAIL (the rows) and SQLSTATE. */
export interface ServerError {
  readonly message: string;
  readonly detail: string | undefined;
  readonly sqlState: string | undefined;
}

export function serverError(error: unknown): ServerError {
  const field = (name: string): string | undefined => {
    if (typeof error !== "object" || error === null || !(name in error)) return undefined;
    const value = (error as Record<string, unknown>)[name];
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  const code = field("code");
  return {
    message: error instanceof Error ? error.message : String(error),
    detail: field("detail"),
    sqlState: code !== undefined && /^[0-9A-Z]{5}$/.test(code) ? code : undefined,
  };
}

/**
 * What a failure needs before a re-run can finish, from its SQLSTATE (PostgreSQL's Appendix A):
 * class 22 (data exception: a value that does not convert or fit) and 23 (integrity constraint
 * violation: a duplicate key, a NULL, a failing CHECK or foreign key) are the rows' fault; lock
 * waits, timeouts, deadlocks, cancellations and lost connections pass; anything else needs reading.
 */
export function remedyOf(sqlState: string | undefined): FailureRemedy {
  if (sqlState === undefined) return "rerun"; // no SQLSTATE: the connection itself failed
  const errorClass = sqlState.slice(0, 2);
  if (errorClass === "22" || errorClass === "23") return "fix_data";
  if (
    ["08", "40", "57"].includes(errorClass) || // connection, deadlock/serialization, cancel/shutdown
    sqlState === "55P03" || // lock_not_available (lock_timeout)
    sqlState === "55006" // object_in_use
  ) {
    return "rerun";
  }
  return "investigate";
}

/**
 * What the rows have to do with a failed step when PostgreSQL does not say (VALIDATE of a CHECK
 * names no row): the NOT NULL pattern's helper fails on rows holding NULL.
 */
export function detailFor(step: Step, error: ServerError): string | undefined {
  if (error.detail !== undefined) return error.detail;
  if (step.kind === "validate_not_null_check" && error.sqlState === "23514") {
    return "some rows hold NULL in the column being made NOT NULL";
  }
  return undefined;
}

/** `could not create unique index "k": Key (email)=(a@b) is duplicated.` (the DETAIL kept). */
export function failureText(failure: Pick<RunFailure, "message" | "detail">): string {
  return failure.detail === undefined ? failure.message : `${failure.message}: ${failure.detail}`;
}

/**
 * The sentence after a failed apply: whether the data must be fixed first, and that a re-run
 * re-plans from the database and finishes (committed steps stay; a rolled-back group runs again).
 */
export function nextStep(failure: RunFailure, command = "pg-flux migrate apply"): string {
  switch (failure.remedy) {
    case "fix_data":
      return `The data must be fixed first: rows of the table break what step ${failure.stepIndex + 1} enforces (see the detail above), so running again as is fails the same way. Fix those rows, then run ${command} again: it re-plans from the database and finishes.`;
    case "rerun":
      return failure.lockTimeout
        ? `Another session held a lock the step needs. Run ${command} again (when that session is done): it re-plans from the database and finishes.`
        : `Run ${command} again: it re-plans from the database and finishes.`;
    case "investigate":
      return `Fix the cause named above, then run ${command} again: it re-plans from the database and finishes.`;
    default: {
      const _exhaustive: never = failure.remedy;
      return _exhaustive;
    }
  }
}
