import type { Problem } from "@pg-flux/core";
import { lineText, locationInStatement, type Statement } from "@pg-flux/parser";

interface ServerError {
  readonly message: string;
  readonly position?: string;
  readonly hint?: string;
  readonly detail?: string;
  readonly where?: string;
}

/** The server's error position (1-based, in the query text sent), when it reports one. */
export function errorPosition(error: unknown): number | undefined {
  const position = Number((error as ServerError | null)?.position);
  return Number.isInteger(position) && position > 0 ? position : undefined;
}

/** A server error mapped back to the statement's file:line:col (the error position when it has one). */
export function serverProblem(statement: Statement, error: unknown): Problem {
  const e = (error ?? {}) as ServerError;
  const message = error instanceof Error ? error.message : String(error);
  const position = errorPosition(error);
  const location =
    position === undefined ? statement.location : locationInStatement(statement.script, position - 1);
  const details = [e.detail, e.where ? `context: ${e.where.split("\n")[0]}` : undefined].filter(Boolean);
  return {
    message: `${message}${details.length > 0 ? ` (${details.join("; ")})` : ""}`,
    location,
    sourceLine: lineText(statement.script.file, location.line),
    ...(e.hint ? { hint: e.hint } : {}),
  };
}
