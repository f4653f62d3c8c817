import { PgFluxError, skipSpaceAndComments } from "@pg-flux/core";
import { InterruptedError, type Interruptible, interruptibleQuery } from "@pg-flux/inspector";
import type { Node } from "libpg-query";
import pg from "pg";
import type { SqlSource, SqlStatement } from "./sql-source.js";
import { codePointIndexToOffset, lineAndColumn } from "./text-offsets.js";

/** A statement of a file as reports show it: its number in the file (1-based) and its first line. */
export interface StatementRef {
  readonly number: number;
  readonly line: number;
}

/**
 * Where a file stopped, statement by statement. A transactional file keeps nothing: everything that
 * ran is rolled back with its transaction. A `no-transaction` file keeps what ran in autocommit and in
 * committed `BEGIN … COMMIT` blocks, and rolls back the block it stopped in.
 */
export interface StatementReport {
  readonly total: number;
  /** The leading statements an earlier push ran; this push started after them. */
  readonly resumedAfter: number;
  /** Ran and stay in the database. */
  readonly kept: readonly StatementRef[];
  /** Ran, then were rolled back with the transaction they were in. */
  readonly rolledBack: readonly StatementRef[];
  /** The statement that failed or was cancelled; undefined when the file stopped between statements. */
  readonly stopped: StatementRef | undefined;
  readonly notRun: readonly StatementRef[];
}

/** What running a file's statements did: a status union, as the rest of push reports. */
export type StatementsOutcome =
  | { readonly status: "ran"; readonly statements: StatementReport }
  | { readonly status: "failed"; readonly error: PgFluxError; readonly statements: StatementReport }
  | { readonly status: "interrupted"; readonly statements: StatementReport };

export interface RunStatementsOptions {
  /** Cancels the running statement on the server when its signal fires. */
  readonly stop?: Interruptible;
  /**
   * True when the caller holds a transaction around the file (a transactional file, or the dry run):
   * everything that ran is rolled back on failure. False for `no-transaction` files (autocommit).
   */
  readonly inTransaction: boolean;
  /** Start after this many leading statements (an earlier push ran them); default 0. */
  readonly from?: number;
  /**
   * Called when statements [0, done) have run and will stay: after each autocommit statement, and
   * inside a `BEGIN … COMMIT` block just before its COMMIT (so it commits with the block).
   */
  readonly onKept?: (done: number) => Promise<void>;
  /** Called before each statement is sent, in the same transaction state; may throw to stop there. */
  readonly beforeStatement?: (statement: SqlStatement, index: number, inBlock: boolean) => Promise<void>;
}

/**
 * Runs a file's statements one by one on `client`, in whatever transaction state the caller set up.
 * Running them singly (rather than the whole file as one query) lets a failure point at its
 * statement even when the server reports no position, and tells exactly which statements ran.
 */
export async function runStatements(
  client: pg.ClientBase,
  source: SqlSource,
  options: RunStatementsOptions,
): Promise<StatementsOutcome> {
  const { statements } = source;
  const from = options.from ?? 0;
  const kept: number[] = [];
  const rolledBack: number[] = [];
  let blockStart: number | undefined;
  const report = (stopped: number | undefined, ranUntil: number): StatementReport => {
    const refs = (indexes: readonly number[]) => indexes.map((index) => statementRef(source, index));
    const notRunFrom = stopped === undefined ? ranUntil : stopped + 1;
    return {
      total: statements.length,
      resumedAfter: from,
      kept: refs(kept),
      rolledBack: refs(rolledBack),
      stopped: stopped === undefined ? undefined : statementRef(source, stopped),
      notRun: refs(range(notRunFrom, statements.length)),
    };
  };
  for (let index = from; index < statements.length; index++) {
    const statement = statements[index]!;
    const control = transactionControl(statement.node);
    try {
      if (control === "commit" && blockStart !== undefined) await options.onKept?.(index + 1);
      await options.beforeStatement?.(statement, index, blockStart !== undefined);
      await interruptibleQuery(client, options.stop, statement.text);
    } catch (error) {
      const open = options.inTransaction ? from : blockStart;
      if (open !== undefined) rolledBack.push(...range(open, index));
      // The file's own open block (the caller ends a transaction it holds itself).
      if (!options.inTransaction && blockStart !== undefined)
        await client.query("rollback").catch(() => undefined);
      if (error instanceof InterruptedError) {
        return { status: "interrupted", statements: report(error.cancelled ? index : undefined, index) };
      }
      const failure = error instanceof PgFluxError ? error : statementFailure(source, statement, error);
      return { status: "failed", error: failure, statements: report(index, index) };
    }
    if (options.inTransaction) continue;
    let ended = false;
    if (control === "begin") {
      blockStart = index;
    } else if (control === "commit" && blockStart !== undefined) {
      kept.push(...range(blockStart, index + 1));
      blockStart = undefined;
    } else if (control === "rollback" && blockStart !== undefined) {
      rolledBack.push(...range(blockStart, index + 1));
      blockStart = undefined;
      ended = true;
    } else if (blockStart === undefined) {
      kept.push(index);
      ended = true;
    }
    try {
      if (ended) await options.onKept?.(index + 1);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const failure = new PgFluxError(
        `${source.file}: could not record how far the file got in the ledger: ${reason}`,
        { code: "runtime", cause: error },
      );
      return { status: "failed", error: failure, statements: report(undefined, index + 1) };
    }
  }
  if (options.inTransaction) kept.push(...range(from, statements.length));
  return { status: "ran", statements: report(undefined, statements.length) };
}

function range(start: number, end: number): number[] {
  return Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
}

/** How a statement moves a no-transaction file's own transaction blocks. */
function transactionControl(node: Node | undefined): "begin" | "commit" | "rollback" | undefined {
  if (!node || !("TransactionStmt" in node)) return undefined;
  switch (node.TransactionStmt.kind) {
    case "TRANS_STMT_BEGIN":
    case "TRANS_STMT_START":
      return "begin";
    case "TRANS_STMT_COMMIT":
    case "TRANS_STMT_PREPARE":
      return "commit";
    case "TRANS_STMT_ROLLBACK":
      return "rollback";
    default:
      return undefined;
  }
}

/** A statement's number and the line of its first token. */
export function statementRef(source: SqlSource, index: number): StatementRef {
  const statement = source.statements[index]!;
  return {
    number: index + 1,
    line: lineAndColumn(source.text, skipSpaceAndComments(source.text, statement.start)).line,
  };
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
      : skipSpaceAndComments(source.text, statement.start);
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
