import { quoteIdent } from "../../sql/quote.js";
import { alterOptionsClause, optionsClause } from "../foreign-data-wrapper/foreign-options.js";
import { commentValue, relationName, typeName } from "../sql.js";
import type { ForeignColumn, ForeignTable } from "./foreign-table.model.js";

/** `FOREIGN TABLE name`: how COMMENT ON and OWNER TO name it (GRANT says `TABLE`). */
export function foreignTableTarget(table: Pick<ForeignTable, "schema" | "name">): string {
  return `FOREIGN TABLE ${relationName(table.schema, table.name)}`;
}

/** `name type [OPTIONS (…)] [COLLATE c] [NOT NULL] [DEFAULT e]`, CREATE's and ADD COLUMN's order. */
function columnDefinition(table: ForeignTable, column: ForeignColumn): string {
  const collate = column.collation === null ? "" : ` COLLATE ${column.collation}`;
  const notNull = column.notNull ? " NOT NULL" : "";
  const defaultValue = column.default === null ? "" : ` DEFAULT ${column.default}`;
  return `${quoteIdent(column.name)} ${typeName(column.type, table.schema)}${optionsClause(column.options)}${collate}${notNull}${defaultValue}`;
}

function columnComment(table: ForeignTable, column: ForeignColumn): string {
  return `COMMENT ON COLUMN ${relationName(table.schema, table.name)}.${quoteIdent(column.name)} IS ${commentValue(column.comment)};`;
}

/**
 * `CREATE FOREIGN TABLE name (columns) SERVER s [OPTIONS (…)];`, then its columns' comments.
 * https://www.postgresql.org/docs/current/sql-createforeigntable.html
 */
export function renderCreateForeignTable(table: ForeignTable): readonly string[] {
  const columns = table.columns.map((column) => `  ${columnDefinition(table, column)}`).join(",\n");
  const body = table.columns.length === 0 ? "()" : `(\n${columns}\n)`;
  return [
    `CREATE ${foreignTableTarget(table)} ${body} SERVER ${quoteIdent(table.server)}${optionsClause(table.options)};`,
    ...table.columns
      .filter((column) => column.comment !== null)
      .map((column) => columnComment(table, column)),
  ];
}

/**
 * The statements that turn `from` into `to` in place, one action each: `ALTER FOREIGN TABLE name
 * DROP COLUMN c | ADD COLUMN … | ALTER COLUMN c TYPE t [COLLATE c] | SET/DROP NOT NULL | SET/DROP
 * DEFAULT | OPTIONS (…) | OPTIONS (ADD …, SET …, DROP …)`, and column comments. Null when only
 * DROP + CREATE gets there: another server (no ALTER for it), or kept columns in another order or
 * new ones before kept ones (ADD COLUMN appends).
 * https://www.postgresql.org/docs/current/sql-alterforeigntable.html
 */
export function renderAlterForeignTable(from: ForeignTable, to: ForeignTable): readonly string[] | null {
  if (from.server !== to.server || !appendsOnly(from, to)) return null;
  const alter = `ALTER ${foreignTableTarget(to)}`;
  const before = new Map(from.columns.map((column) => [column.name, column] as const));
  const after = new Set(to.columns.map((column) => column.name));
  const statements = from.columns
    .filter((column) => !after.has(column.name))
    .map((column) => `${alter} DROP COLUMN ${quoteIdent(column.name)};`);
  for (const column of to.columns) {
    const old = before.get(column.name);
    if (old === undefined) {
      statements.push(`${alter} ADD COLUMN ${columnDefinition(to, column)};`);
      if (column.comment !== null) statements.push(columnComment(to, column));
      continue;
    }
    const name = `${alter} ALTER COLUMN ${quoteIdent(column.name)}`;
    if (old.type !== column.type || old.collation !== column.collation) {
      const collate = column.collation === null ? "" : ` COLLATE ${column.collation}`;
      statements.push(`${name} TYPE ${typeName(column.type, to.schema)}${collate};`);
    }
    if (old.notNull !== column.notNull)
      statements.push(`${name} ${column.notNull ? "SET" : "DROP"} NOT NULL;`);
    if (old.default !== column.default)
      statements.push(
        column.default === null ? `${name} DROP DEFAULT;` : `${name} SET DEFAULT ${column.default};`,
      );
    const options = alterOptionsClause(old.options, column.options);
    if (options !== null) statements.push(`${name} ${options};`);
    if (old.comment !== column.comment) statements.push(columnComment(to, column));
  }
  const options = alterOptionsClause(from.options, to.options);
  if (options !== null) statements.push(`${alter} ${options};`);
  return statements;
}

/** Do the kept columns keep their order, with every new column after them (ADD COLUMN appends)? */
function appendsOnly(from: ForeignTable, to: ForeignTable): boolean {
  const existing = new Set(from.columns.map((column) => column.name));
  const wanted = new Set(to.columns.map((column) => column.name));
  const kept = from.columns.filter((column) => wanted.has(column.name)).map((column) => column.name);
  const leading = to.columns.slice(0, kept.length).map((column) => column.name);
  return (
    kept.every((name, at) => leading[at] === name) &&
    to.columns.slice(kept.length).every((column) => !existing.has(column.name))
  );
}

/**
 * `DROP FOREIGN TABLE name;` — its rows live on the foreign server, nothing local is lost.
 * https://www.postgresql.org/docs/current/sql-dropforeigntable.html
 */
export function renderDropForeignTable(table: ForeignTable): string {
  return `DROP ${foreignTableTarget(table)};`;
}
