import type { Problem } from "@pg-flux/core";
import type { SourceFile } from "./source-file.js";

/**
 * A stretch of a statement's SQL and where it came from. Text is copied verbatim except where a psql
 * variable (`:name`, `:'name'`, `:"name"`) was substituted: such a piece maps every offset to the
 * reference itself.
 */
export interface Piece {
  readonly sqlStart: number;
  readonly length: number;
  readonly srcStart: number;
  readonly substituted: boolean;
}

/** One SQL statement as psql would send it to the server, split at a top-level `;`. */
export interface ScriptStatement {
  readonly file: SourceFile;
  /** The statement text without its `;`, psql variables substituted. */
  readonly sql: string;
  readonly pieces: readonly Piece[];
  /** Source offset of the statement's first character. */
  readonly start: number;
  /** Source offset just after the statement (after its `;`, if any). */
  readonly end: number;
}

/**
 * A comment outside string literals, quoted identifiers and function bodies: a `--` line comment or
 * a `/*` block comment (hints may be written in either).
 */
export interface ScriptComment {
  readonly file: SourceFile;
  readonly style: "line" | "block";
  /** Offset of the `--` or `/*`. */
  readonly offset: number;
  /** Offset just after the comment: the end of its line, or just after a block comment's close. */
  readonly end: number;
  /** The text after `--`, or inside a block comment (without its delimiters). */
  readonly text: string;
  /** Index of the statement the comment sits inside (between its first character and its `;`). */
  readonly inStatement: number | null;
  /** Index of the last statement that ended before the comment, or null. */
  readonly afterStatement: number | null;
  /** True inside a `BEGIN ATOMIC … END` function body: such comments never hold hints. */
  readonly inBody: boolean;
}

/** Every statement and comment of the desired-state sources, in psql execution order. */
export interface Script {
  readonly files: readonly SourceFile[];
  readonly statements: readonly ScriptStatement[];
  readonly comments: readonly ScriptComment[];
  readonly problems: readonly Problem[];
}

/** Maps an offset in a statement's SQL back to the source file. */
export function sourceOffset(statement: ScriptStatement, sqlOffset: number): number {
  let piece = statement.pieces[0];
  for (const candidate of statement.pieces) {
    if (candidate.sqlStart > sqlOffset) break;
    piece = candidate;
  }
  if (!piece) return statement.start;
  if (piece.substituted) return piece.srcStart;
  return piece.srcStart + Math.min(sqlOffset - piece.sqlStart, Math.max(0, piece.length));
}
