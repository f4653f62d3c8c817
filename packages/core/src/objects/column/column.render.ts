import type { Column, SequenceOptions } from "../../model/state.js";
import { quoteIdent, quoteLiteral } from "../../sql/quote.js";
import { renderSequenceOptions } from "../sequence/sequence.render.js";
import { relationName, stripOuterParens, typeName } from "../sql.js";
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
 * https://www.postgresql.org/docs/current/sql-altertable.html
 */
export function renderSetColumnSetting(
  table: Named,
  column: string,
  only: boolean,
  setting: ColumnSetting,
): string {
  const head = `ALTER TABLE ${only ? "ONLY " : ""}${relationName(table.schema, table.name)}`;
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

/**
 * Identity changes: `ALTER COLUMN c ADD GENERATED … AS IDENTITY`, `DROP IDENTITY`,
 * `SET GENERATED …`, `SET <sequence option>`.
 *
 * PostgreSQL refuses new bounds that leave the sequence's current value outside them ("RESTART value
 * (-200) cannot be less than MINVALUE (-100)"), which is always the case for an unused sequence whose
 * START moves up with its MINVALUE. When the bound ahead of the sequence moves past it (MINVALUE up
 * for an ascending one, MAXVALUE down for a descending one), a `setval` first moves a sequence that
 * is behind the new bound to the new START: forward in its own direction, so no value it handed out
 * can come again. A sequence already inside the new bounds is not touched.
 * https://www.postgresql.org/docs/current/sql-altertable.html
 * https://www.postgresql.org/docs/current/functions-sequence.html
 */
export function renderIdentityChange(table: Named, column: Column, from: Column["identity"]): string[] {
  const prefix = `${alterTable(table)} ALTER COLUMN ${quoteIdent(column.name)}`;
  const to = column.identity;
  if (to === null) return [`${prefix} DROP IDENTITY;`];
  if (from === null) return [`${prefix} ADD ${renderIdentity(to)};`];
  const out: string[] = [];
  if (from.generation !== to.generation) {
    out.push(`${prefix} SET GENERATED ${to.generation === "always" ? "ALWAYS" : "BY DEFAULT"};`);
  }
  const options: string[] = [];
  if (from.sequence.increment !== to.sequence.increment)
    options.push(`SET INCREMENT BY ${to.sequence.increment}`);
  if (from.sequence.min !== to.sequence.min) options.push(`SET MINVALUE ${to.sequence.min}`);
  if (from.sequence.max !== to.sequence.max) options.push(`SET MAXVALUE ${to.sequence.max}`);
  if (from.sequence.start !== to.sequence.start) options.push(`SET START WITH ${to.sequence.start}`);
  if (from.sequence.cache !== to.sequence.cache) options.push(`SET CACHE ${to.sequence.cache}`);
  if (from.sequence.cycle !== to.sequence.cycle)
    options.push(to.sequence.cycle ? "SET CYCLE" : "SET NO CYCLE");
  if (options.length) {
    const catchUp = identityCatchUp(table, column.name, from.sequence, to.sequence);
    if (catchUp) out.push(catchUp);
    out.push(`${prefix} ${options.join(" ")};`);
  }
  return out;
}

/** The `setval` moving an identity sequence behind a raised bound to the new START (see above). */
function identityCatchUp(
  table: Named,
  column: string,
  from: SequenceOptions,
  to: SequenceOptions,
): string | null {
  const ascending = BigInt(to.increment) > 0n;
  const bound = ascending ? to.min : to.max;
  if (ascending ? BigInt(to.min) <= BigInt(from.min) : BigInt(to.max) >= BigInt(from.max)) return null;
  const sequence = `pg_get_serial_sequence(${quoteLiteral(relationName(table.schema, table.name))}, ${quoteLiteral(column)})::regclass`;
  const current =
    "coalesce(pg_sequence_last_value(s.seq), (SELECT seqstart FROM pg_sequence WHERE seqrelid = s.seq))";
  return `SELECT setval(s.seq, ${to.start}, false) FROM (SELECT ${sequence} AS seq) AS s WHERE ${current} ${ascending ? "<" : ">"} ${bound};`;
}
