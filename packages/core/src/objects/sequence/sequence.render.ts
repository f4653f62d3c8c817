import type { SequenceOptions } from "../../model/state.js";
import { quoteIdent, quoteLiteral } from "../../sql/quote.js";
import { qualifiedName, relationName } from "../sql.js";

const TYPE_RANGE: Readonly<Record<string, readonly [string, string]>> = {
  smallint: ["-32768", "32767"],
  integer: ["-2147483648", "2147483647"],
  bigint: ["-9223372036854775808", "9223372036854775807"],
};

/**
 * Sequence options as written after `CREATE SEQUENCE name` or inside an identity's parentheses;
 * options equal to PostgreSQL's defaults for the type and direction are left out.
 */
export function renderSequenceOptions(options: SequenceOptions): string[] {
  const parts: string[] = [];
  const [typeMin, typeMax] = TYPE_RANGE[options.dataType] ?? TYPE_RANGE.bigint!;
  const ascending = !options.increment.startsWith("-");
  const defaultMin = ascending ? "1" : typeMin;
  const defaultMax = ascending ? typeMax : "-1";
  if (options.dataType !== "bigint") parts.push(`AS ${options.dataType}`);
  if (options.increment !== "1") parts.push(`INCREMENT BY ${options.increment}`);
  if (options.min !== defaultMin) parts.push(`MINVALUE ${options.min}`);
  if (options.max !== defaultMax) parts.push(`MAXVALUE ${options.max}`);
  if (options.start !== (ascending ? options.min : options.max)) parts.push(`START WITH ${options.start}`);
  if (options.cache !== "1") parts.push(`CACHE ${options.cache}`);
  if (options.cycle) parts.push("CYCLE");
  return parts;
}

/**
 * `CREATE [UNLOGGED] SEQUENCE name [AS type] [INCREMENT BY …] [MINVALUE …] [MAXVALUE …] [START WITH …] [CACHE …] [CYCLE];`
 * https://www.postgresql.org/docs/current/sql-createsequence.html
 */
export function renderCreateSequence(
  schema: string,
  name: string,
  options: SequenceOptions,
  unlogged: boolean,
): string {
  const parts = renderSequenceOptions(options);
  return `CREATE ${unlogged ? "UNLOGGED " : ""}SEQUENCE ${relationName(schema, name)}${parts.length ? ` ${parts.join(" ")}` : ""};`;
}

/**
 * `ALTER SEQUENCE name [AS type] [INCREMENT BY …] [MINVALUE …] [MAXVALUE …] [START WITH …] [RESTART] [CACHE …] [[NO] CYCLE];`
 * (`RESTART` without a value: at the START of the same statement).
 * https://www.postgresql.org/docs/current/sql-altersequence.html
 */
export function renderAlterSequence(
  schema: string,
  name: string,
  options: Partial<SequenceOptions>,
  restart = false,
): string {
  const parts: string[] = [];
  if (options.dataType !== undefined) parts.push(`AS ${options.dataType}`);
  if (options.increment !== undefined) parts.push(`INCREMENT BY ${options.increment}`);
  if (options.min !== undefined) parts.push(`MINVALUE ${options.min}`);
  if (options.max !== undefined) parts.push(`MAXVALUE ${options.max}`);
  if (options.start !== undefined) parts.push(`START WITH ${options.start}`);
  if (restart) parts.push("RESTART");
  if (options.cache !== undefined) parts.push(`CACHE ${options.cache}`);
  if (options.cycle !== undefined) parts.push(options.cycle ? "CYCLE" : "NO CYCLE");
  return `ALTER SEQUENCE ${relationName(schema, name)} ${parts.join(" ")};`;
}

/**
 * Moves a sequence whose position is outside new bounds to their START (not yet called, so START is
 * the next value): `SELECT setval('name', start, false) FROM name WHERE last_value NOT BETWEEN min AND max;`
 * https://www.postgresql.org/docs/current/functions-sequence.html
 */
export function renderSequenceReposition(schema: string, name: string, to: SequenceOptions): string {
  const relation = relationName(schema, name);
  return `SELECT setval(${quoteLiteral(relation)}, ${to.start}, false) FROM ${relation} WHERE last_value NOT BETWEEN ${to.min} AND ${to.max};`;
}

/** `ALTER SEQUENCE name OWNED BY table.column | NONE;` (same page). */
export function renderSequenceOwnedBy(
  schema: string,
  name: string,
  owner: { readonly schema: string; readonly table: string; readonly column: string } | null,
): string {
  const target = owner ? `${relationName(owner.schema, owner.table)}.${quoteIdent(owner.column)}` : "NONE";
  return `ALTER SEQUENCE ${relationName(schema, name)} OWNED BY ${target};`;
}

/**
 * `DROP SEQUENCE name;`
 * https://www.postgresql.org/docs/current/sql-dropsequence.html
 */
export function renderDropSequence(schema: string, name: string): string {
  return `DROP SEQUENCE ${relationName(schema, name)};`;
}

/** `ALTER SEQUENCE schema.name SET SCHEMA other;` / `ALTER SEQUENCE name RENAME TO new;` (same page as ALTER). */
export function renderSequenceSetSchema(schema: string, name: string, to: string): string {
  return `ALTER SEQUENCE ${qualifiedName(schema, name)} SET SCHEMA ${quoteIdent(to)};`;
}

export function renderRenameSequence(schema: string, name: string, to: string): string {
  return `ALTER SEQUENCE ${relationName(schema, name)} RENAME TO ${quoteIdent(to)};`;
}
