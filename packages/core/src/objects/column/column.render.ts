import type { Column, SequenceOptions } from "../../model/state.js";
import { quoteIdent, quoteLiteral } from "../../sql/quote.js";
import { stripOuterParens } from "../../sql/scan.js";
import { planSequenceMove } from "../sequence/sequence.bounds.js";
import { renderSequenceOptions } from "../sequence/sequence.render.js";
import { relationName, typeName } from "../sql.js";
import type { ColumnSetting } from "./column.change.js";

type Named = { readonly schema: string; readonly name: string };

/** Every per-attribute option (`attribute_options` in PostgreSQL's reloptions.c). */
const ATTRIBUTE_OPTIONS = ["n_distinct", "n_distinct_inherited"] as const;

const alterTable = (table: Named) => `ALTER TABLE ${relationName(table.schema, table.name)}`;

/** A column as written in CREATE TABLE / ADD COLUMN: `name type [COLLATE c] [GENERATED …] [DEFAULT …] [NOT NULL]`. */
export function renderColumnDefinition(column: Column): string {
  const parts = [quoteIdent(column.name), typeName(column.type.text, column.type.schema)];
  if (column.collation !== null) parts.push(`COLLATE ${column.collation}`);
  if (column.generated) {
    const storage = column.generated.storage === "stored" ? "STORED" : "VIRTUAL";
    parts.push(`GENERATED ALWAYS AS (${stripOuterParens(column.generated.expression)}) ${storage}`);
  }
  if (column.identity) parts.push(renderIdentity(column.identity));
  if (column.default !== null) parts.push(`DEFAULT ${column.default}`);
  if (column.notNull) parts.push("NOT NULL");
  return parts.join(" ");
}

function renderIdentity(identity: NonNullable<Column["identity"]>): string {
  const options = renderSequenceOptions(identity.sequence).filter((option) => !option.startsWith("AS "));
  const generation = identity.generation === "always" ? "ALWAYS" : "BY DEFAULT";
  return `GENERATED ${generation} AS IDENTITY${options.length ? ` (${options.join(" ")})` : ""}`;
}

/**
 * `ALTER TABLE [ONLY] t ALTER COLUMN c SET COMPRESSION {pglz | lz4 | default};`
 * `ALTER TABLE [ONLY] t ALTER COLUMN c SET STORAGE {PLAIN | EXTERNAL | EXTENDED | MAIN};`
 * `ALTER TABLE [ONLY] t ALTER COLUMN c SET STATISTICS n;` (-1: back to default_statistics_target)
 * `ALTER TABLE [ONLY] t ALTER COLUMN c RESET (…), ALTER COLUMN c SET (n_distinct = …);`
 * The same on a materialized view's column with `relation` `MATERIALIZED VIEW` (never ONLY).
 * https://www.postgresql.org/docs/current/sql-altertable.html
 * https://www.postgresql.org/docs/current/sql-altermaterializedview.html
 */
export function renderSetColumnSetting(
  table: Named,
  column: string,
  only: boolean,
  setting: ColumnSetting,
  relation: "TABLE" | "MATERIALIZED VIEW" = "TABLE",
): string {
  const head = `ALTER ${relation} ${only ? "ONLY " : ""}${relationName(table.schema, table.name)}`;
  const alter = `ALTER COLUMN ${quoteIdent(column)}`;
  switch (setting.name) {
    case "compression":
      return `${head} ${alter} SET COMPRESSION ${setting.value ?? "default"};`;
    case "storage":
      return `${head} ${alter} SET STORAGE ${setting.value.toUpperCase()};`;
    case "statistics":
      return `${head} ${alter} SET STATISTICS ${setting.value ?? -1};`;
    case "options": {
      // Every option PostgreSQL knows that is not wanted is reset (a no-op where it is not set).
      const wanted = new Set(setting.value.map((option) => option.slice(0, option.indexOf("="))));
      const reset = ATTRIBUTE_OPTIONS.filter((key) => !wanted.has(key));
      const actions = [
        ...(reset.length ? [`${alter} RESET (${reset.join(", ")})`] : []),
        ...(setting.value.length ? [`${alter} SET (${setting.value.join(", ")})`] : []),
      ];
      return `${head} ${actions.join(", ")};`;
    }
    default: {
      const _exhaustive: never = setting;
      return _exhaustive;
    }
  }
}

/**
 * `ALTER TABLE t ADD COLUMN definition;`
 * https://www.postgresql.org/docs/current/sql-altertable.html
 */
export function renderAddColumn(table: Named, column: Column): string {
  return `${alterTable(table)} ADD COLUMN ${renderColumnDefinition(column)};`;
}

/** `ALTER TABLE t DROP COLUMN c;` (https://www.postgresql.org/docs/current/sql-altertable.html) */
export function renderDropColumn(table: Named, column: string): string {
  return `${alterTable(table)} DROP COLUMN ${quoteIdent(column)};`;
}

/** `ALTER TABLE t RENAME COLUMN a TO b;` (https://www.postgresql.org/docs/current/sql-altertable.html) */
export function renderRenameColumn(table: Named, from: string, to: string): string {
  return `${alterTable(table)} RENAME COLUMN ${quoteIdent(from)} TO ${quoteIdent(to)};`;
}

/**
 * `ALTER TABLE t ALTER COLUMN c TYPE type [COLLATE c] [USING c::type];`
 * https://www.postgresql.org/docs/current/sql-altertable.html
 */
export function renderAlterColumnType(
  table: Named,
  column: Column,
  using: null | { readonly viaText: boolean },
): string {
  const type = typeName(column.type.text, column.type.schema);
  const collate = column.collation !== null ? ` COLLATE ${column.collation}` : "";
  const name = quoteIdent(column.name);
  const cast = using === null ? "" : ` USING ${name}${using.viaText ? "::text" : ""}::${type}`;
  return `${alterTable(table)} ALTER COLUMN ${name} TYPE ${type}${collate}${cast};`;
}

/** `ALTER TABLE t ALTER COLUMN c SET DEFAULT expr | DROP DEFAULT;` (https://www.postgresql.org/docs/current/sql-altertable.html) */
export function renderSetDefault(table: Named, column: string, value: string | null): string {
  const action = value === null ? "DROP DEFAULT" : `SET DEFAULT ${value}`;
  return `${alterTable(table)} ALTER COLUMN ${quoteIdent(column)} ${action};`;
}

/** `ALTER TABLE t ALTER COLUMN c SET NOT NULL | DROP NOT NULL;` (https://www.postgresql.org/docs/current/sql-altertable.html) */
export function renderSetNotNull(table: Named, column: string, notNull: boolean): string {
  return `${alterTable(table)} ALTER COLUMN ${quoteIdent(column)} ${notNull ? "SET" : "DROP"} NOT NULL;`;
}

/**
 * The seed's helper for SET NOT NULL on a big table:
 * `ALTER TABLE t\nADD CONSTRAINT chk_<table>_<column>_notnull\nCHECK (c IS NOT NULL) NOT VALID;`
 * https://www.postgresql.org/docs/current/sql-altertable.html
 */
export function renderAddNotNullCheck(table: Named, column: string, constraint: string): string {
  return `${alterTable(table)}\nADD CONSTRAINT ${quoteIdent(constraint)}\nCHECK (${quoteIdent(column)} IS NOT NULL) NOT VALID;`;
}

/** Name of the helper CHECK of the NOT NULL pattern, cut to PostgreSQL's 63-byte limit. */
export function notNullCheckName(table: string, column: string): string {
  return truncateIdentifier(`chk_${table}_${column}_notnull`);
}

export function truncateIdentifier(name: string): string {
  let out = name;
  while (new TextEncoder().encode(out).length > 63) out = out.slice(0, -1);
  return out;
}

/** One statement of an identity change; `moveBack`: it may move the sequence back (sequence.bounds.ts). */
export interface IdentityStatement {
  readonly sql: string;
  readonly moveBack: boolean;
}

/**
 * Identity changes: `ALTER COLUMN c ADD GENERATED … AS IDENTITY`, `DROP IDENTITY`,
 * `SET GENERATED …`, `SET <sequence option> … [RESTART]`.
 *
 * New bounds are ordered by `planSequenceMove` (sequence.bounds.ts) so that each statement is valid
 * whatever the sequence's position: bounds that do not overlap the old ones take one ALTER with
 * `RESTART` (at the new START); bounds that narrow get a `setval` to the new START that runs only
 * when the position is outside them, after a first ALTER that widens the bounds when the new START
 * is outside the old ones.
 * https://www.postgresql.org/docs/current/sql-altertable.html
 * https://www.postgresql.org/docs/current/functions-sequence.html
 */
export function renderIdentityChange(
  table: Named,
  column: Column,
  from: Column["identity"],
): IdentityStatement[] {
  const prefix = `${alterTable(table)} ALTER COLUMN ${quoteIdent(column.name)}`;
  const plain = (sql: string): IdentityStatement => ({ sql, moveBack: false });
  const to = column.identity;
  if (to === null) return [plain(`${prefix} DROP IDENTITY;`)];
  if (from === null) return [plain(`${prefix} ADD ${renderIdentity(to)};`)];
  const out: IdentityStatement[] = [];
  if (from.generation !== to.generation) {
    out.push(plain(`${prefix} SET GENERATED ${to.generation === "always" ? "ALWAYS" : "BY DEFAULT"};`));
  }
  const changed: Partial<Record<keyof SequenceOptions, string | boolean>> = {};
  for (const key of ["increment", "min", "max", "start", "cache", "cycle"] as const)
    if (from.sequence[key] !== to.sequence[key]) changed[key] = to.sequence[key];
  if (Object.keys(changed).length === 0) return out;
  const move = planSequenceMove(from.sequence, to.sequence, changed as Partial<SequenceOptions>);
  if (move.widen) out.push(plain(`${prefix} ${identityOptions(move.widen, false).join(" ")};`));
  if (move.reposition === "outside")
    out.push({ sql: identityReposition(table, column.name, to.sequence), moveBack: move.backward });
  const restart = move.reposition === "restart";
  out.push({
    sql: `${prefix} ${identityOptions(move.options, restart).join(" ")};`,
    moveBack: restart && move.backward,
  });
  return out;
}

/**
 * After `ADD GENERATED … AS IDENTITY` on a column that already holds values: the new sequence starts
 * at its START (1) whatever the rows hold, so the next insert would collide with them. This moves it
 * past the column's highest value (lowest, for a descending one) when that is at or past the START;
 * an empty column, or values all before the START, leave it alone.
 * `SELECT setval(pg_get_serial_sequence('t', 'c'), m) FROM (SELECT max(c) AS m FROM t) AS s WHERE m >= 1;`
 */
export function identityStart(
  table: Named,
  column: string,
  identity: NonNullable<Column["identity"]>,
): string {
  const ascending = BigInt(identity.sequence.increment) > 0n;
  const sequence = `pg_get_serial_sequence(${quoteLiteral(relationName(table.schema, table.name))}, ${quoteLiteral(column)})`;
  const extreme = `${ascending ? "max" : "min"}(${quoteIdent(column)})`;
  return `SELECT setval(${sequence}, m) FROM (SELECT ${extreme} AS m FROM ${relationName(table.schema, table.name)}) AS s WHERE m ${ascending ? ">=" : "<="} ${identity.sequence.start};`;
}

/** `SET INCREMENT BY …`, `SET MINVALUE …`, … `RESTART`, in ALTER SEQUENCE's order. */
function identityOptions(options: Partial<SequenceOptions>, restart: boolean): string[] {
  const parts: string[] = [];
  if (options.increment !== undefined) parts.push(`SET INCREMENT BY ${options.increment}`);
  if (options.min !== undefined) parts.push(`SET MINVALUE ${options.min}`);
  if (options.max !== undefined) parts.push(`SET MAXVALUE ${options.max}`);
  if (options.start !== undefined) parts.push(`SET START WITH ${options.start}`);
  if (restart) parts.push("RESTART");
  if (options.cache !== undefined) parts.push(`SET CACHE ${options.cache}`);
  if (options.cycle !== undefined) parts.push(options.cycle ? "SET CYCLE" : "SET NO CYCLE");
  return parts;
}

/**
 * The `setval` moving an identity sequence whose position is outside new bounds to the new START.
 * Its name is the server's (pg_get_serial_sequence); its position is `last_value` once called, its
 * START before (the catalog does not show an uncalled position without reading the sequence).
 */
function identityReposition(table: Named, column: string, to: SequenceOptions): string {
  const sequence = `pg_get_serial_sequence(${quoteLiteral(relationName(table.schema, table.name))}, ${quoteLiteral(column)})::regclass`;
  const current =
    "coalesce(pg_sequence_last_value(s.seq), (SELECT seqstart FROM pg_sequence WHERE seqrelid = s.seq))";
  return `SELECT setval(s.seq, ${to.start}, false) FROM (SELECT ${sequence} AS seq) AS s WHERE ${current} NOT BETWEEN ${to.min} AND ${to.max};`;
}
