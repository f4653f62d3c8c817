import { scanSync } from "libpg-query";
import type { ScriptComment, ScriptStatement } from "../script/script.model.js";
import { lineIndexAt } from "../script/source-file.js";
import { charOffsetOfByte } from "../statements/offsets.js";
import type { Statement } from "../statements/statement.model.js";
import type { StatementTarget } from "./targets.js";

/** A token of a statement's SQL (comments left out), at character offsets. */
export interface Token {
  readonly start: number;
  readonly end: number;
  readonly name: string;
  readonly text: string;
}

/** The statement's tokens without its comments. */
export function significantTokens(sql: string): Token[] {
  return scanSync(sql)
    .tokens.filter((token) => token.tokenName !== "SQL_COMMENT" && token.tokenName !== "C_COMMENT")
    .map((token) => {
      const start = charOffsetOfByte(sql, token.start);
      const end = charOffsetOfByte(sql, token.end);
      return { start, end, name: token.tokenName, text: sql.slice(start, end) };
    });
}

/** Offset in the statement's SQL of a source offset inside it. */
export function sqlOffsetOfSource(raw: ScriptStatement, sourceOffset: number): number {
  let result = 0;
  for (const piece of raw.pieces) {
    if (piece.srcStart > sourceOffset) break;
    result = piece.substituted
      ? piece.sqlStart + piece.length
      : piece.sqlStart + (sourceOffset - piece.srcStart);
  }
  return result;
}

/**
 * Where an object hint may sit inside the statement creating the object (sqldef's placement):
 * - `name`: right after the object's name (`CREATE INDEX new_idx -- @renamed from=old_idx`, or the
 *   same as a block comment before `ON`);
 * - `paren`: right after the parenthesis opening the element list of CREATE TABLE or CREATE TYPE …
 *   AS ENUM / AS (…), before the first element (`CREATE TABLE users ( -- @renamed from=accounts`).
 * Null when the comment is elsewhere.
 */
export type HeadSlot = { readonly slot: "name" | "paren"; readonly ownLine: boolean };

/** Statements whose created object a hint inside the statement may name. */
const HEAD_STATEMENTS = new Set([
  "CreateStmt",
  "IndexStmt",
  "ViewStmt",
  "CreateTableAsStmt",
  "CreateSeqStmt",
  "CreateEnumStmt",
  "CreateRangeStmt",
  "CompositeTypeStmt",
  "CreateDomainStmt",
  "CreateFunctionStmt",
  "CreateSchemaStmt",
  "CreateRoleStmt",
  "CreatePolicyStmt",
  "CreateTrigStmt",
  "DefineStmt",
  "CreatePublicationStmt",
  "CreateFdwStmt",
  "CreateForeignServerStmt",
  "CreateForeignTableStmt",
  "CreateOpClassStmt",
  "CreateOpFamilyStmt",
  "CreateConversionStmt",
  "CreatePLangStmt",
  "RuleStmt",
  "CreateStatsStmt",
  "CreateEventTrigStmt",
]);

/** Keywords that end the part of a CREATE statement before the object's name. */
const BEFORE_NAME = new Set([
  "table",
  "index",
  "concurrently",
  "exists",
  "type",
  "view",
  "sequence",
  "domain",
  "function",
  "procedure",
  "schema",
  "role",
  "user",
  "group",
  "aggregate",
  "policy",
  "trigger",
  "publication",
  "wrapper",
  "server",
  "parser",
  "template",
  "dictionary",
  "configuration",
  "operator",
  "class",
  "family",
  "conversion",
  "language",
  "rule",
  "statistics",
]);

/** What must come right before the element list's `(` for the `paren` slot. */
const BEFORE_PAREN: Readonly<Record<string, "name" | "enum" | "as">> = {
  CreateStmt: "name",
  CreateForeignTableStmt: "name",
  CreateEnumStmt: "enum",
  CompositeTypeStmt: "as",
};

export function headSlot(
  comment: ScriptComment,
  raw: ScriptStatement,
  statement: Statement,
  target: StatementTarget,
): HeadSlot | null {
  if (!HEAD_STATEMENTS.has(statement.type)) return null;
  const tokens = significantTokens(raw.sql);
  const at = sqlOffsetOfSource(raw, comment.offset);
  let previous = -1;
  for (let i = 0; i < tokens.length && (tokens[i] as Token).end <= at; i++) previous = i;
  if (previous < 0) return null;
  const firstParen = tokens.findIndex((token) => token.text === "(");
  const ownLine = isOwnLine(comment);
  const isName = (end: number): boolean => {
    if (!spells(tokens[end], target.name)) return false;
    if (tokens[end - 1]?.text === ".") {
      return spells(tokens[end - 2], target.schema) && before(tokens[end - 3]);
    }
    return before(tokens[end - 1]);
  };
  if ((firstParen === -1 || previous < firstParen) && isName(previous)) return { slot: "name", ownLine };
  const needs = BEFORE_PAREN[statement.type];
  if (needs && previous === firstParen) {
    const ahead = tokens[firstParen - 1];
    const ok = needs === "name" ? isName(firstParen - 1) : ahead?.text.toLowerCase() === needs;
    if (ok) return { slot: "paren", ownLine };
  }
  return null;
}

function before(token: Token | undefined): boolean {
  return token !== undefined && BEFORE_NAME.has(token.text.toLowerCase());
}

/** Whether a token spells an identifier: quoted as written, bare folded to lower case. */
function spells(token: Token | undefined, name: string): boolean {
  if (!token) return false;
  if (token.text.startsWith('"')) return token.text.slice(1, -1).replaceAll('""', '"') === name;
  return token.text.toLowerCase() === name;
}

/** Whether nothing but blanks shares the comment's line(s) (a block comment may end a line too). */
export function isOwnLine(comment: ScriptComment): boolean {
  const file = comment.file;
  const line = lineIndexAt(file, comment.offset);
  const before = file.text.slice(file.lineStarts[line] ?? 0, comment.offset);
  if (before.trim() !== "") return false;
  if (comment.style === "line") return true;
  const endLine = lineIndexAt(file, comment.end);
  const next = file.lineStarts[endLine + 1];
  const after = file.text.slice(comment.end, next === undefined ? file.text.length : next);
  return after.trim() === "";
}
