import { ids, type Problem, type SourceLocation } from "@pg-flux/core";
import { scanSync } from "libpg-query";
import type { StatementObjects } from "../order/order.js";
import type { LineComment, Script, ScriptStatement } from "../script/script.model.js";
import { lineIndexAt, lineText, locationAt } from "../script/source-file.js";
import { charOffsetOfByte } from "../statements/offsets.js";
import type { Statement } from "../statements/statement.model.js";
import { nodeType } from "../statements/statement.model.js";
import type { HintKind, RenameHint } from "./hint.model.js";
import { isHintComment, parseHintText } from "./hint-text.js";
import { statementTarget } from "./targets.js";

type Rec = Readonly<Record<string, unknown>>;

export interface HintResult {
  readonly hints: readonly RenameHint[];
  readonly problems: readonly Problem[];
}

/**
 * Finds the `-- @renamed…` comments and ties each to its target: column and constraint hints trail
 * the line of the column (or constraint) inside CREATE TABLE / ALTER TABLE, value hints trail an
 * enum label, every other kind sits on the line(s) directly above the statement creating the object.
 */
export function collectHints(
  script: Script,
  statements: readonly Statement[],
  objects: readonly StatementObjects[],
): HintResult {
  const byScript = new Map<ScriptStatement, Statement>();
  for (const statement of statements)
    if (!byScript.has(statement.script)) byScript.set(statement.script, statement);
  const commentLines = new Map<object, Set<number>>();
  for (const comment of script.comments) {
    const lines = commentLines.get(comment.file) ?? new Set<number>();
    commentLines.set(comment.file, lines);
    lines.add(lineIndexAt(comment.file, comment.offset));
  }
  const hints: RenameHint[] = [];
  const problems: Problem[] = [];

  for (const comment of script.comments) {
    if (comment.inBody || !isHintComment(comment.text)) continue;
    const location = locationAt(
      comment.file,
      comment.offset + 2 + (comment.text.length - comment.text.trimStart().length),
    );
    const fail = (message: string, hint?: string) =>
      problems.push({
        message,
        location,
        sourceLine: lineText(comment.file, location.line),
        ...(hint ? { hint } : {}),
      });
    const parsed = parseHintText(comment.text);
    if (!parsed.ok) {
      fail(parsed.message, parsed.hint);
      continue;
    }
    const trailing = parsed.kind === "column" || parsed.kind === "value" || parsed.kind === "constraint";
    if (comment.inStatement !== null) {
      const raw = script.statements[comment.inStatement];
      const statement = raw ? byScript.get(raw) : undefined;
      if (!raw || !statement) continue; // the statement has a syntax error, reported already
      if (!trailing) {
        fail(`${parsed.keyword} must be on the line directly above the statement it renames, not inside it`);
        continue;
      }
      const objectsOf = objects[statement.index];
      const made = trailingHint(
        comment,
        raw,
        statement,
        objectsOf?.defaultSchema ?? "public",
        parsed.kind,
        parsed.from,
        location,
      );
      if (typeof made === "string") fail(made);
      else hints.push(made);
      continue;
    }
    // between statements: the hint belongs to the next statement, which must start right below
    const next = script.statements[(comment.afterStatement ?? -1) + 1];
    const statement = next ? byScript.get(next) : undefined;
    const commentLine = lineIndexAt(comment.file, comment.offset);
    const previous = comment.afterStatement === null ? undefined : script.statements[comment.afterStatement];
    if (
      previous &&
      previous.file === comment.file &&
      lineIndexAt(comment.file, previous.end - 1) === commentLine
    ) {
      fail(`${parsed.keyword} must be on its own line, directly above the statement it renames`);
      continue;
    }
    if (
      !next ||
      next.file !== comment.file ||
      !directlyAbove(commentLine, lineIndexAt(next.file, next.start), commentLines.get(comment.file))
    ) {
      fail(
        `${parsed.keyword} is not directly above a statement`,
        "put the hint on the line right above CREATE …, with no blank line between",
      );
      continue;
    }
    if (!statement) continue;
    if (trailing && parsed.kind !== "constraint") {
      fail(
        parsed.kind === "value"
          ? `${parsed.keyword} must trail the enum label on the same line`
          : `${parsed.keyword} must trail the column definition on the same line`,
        parsed.kind === "value"
          ? "write 'new_label', -- @renamed-value from='old_label'"
          : "write  email text NOT NULL, -- @renamed from=email_address",
      );
      continue;
    }
    const target = statementTarget(statement.node, objects[statement.index]?.defaultSchema ?? "public");
    if (typeof target === "string" || !target.kinds.includes(parsed.kind)) {
      const label = typeof target === "string" ? target : target.label;
      fail(`${parsed.keyword} does not apply to ${label}`, hintPlacement(parsed.kind));
      continue;
    }
    const fromSchema = parsed.from.schema ?? target.schema;
    hints.push({
      kind: parsed.kind,
      targetId: target.idFor(target.schema, target.name),
      fromId: target.idFor(fromSchema, parsed.from.name),
      from: parsed.from,
      ...(parsed.kind === "constraint" ? { table: tableOfAlter(statement.node, target.schema) } : {}),
      location,
    });
  }
  problems.push(...duplicateClaims(hints));
  return { hints, problems };
}

function directlyAbove(
  commentLine: number,
  statementLine: number,
  lines: ReadonlySet<number> | undefined,
): boolean {
  if (statementLine <= commentLine) return false;
  for (let line = commentLine + 1; line < statementLine; line++) if (!lines?.has(line)) return false;
  return true;
}

function hintPlacement(kind: HintKind): string {
  const where: Record<HintKind, string> = {
    column: "trail the column definition",
    table: "put it above CREATE TABLE",
    index: "put it above CREATE INDEX",
    view: "put it above CREATE VIEW",
    materialized_view: "put it above CREATE MATERIALIZED VIEW",
    sequence: "put it above CREATE SEQUENCE",
    type: "put it above CREATE TYPE / CREATE DOMAIN",
    function: "put it above CREATE FUNCTION",
    constraint: "trail the constraint inside CREATE TABLE, or put it above ALTER TABLE … ADD CONSTRAINT",
    schema: "put it above CREATE SCHEMA",
    value: "trail the enum label inside CREATE TYPE … AS ENUM",
  };
  return where[kind];
}

function tableOfAlter(node: Statement["node"], schema: string): { schema: string; name: string } {
  const relation = ((node as unknown as Readonly<Record<string, Rec>>)[nodeType(node)]?.relation ??
    {}) as Rec;
  return { schema, name: String(relation.relname ?? "") };
}

export interface Element {
  readonly offset: number;
  readonly column?: string;
  readonly constraints: readonly string[];
}

/** A hint inside a statement: trailing a column, a constraint or an enum label. */
function trailingHint(
  comment: LineComment,
  raw: ScriptStatement,
  statement: Statement,
  defaultSchema: string,
  kind: HintKind,
  from: RenameHint["from"],
  location: SourceLocation,
): RenameHint | string {
  const file = comment.file;
  const commentLine = lineIndexAt(file, comment.offset);
  const lineStart = file.lineStarts[commentLine] ?? 0;
  if (file.text.slice(lineStart, comment.offset).trim() === "") {
    return kind === "value"
      ? "@renamed-value must trail the enum label on the same line"
      : `${kind === "column" ? "@renamed" : "@renamed-constraint"} must trail the ${kind} definition on the same line, not stand on its own line`;
  }
  const type = statement.type;
  const b = (statement.node as unknown as Readonly<Record<string, Rec>>)[type] ?? {};
  if (kind === "value") {
    if (type !== "CreateEnumStmt")
      return "@renamed-value must trail an enum label inside CREATE TYPE … AS ENUM";
    const names = ((b.typeName as unknown[]) ?? []).map(
      (n) => (n as { String?: { sval?: string } }).String?.sval ?? "",
    );
    const schema = names.length >= 2 ? (names[0] as string) : defaultSchema;
    const name = names[names.length - 1] ?? "";
    const labels = labelsOnLine(raw, commentLine, comment.offset);
    if (labels.length !== 1) {
      return labels.length === 0
        ? "@renamed-value must trail an enum label on the same line"
        : "@renamed-value is ambiguous: several enum labels on this line; put each label on its own line";
    }
    const label = labels[0] as string;
    return {
      kind,
      targetId: ids.type(schema, name),
      fromId: ids.type(schema, name),
      from,
      value: label,
      location,
    };
  }
  const element = trailingElement(comment, raw, statement, defaultSchema);
  if (element === null) {
    return `${kind === "column" ? "@renamed" : "@renamed-constraint"} must trail a ${kind} inside CREATE TABLE or ALTER TABLE`;
  }
  const { schema, table, owner } = element;
  if (kind === "column") {
    if (!owner?.column)
      return "@renamed must trail a column definition (the definition before it is not a column)";
    return {
      kind,
      targetId: ids.column(schema, table, owner.column),
      fromId: ids.column(schema, table, from.name),
      from,
      table: { schema, name: table },
      location,
    };
  }
  if (owner?.constraints.length !== 1) {
    return "@renamed-constraint must trail exactly one named constraint (CONSTRAINT name …)";
  }
  const name = owner.constraints[0] as string;
  return {
    kind,
    targetId: ids.constraint(schema, table, name),
    fromId: ids.constraint(schema, table, from.name),
    from,
    table: { schema, name: table },
    location,
  };
}

/**
 * The column or constraint definition a trailing comment belongs to: the last element of the CREATE
 * TABLE / ALTER TABLE that starts before the comment (so the comment may sit before or after the comma).
 */
export function trailingElement(
  comment: LineComment,
  raw: ScriptStatement,
  statement: Statement,
  defaultSchema: string,
): { readonly schema: string; readonly table: string; readonly owner: Element | undefined } | null {
  const type = statement.type;
  const b = (statement.node as unknown as Readonly<Record<string, Rec>>)[type] ?? {};
  let relation: Rec | undefined;
  let elements: Element[] = [];
  const elementOf = (node: unknown): Element | null => {
    const column = (node as { ColumnDef?: Rec }).ColumnDef;
    if (column) {
      const constraints = ((column.constraints as unknown[]) ?? [])
        .map((c) => (c as { Constraint?: Rec }).Constraint?.conname)
        .filter((n): n is string => typeof n === "string");
      return { offset: Number(column.location ?? -1), column: String(column.colname ?? ""), constraints };
    }
    const constraint = (node as { Constraint?: Rec }).Constraint;
    if (constraint) {
      const name = constraint.conname;
      return {
        offset: Number(constraint.location ?? -1),
        constraints: typeof name === "string" ? [name] : [],
      };
    }
    return null;
  };
  if (type === "CreateStmt") {
    relation = b.relation as Rec;
    elements = ((b.tableElts as unknown[]) ?? []).map(elementOf).filter((e): e is Element => e !== null);
  } else if (type === "AlterTableStmt") {
    relation = b.relation as Rec;
    for (const cmd of (b.cmds as unknown[]) ?? []) {
      const sub = (cmd as { AlterTableCmd?: Rec }).AlterTableCmd;
      if (sub?.subtype !== "AT_AddColumn" && sub?.subtype !== "AT_AddConstraint") continue;
      const element = elementOf(sub.def);
      if (element) elements.push(element);
    }
  } else {
    return null;
  }
  const schema = typeof relation?.schemaname === "string" ? relation.schemaname : defaultSchema;
  const table = String(relation?.relname ?? "");
  const commentSqlOffset = sqlOffsetOfSource(raw, comment.offset);
  let owner: Element | undefined;
  for (const element of elements) {
    if (element.offset < 0) continue;
    if (charOffsetOfByte(raw.sql, element.offset) < commentSqlOffset) owner = element;
  }
  return { schema, table, owner };
}

function sqlOffsetOfSource(raw: ScriptStatement, sourceOffset: number): number {
  let result = 0;
  for (const piece of raw.pieces) {
    if (piece.srcStart > sourceOffset) break;
    result = piece.substituted
      ? piece.sqlStart + piece.length
      : piece.sqlStart + (sourceOffset - piece.srcStart);
  }
  return result;
}

/** The string constants on one source line of a statement, before the comment. */
function labelsOnLine(raw: ScriptStatement, line: number, commentOffset: number): string[] {
  const tokens = scanSync(raw.sql).tokens;
  const labels: string[] = [];
  for (const token of tokens) {
    if (token.tokenName !== "SCONST") continue;
    const start = charOffsetOfByte(raw.sql, token.start);
    const source = raw.start + start; // labels are never substituted text in practice
    if (source >= commentOffset || lineIndexAt(raw.file, source) !== line) continue;
    const text = raw.sql.slice(start, charOffsetOfByte(raw.sql, token.end));
    if (text.startsWith("'")) labels.push(text.slice(1, -1).replaceAll("''", "'"));
  }
  return labels;
}

/** Two hints claiming the same old object, or renaming the same object twice. */
function duplicateClaims(hints: readonly RenameHint[]): Problem[] {
  const problems: Problem[] = [];
  const seenFrom = new Map<string, RenameHint>();
  const seenTarget = new Map<string, RenameHint>();
  const where = (hint: RenameHint) => `${hint.location.file}:${hint.location.line}:${hint.location.column}`;
  for (const hint of hints) {
    const fromKey = `${hint.kind}|${hint.fromId}|${hint.kind === "value" ? hint.from.name : ""}`;
    const targetKey = `${hint.kind}|${hint.targetId}|${hint.value ?? ""}`;
    const earlier = seenFrom.get(fromKey);
    const twice = seenTarget.get(targetKey);
    if (earlier) {
      problems.push({
        message: `two hints claim the same source ${hint.kind === "value" ? `'${hint.from.name}' of ${hint.fromId}` : hint.fromId} (the other is at ${where(earlier)})`,
        location: hint.location,
        hint: "an object can be renamed to one new name only: remove one of the hints",
      });
    } else if (twice) {
      problems.push({
        message: `two hints rename ${hint.targetId} (the other is at ${where(twice)})`,
        location: hint.location,
        hint: "keep one hint per object",
      });
    }
    seenFrom.set(fromKey, hint);
    seenTarget.set(targetKey, hint);
  }
  return problems;
}
