import {
  GENERATED_HEADER,
  NO_TRANSACTION_DIRECTIVE,
  type Problem,
  skipSpaceAndComments,
} from "@pg-flux/core";
import { hasSqlDetails, type Node, parse } from "libpg-query";
import { checksumOf, normalizeLineEndings } from "./checksum.js";
import { byteOffsetMapper, codePointIndexToOffset, lineAndColumn } from "./text-offsets.js";

/** One top-level statement of a file, split by the PostgreSQL parser (dollar quotes and all). */
export interface SqlStatement {
  /**
   * The statement's text, without the terminating semicolon. It may begin with the whitespace and
   * comments before the statement: where its first token is, core's `skipSpaceAndComments(text,
   * start)` says (the one SQL scanner, nested comments and all).
   */
  readonly text: string;
  /** UTF-16 offset of `text` within the file. */
  readonly start: number;
  readonly node: Node | undefined;
}

/** A SQL file read and parsed, ready to run. */
export interface SqlSource {
  /** The path as shown to the user (relative to the working directory when below it). */
  readonly file: string;
  /** File text with line endings normalised to LF. */
  readonly text: string;
  readonly checksum: string;
  readonly noTransaction: boolean;
  /** Written by `migrate generate`: its header comment says so. */
  readonly generated: boolean;
  readonly statements: readonly SqlStatement[];
}

export type ParsedSource =
  | { readonly ok: true; readonly source: SqlSource }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** Splits and checks a file's text; syntax errors and misplaced statements come back as problems. */
export async function parseSqlSource(file: string, rawText: string): Promise<ParsedSource> {
  const text = normalizeLineEndings(rawText);
  const noTransaction = firstLine(text).trim().toLowerCase() === NO_TRANSACTION_DIRECTIVE;
  let stmts: readonly { stmt?: Node; stmt_location?: number; stmt_len?: number }[];
  try {
    stmts = (await parse(text)).stmts ?? [];
  } catch (error) {
    const offset = hasSqlDetails(error)
      ? codePointIndexToOffset(text, error.sqlDetails?.cursorPosition ?? 0)
      : 0;
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [problemAt(file, text, offset, message)] };
  }
  const toOffset = byteOffsetMapper(text);
  const statements = stmts.map((raw): SqlStatement => {
    const byteStart = raw.stmt_location ?? 0;
    const start = toOffset(byteStart);
    const end = raw.stmt_len ? toOffset(byteStart + raw.stmt_len) : text.length;
    return { text: text.slice(start, end), start, node: raw.stmt };
  });
  const problems = statements.flatMap((statement) =>
    misplacedStatement(file, text, statement, noTransaction),
  );
  if (problems.length > 0) return { ok: false, problems };
  const generated = leadingComments(text).includes(GENERATED_HEADER);
  return {
    ok: true,
    source: { file, text, checksum: checksumOf(text), noTransaction, generated, statements },
  };
}

/** A problem pointing at `offset` of `text`, shown like a compiler error. */
export function problemAt(
  file: string,
  text: string,
  offset: number,
  message: string,
  hint?: string,
): Problem {
  const { line, column, sourceLine } = lineAndColumn(text, offset);
  return { message, location: { file, line, column }, sourceLine, ...(hint ? { hint } : {}) };
}

/** The `--` comment lines the file starts with. */
function leadingComments(text: string): string[] {
  const lines: string[] = [];
  for (const line of text.split("\n")) {
    if (!line.startsWith("--")) break;
    lines.push(line.trimEnd());
  }
  return lines;
}

function firstLine(text: string): string {
  const end = text.indexOf("\n");
  return end === -1 ? text : text.slice(0, end);
}

/**
 * Statements PostgreSQL refuses inside a transaction block, and transaction control that would
 * break pg-flux's own transaction around a file. Caught before anything runs, with the fix.
 */
function misplacedStatement(
  file: string,
  text: string,
  statement: SqlStatement,
  noTransaction: boolean,
): Problem[] {
  if (noTransaction || !statement.node) return [];
  const at = skipSpaceAndComments(text, statement.start);
  const autocommit = needsAutocommit(statement.node);
  if (autocommit) {
    return [
      problemAt(
        file,
        text,
        at,
        `${autocommit} cannot run inside a transaction block`,
        `make "${NO_TRANSACTION_DIRECTIVE}" the first line of the file; its statements then run one by one in autocommit`,
      ),
    ];
  }
  if ("TransactionStmt" in statement.node) {
    return [
      problemAt(
        file,
        text,
        at,
        "transaction control statement in a migration",
        `pg-flux runs each file in its own transaction; remove BEGIN/COMMIT, or make "${NO_TRANSACTION_DIRECTIVE}" the first line to manage transactions yourself`,
      ),
    ];
  }
  return [];
}

/** What the statement is, when PostgreSQL only runs it outside a transaction block. */
export function needsAutocommit(node: Node): string | undefined {
  if ("IndexStmt" in node && node.IndexStmt.concurrent) return "CREATE INDEX CONCURRENTLY";
  if ("DropStmt" in node && node.DropStmt.concurrent) return "DROP INDEX CONCURRENTLY";
  if ("ReindexStmt" in node && isConcurrentReindex(node.ReindexStmt.params)) return "REINDEX CONCURRENTLY";
  if ("VacuumStmt" in node && node.VacuumStmt.is_vacuumcmd) return "VACUUM";
  if ("CreatedbStmt" in node) return "CREATE DATABASE";
  if ("DropdbStmt" in node) return "DROP DATABASE";
  if ("AlterSystemStmt" in node) return "ALTER SYSTEM";
  if ("CreateTableSpaceStmt" in node) return "CREATE TABLESPACE";
  if ("DropTableSpaceStmt" in node) return "DROP TABLESPACE";
  return undefined;
}

function isConcurrentReindex(params: readonly Node[] | undefined): boolean {
  return (params ?? []).some((param) => "DefElem" in param && param.DefElem.defname === "concurrently");
}
