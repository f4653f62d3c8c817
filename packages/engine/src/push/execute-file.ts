import { PgFluxError } from "@pg-flux/core";
import pg from "pg";
import { type SqlSource, type SqlStatement, statementTokenStart } from "./sql-source.js";
import { codePointIndexToOffset, lineAndColumn } from "./text-offsets.js";

/**
 * Runs a file's statements one by one on `client`, in whatever transaction state the caller set up.
 * Running them singly (rather than the whole file as one query) lets a failure point at its
 * statement even when the server reports no position.
 */
export async function runStatements(client: pg.ClientBase, source: SqlSource): Promise<void> {
  for (const statement of source.statements) {
    try {
      await client.query(statement.text);
    } catch (error) {
      throw statementFailure(source, statement, error);
    }
  }
}

/**
 * A server error located in the file: the server's `position` (1-based, in characters of the
 * statement sent) mapped to the file's line and column, else the statement's first token.
 */
export function statementFailure(source: SqlSource, statement: SqlStatement, error: unknown): PgFluxError {
  const database = error instanceof pg.DatabaseError ? error : undefined;
  const position = database?.position ? Number(database.position) : undefined;
  const offset =
    position && Number.isFinite(position)
      ? statement.start + codePointIndexToOffset(statement.text, position - 1)
      : statementTokenStart(source.text, statement.start);
  const { line, column, sourceLine } = lineAndColumn(source.text, offset);
  const reason = error instanceof Error ? error.message : String(error);
  const hint = [database?.detail, database?.hint].filter(Boolean).join("; ");
  return new PgFluxError(database?.code ? `${reason} (SQLSTATE ${database.code})` : reason, {
    code: "runtime",
    location: { file: source.file, line, column },
    sourceLine,
    sql: statement.text,
    ...(database?.code ? { sqlState: database.code } : {}),
    ...(hint ? { hint } : {}),
    cause: error,
  });
}
