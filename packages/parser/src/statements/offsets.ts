import type { SourceLocation } from "@pg-flux/core";
import { type ScriptStatement, sourceOffset } from "../script/script.model.js";
import { lineText, locationAt } from "../script/source-file.js";

/**
 * libpg-query reports AST locations as byte offsets into the UTF-8 text it parsed. Maps such a byte
 * offset in a statement's SQL to a character offset.
 */
export function charOffsetOfByte(sql: string, byteOffset: number): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: an ASCII range check
  if (/^[\x00-\x7f]*$/.test(sql)) return byteOffset;
  const bytes = Buffer.from(sql, "utf8");
  return bytes.subarray(0, Math.max(0, Math.min(byteOffset, bytes.length))).toString("utf8").length;
}

/** Source location of a character offset inside a statement's SQL. */
export function locationInStatement(statement: ScriptStatement, sqlCharOffset: number): SourceLocation {
  return locationAt(statement.file, sourceOffset(statement, sqlCharOffset));
}

/** Source location of an AST `location` (a byte offset into the statement's SQL). */
export function locationOfAstOffset(statement: ScriptStatement, byteOffset: number): SourceLocation {
  return locationInStatement(statement, charOffsetOfByte(statement.sql, byteOffset));
}

/** A problem's location plus the source line it points into. */
export function pointAt(statement: ScriptStatement, location: SourceLocation) {
  return { location, sourceLine: lineText(statement.file, location.line) };
}
