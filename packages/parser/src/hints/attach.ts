import { ids, type Problem, type SourceLocation } from "@pg-flux/core";
import { scanSync } from "libpg-query";
import type { StatementObjects } from "../order/order.js";
import {
  type Script,
  type ScriptComment,
  type ScriptStatement,
  sourceOffset,
} from "../script/script.model.js";
import { lineIndexAt, lineText, locationAt } from "../script/source-file.js";
import { charOffsetOfByte } from "../statements/offsets.js";
import type { Statement } from "../statements/statement.model.js";
import { nodeType } from "../statements/statement.model.js";
import { type HintKind, NOT_RENAMEABLE, type RenameHint } from "./hint.model.js";
import { type HintText, isHintComment, parseHintFrom, parseHintText } from "./hint-text.js";
import { headSlot, significantTokens, sqlOffsetOfSource, type Token } from "./placement.js";
import { type StatementTarget, statementTarget } from "./targets.js";

type Rec = Readonly<Record<string, unknown>>;

export interface HintResult {
  readonly hints: readonly RenameHint[];
  readonly problems: readonly Problem[];
}

/**
 * Finds the `@renamed…` comments (`--` or block) and ties each to its target: column and constraint
 * hints trail the column (or constraint) inside CREATE TABLE / ALTER TABLE, value hints trail an enum
 * label, every other kind sits on the line(s) directly above the statement creating the object or
 * inside it right after the object's name (or the `(` opening CREATE TABLE / CREATE TYPE … AS ENUM).
 * Bare `@renamed` takes its kind from that place.
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
    const last = lineIndexAt(comment.file, Math.max(comment.offset, comment.end - 1));
    for (let line = lineIndexAt(comment.file, comment.offset); line <= last; line++) lines.add(line);
  }
  const hints: RenameHint[] = [];
  const problems: Problem[] = [];

  for (const comment of script.comments) {
    if (comment.inBody || !isHintComment(comment.text)) continue;
    const location = locationAt(
      comment.file,
      comment.offset + 2 + (comment.text.length - comment.text.trimStart().length),
    );
    const parsed = parseHintText(comment.text);
    let made: Made;
    if (!parsed.ok) made = parsed;
    else if (comment.inStatement !== null) {
      const raw = script.statements[comment.inStatement];
      const statement = raw ? byScript.get(raw) : undefined;
      // a statement with a syntax error is reported already
      made =
        raw && statement
          ? hintInside(comment, parsed, raw, statement, objects[statement.index], location)
          : null;
    } else {
      made = hintAbove(comment, parsed, script, byScript, objects, commentLines, location);
    }
    if (made === null) continue;
    if ("kind" in made) hints.push({ ...made, sourceLine: lineText(comment.file, location.line) });
    else
      problems.push({
        message: made.message,
        location,
        sourceLine: lineText(comment.file, location.line),
        ...(made.hint ? { hint: made.hint } : {}),
      });
  }
  problems.push(...duplicateClaims(hints));
  return { hints, problems };
}

/** A hint, a problem with it, or null when its statement failed to parse (reported already). */
type Made = RenameHint | { readonly message: string; readonly hint?: string } | null;

type ParsedHint = Extract<HintText, { ok: true }>;

/** A hint on the line(s) directly above the statement creating the object. */
function hintAbove(
  comment: ScriptComment,
  parsed: ParsedHint,
  script: Script,
  byScript: ReadonlyMap<ScriptStatement, Statement>,
  objects: readonly StatementObjects[],
  commentLines: ReadonlyMap<object, ReadonlySet<number>>,
  location: SourceLocation,
): Made {
  const { keyword, kind } = parsed;
  const next = script.statements[(comment.afterStatement ?? -1) + 1];
  const statement = next ? byScript.get(next) : undefined;
  const commentLine = lineIndexAt(comment.file, comment.offset);
  const previous = comment.afterStatement === null ? undefined : script.statements[comment.afterStatement];
  if (
    previous &&
    previous.file === comment.file &&
    lineIndexAt(comment.file, previous.end - 1) === commentLine
  ) {
    return { message: `${keyword} must be on its own line, directly above the statement it renames` };
  }
  const endLine = lineIndexAt(comment.file, Math.max(comment.offset, comment.end - 1));
  const sameLine =
    comment.style === "block" &&
    next?.file === comment.file &&
    lineIndexAt(next.file, next.start) === endLine;
  if (
    !next ||
    next.file !== comment.file ||
    !(sameLine || directlyAbove(endLine, lineIndexAt(next.file, next.start), commentLines.get(comment.file)))
  ) {
    return {
      message: `${keyword} is not directly above a statement`,
      hint: "put the hint on the line right above CREATE …, with no blank line between",
    };
  }
  if (!statement) return null;
  if (kind === null) {
    return {
      message: `${keyword} above a statement needs a kind: write @renamed-<kind> (@renamed-table, @renamed-index, …)`,
      hint: "or put @renamed inside the statement: right after the object's name (CREATE TABLE users ( -- @renamed from=accounts), trailing a column, a named constraint or an enum label",
    };
  }
  if (kind === "column" || kind === "value") {
    return kind === "value"
      ? {
          message: `${keyword} must trail the enum label on the same line`,
          hint: "write 'new_label', -- @renamed-value from='old_label'",
        }
      : {
          message: `${keyword} must trail the column definition on the same line`,
          hint: "write  email text NOT NULL, -- @renamed from=email_address",
        };
  }
  const target = statementTarget(statement.node, objects[statement.index]?.defaultSchema ?? "public");
  const refused = NOT_RENAMEABLE[statement.type];
  if (refused) return refusal(keyword, refused);
  if (typeof target === "string" || !target.kinds.includes(kind)) {
    const label = typeof target === "string" ? target : target.label;
    return { message: `${keyword} does not apply to ${label}`, hint: hintPlacement(kind) };
  }
  return objectHint(parsed, kind, target, statement, location);
}

/** A hint inside a statement: after the created object's name, or trailing a column, constraint or label. */
function hintInside(
  comment: ScriptComment,
  parsed: ParsedHint,
  raw: ScriptStatement,
  statement: Statement,
  objects: StatementObjects | undefined,
  location: SourceLocation,
): Made {
  const { keyword } = parsed;
  const defaultSchema = objects?.defaultSchema ?? "public";
  const refused = NOT_RENAMEABLE[statement.type];
  if (refused) return refusal(keyword, refused);
  const target = statementTarget(statement.node, defaultSchema);
  const head = typeof target === "string" ? null : headSlot(comment, raw, statement, target);
  if (head && typeof target !== "string") {
    const kind = parsed.kind ?? (target.kinds[0] as HintKind);
    if (!target.kinds.includes(kind)) {
      return { message: `${keyword} does not apply to ${target.label}`, hint: hintPlacement(kind) };
    }
    if (head.slot === "paren" && head.ownLine && statement.type === "CreateStmt") {
      return {
        message: `${keyword} on its own line at the start of CREATE TABLE is ambiguous: it could be meant for the table or for the first column`,
        hint: "for the table write it after the parenthesis on the same line: CREATE TABLE users ( -- @renamed from=accounts; for a column, trail the column definition",
      };
    }
    return objectHint(parsed, kind, target, statement, location);
  }
  const type = statement.type;
  const trailing =
    type === "CreateEnumStmt"
      ? ["value"]
      : type === "CreateStmt" || type === "AlterTableStmt"
        ? ["column", "constraint"]
        : [];
  if (parsed.kind !== null && !trailing.includes(parsed.kind)) {
    return {
      message:
        typeof target === "string" || !target.kinds.includes(parsed.kind)
          ? `${keyword} does not apply to ${typeof target === "string" ? target : target.label}`
          : `${keyword} inside ${target.label} must directly follow the name it renames`,
      hint: hintPlacement(parsed.kind),
    };
  }
  if (trailing.length === 0) {
    const label = typeof target === "string" ? target : target.label;
    return {
      message:
        typeof target === "string"
          ? `${keyword} does not apply to ${label}`
          : `${keyword} inside ${label} must directly follow the name of the object it renames`,
      hint: `write ${label} new_name -- ${keyword} from=old_name`,
    };
  }
  return trailingHint(comment, raw, statement, defaultSchema, parsed, location);
}

/** The hint for the object a statement creates (a table, an index, a type, …). */
function objectHint(
  parsed: ParsedHint,
  kind: HintKind,
  target: StatementTarget,
  statement: Statement,
  location: SourceLocation,
): Made {
  const from = parseHintFrom(parsed.keyword, kind, parsed.fromText);
  if ("message" in from) return from;
  if (kind === "role" && from.schema !== undefined)
    return {
      message: `${parsed.keyword} from=${parsed.fromText}: a role belongs to no schema`,
      hint: "write the old role name alone (quote it if it holds a dot)",
    };
  if (kind === "operator" && from.name !== target.name) {
    return {
      message: `${parsed.keyword} from=${parsed.fromText}: an operator cannot be renamed — PostgreSQL has no ALTER OPERATOR … RENAME TO, only SET SCHEMA`,
      hint: `write from=<old schema>.${target.name} to move it to another schema; to change its name, create the new operator, move its users to it, and let the plan drop the old one`,
    };
  }
  const fromSchema = from.schema ?? target.schema;
  return {
    kind,
    targetId: target.idFor(target.schema, target.name),
    fromId: target.idFor(fromSchema, from.name),
    from,
    ...(kind === "constraint" ? { table: tableOfAlter(statement.node, target.schema) } : {}),
    ...(target.table ? { table: target.table } : {}),
    location,
  };
}

/** A hint on an object no hint can rename (a cast, a user mapping, …): the reason, and the fix. */
function refusal(keyword: string, refused: (typeof NOT_RENAMEABLE)[string]): Made {
  return {
    message: `${keyword} cannot rename ${refused.label}: ${refused.reason}`,
    hint: "remove the hint; to change it, write the new definition and let the plan drop the old one",
  };
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
    table:
      "put it above CREATE TABLE, or right after the table name: CREATE TABLE users ( -- @renamed from=accounts",
    index: "put it above CREATE INDEX, or right after the index name",
    view: "put it above CREATE VIEW, or right after the view name",
    materialized_view: "put it above CREATE MATERIALIZED VIEW, or right after its name",
    sequence: "put it above CREATE SEQUENCE, or right after the sequence name",
    type: "put it above CREATE TYPE / CREATE DOMAIN, or right after the type name",
    function: "put it above CREATE FUNCTION, or right after the function name",
    aggregate: "put it above CREATE AGGREGATE, or right after the aggregate name",
    policy: "put it above CREATE POLICY, or right after the policy name",
    trigger: "put it above CREATE TRIGGER, or right after the trigger name",
    constraint: "trail the constraint inside CREATE TABLE, or put it above ALTER TABLE … ADD CONSTRAINT",
    schema: "put it above CREATE SCHEMA, or right after the schema name",
    value: "trail the enum label inside CREATE TYPE … AS ENUM",
    role: "put it above CREATE ROLE (or the DO block that creates the role), or right after the role name",
    publication: "put it above CREATE PUBLICATION, or right after the publication name",
    foreign_data_wrapper: "put it above CREATE FOREIGN DATA WRAPPER, or right after its name",
    foreign_server: "put it above CREATE SERVER, or right after the server name",
    foreign_table: "put it above CREATE FOREIGN TABLE, or right after the table name",
    text_search_parser: "put it above CREATE TEXT SEARCH PARSER, or right after its name",
    text_search_template: "put it above CREATE TEXT SEARCH TEMPLATE, or right after its name",
    text_search_dictionary: "put it above CREATE TEXT SEARCH DICTIONARY, or right after its name",
    text_search_configuration: "put it above CREATE TEXT SEARCH CONFIGURATION, or right after its name",
    operator_family: "put it above CREATE OPERATOR FAMILY, or right after its name",
    operator_class: "put it above CREATE OPERATOR CLASS, or right after its name",
    operator: "put it above CREATE OPERATOR",
    conversion: "put it above CREATE CONVERSION, or right after its name",
    language: "put it above CREATE LANGUAGE, or right after the language name",
    rule: "put it above CREATE RULE, or right after the rule name",
    statistics: "put it above CREATE STATISTICS, or right after its name",
    event_trigger: "put it above CREATE EVENT TRIGGER, or right after its name",
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

/**
 * A hint trailing a column, a named table constraint or an enum label. Bare `@renamed` renames what
 * it trails; `@renamed-column`, `@renamed-constraint` and `@renamed-value` must trail their kind.
 */
function trailingHint(
  comment: ScriptComment,
  raw: ScriptStatement,
  statement: Statement,
  defaultSchema: string,
  parsed: ParsedHint,
  location: SourceLocation,
): Made {
  const { keyword } = parsed;
  const file = comment.file;
  const commentLine = lineIndexAt(file, comment.offset);
  const lineStart = file.lineStarts[commentLine] ?? 0;
  const type = statement.type;
  const what =
    type === "CreateEnumStmt" ? "enum label" : parsed.kind === "constraint" ? "constraint" : "column";
  if (file.text.slice(lineStart, comment.offset).trim() === "") {
    return {
      message:
        type === "CreateEnumStmt"
          ? `${keyword} must trail the enum label on the same line`
          : `${keyword} must trail the ${what} definition on the same line, not stand on its own line`,
      ...(type === "CreateEnumStmt" && parsed.kind === null
        ? {
            hint: "to rename the type, put it right after the type name: CREATE TYPE name -- @renamed from=old",
          }
        : {}),
    };
  }
  const b = (statement.node as unknown as Readonly<Record<string, Rec>>)[type] ?? {};
  if (type === "CreateEnumStmt") {
    const names = ((b.typeName as unknown[]) ?? []).map(
      (n) => (n as { String?: { sval?: string } }).String?.sval ?? "",
    );
    const schema = names.length >= 2 ? (names[0] as string) : defaultSchema;
    const name = names[names.length - 1] ?? "";
    const labels =
      comment.style === "block" ? labelBefore(raw, comment) : labelsOnLine(raw, commentLine, comment.offset);
    if (labels.length !== 1) {
      return {
        message:
          labels.length === 0
            ? `${keyword} must trail an enum label on the same line, or directly follow the type name`
            : `${keyword} is ambiguous: several enum labels on this line; put each label on its own line`,
      };
    }
    const from = parseHintFrom(keyword, "value", parsed.fromText);
    if ("message" in from) return from;
    return {
      kind: "value",
      targetId: ids.type(schema, name),
      fromId: ids.type(schema, name),
      from,
      value: labels[0] as string,
      location,
    };
  }
  const element = trailingElement(comment, raw, statement, defaultSchema);
  if (element === null)
    return { message: `${keyword} must trail a ${what} inside CREATE TABLE or ALTER TABLE` };
  const { schema, table, owner } = element;
  const kind: HintKind =
    parsed.kind ??
    (owner && owner.column === undefined && owner.constraints.length > 0 ? "constraint" : "column");
  const from = parseHintFrom(keyword, kind, parsed.fromText);
  if ("message" in from) return from;
  if (kind === "column") {
    if (!owner?.column) {
      return {
        message: `${keyword} must trail a column definition (the definition before it is not a column)`,
        ...(owner === undefined && type === "CreateStmt"
          ? {
              hint: "to rename the table, put it right after the table name: CREATE TABLE name ( -- @renamed from=old",
            }
          : {}),
      };
    }
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
    return { message: `${keyword} must trail exactly one named constraint (CONSTRAINT name …)` };
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
  comment: ScriptComment,
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

/** The enum label a block comment directly follows (before or after the label's comma), if any. */
function labelBefore(raw: ScriptStatement, comment: ScriptComment): string[] {
  const tokens = significantTokens(raw.sql);
  const at = sqlOffsetOfSource(raw, comment.offset);
  let previous = -1;
  for (let i = 0; i < tokens.length && (tokens[i] as Token).end <= at; i++) previous = i;
  if (tokens[previous]?.text === ",") previous--;
  const token = tokens[previous];
  if (token?.name !== "SCONST" || !token.text.startsWith("'")) return [];
  if (lineIndexAt(raw.file, sourceOffset(raw, token.start)) !== lineIndexAt(raw.file, comment.offset))
    return [];
  return [token.text.slice(1, -1).replaceAll("''", "'")];
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
