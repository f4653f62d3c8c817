import { decodeId } from "../../model/ids.js";
import type { Column, Constraint, Table } from "../../model/state.js";
import { quoteIdent } from "../../sql/quote.js";
import { renderColumnDefinition } from "../column/column.render.js";
import { renderConstraintDefinition } from "../constraint/constraint.render.js";
import { qualifiedName, relationName } from "../sql.js";

type Named = { readonly schema: string; readonly name: string };

/**
 * ```
 * CREATE [UNLOGGED] TABLE name (
 *   column definitions,
 *   CONSTRAINT name definition
 * ) [INHERITS (…)] [PARTITION BY …] [USING method] [WITH (…)];
 * ```
 * or, for a partition, `CREATE TABLE name PARTITION OF parent FOR VALUES … [PARTITION BY …];`
 * https://www.postgresql.org/docs/current/sql-createtable.html
 */
export function renderCreateTable(
  table: Table,
  constraints: readonly Constraint[],
  partitionOf: { readonly parent: Named; readonly bound: string } | null,
  inherits: readonly Named[],
): string {
  const head = `CREATE ${table.persistence === "unlogged" ? "UNLOGGED " : ""}TABLE ${relationName(table.schema, table.name)}`;
  const tail: string[] = [];
  if (inherits.length > 0 && !partitionOf)
    tail.push(`INHERITS (${inherits.map((p) => relationName(p.schema, p.name)).join(", ")})`);
  if (table.partitionBy) tail.push(`PARTITION BY ${table.partitionBy.definition}`);
  if (table.accessMethod !== undefined) tail.push(`USING ${quoteIdent(table.accessMethod)}`);
  if (table.options.length > 0) tail.push(`WITH (${table.options.join(", ")})`);
  const suffix = tail.length ? ` ${tail.join(" ")}` : "";
  const elements = [
    ...(partitionOf ? [] : table.columns.filter((c) => c.isLocal).map(renderColumnDefinition)),
    ...constraints.map((c) => `CONSTRAINT ${quoteIdent(c.name)} ${renderConstraintDefinition(c, null)}`),
  ];
  if (table.ofType !== undefined && !partitionOf) {
    // A typed table's columns come from its type: only their defaults and NOT NULLs are written.
    const own = [
      ...table.columns.filter((c) => c.default !== null || c.notNull).map(renderTypedColumnOptions),
      ...elements.slice(table.columns.filter((c) => c.isLocal).length),
    ];
    const body = own.length ? ` (\n  ${own.join(",\n  ")}\n)` : "";
    return `${head} OF ${typeOfTable(table.ofType)}${body}${suffix};`;
  }
  if (partitionOf) {
    // A partition's columns come from its parent; only its own constraints are listed.
    const body = elements.length ? ` (\n  ${elements.join(",\n  ")}\n)` : "";
    return `${head} PARTITION OF ${relationName(partitionOf.parent.schema, partitionOf.parent.name)}${body} ${partitionOf.bound}${suffix};`;
  }
  return `${head} (\n${elements.map((e) => `  ${e}`).join(",\n")}\n)${suffix};`;
}

/** `column WITH OPTIONS [DEFAULT …] [NOT NULL]`: a typed table's column, as CREATE TABLE … OF lists it. */
function renderTypedColumnOptions(column: Column): string {
  const parts = [quoteIdent(column.name), "WITH OPTIONS"];
  if (column.default !== null) parts.push(`DEFAULT ${column.default}`);
  if (column.notNull) parts.push("NOT NULL");
  return parts.join(" ");
}

/** A typed table's type, named from its id (objects/sql.ts naming rule). */
function typeOfTable(typeId: string): string {
  const [schema, name] = decodeId(typeId)?.names ?? [];
  return relationName(String(schema ?? ""), String(name ?? ""));
}

/**
 * `ALTER TABLE t OF type;` / `ALTER TABLE t NOT OF;` — the table's columns must be exactly the type's.
 * https://www.postgresql.org/docs/current/sql-altertable.html
 */
export function renderAlterTableOf(table: Named, typeId: string | null): string {
  const of = typeId === null ? "NOT OF" : `OF ${typeOfTable(typeId)}`;
  return `ALTER TABLE ${relationName(table.schema, table.name)} ${of};`;
}

/** `DROP TABLE name;` (https://www.postgresql.org/docs/current/sql-droptable.html) */
export function renderDropTable(table: Named): string {
  return `DROP TABLE ${relationName(table.schema, table.name)};`;
}

/** `ALTER TABLE name RENAME TO new;` (https://www.postgresql.org/docs/current/sql-altertable.html) */
export function renderRenameTable(table: Named, to: string): string {
  return `ALTER TABLE ${relationName(table.schema, table.name)} RENAME TO ${quoteIdent(to)};`;
}

/** `ALTER TABLE schema.name SET SCHEMA other;` — source always qualified (see objects/sql.ts). */
export function renderTableSetSchema(table: Named, schema: string): string {
  return `ALTER TABLE ${qualifiedName(table.schema, table.name)} SET SCHEMA ${quoteIdent(schema)};`;
}

/** `ALTER TABLE name {ENABLE|DISABLE|FORCE|NO FORCE} ROW LEVEL SECURITY;` (https://www.postgresql.org/docs/current/sql-altertable.html) */
export function renderRowSecurity(table: Named, action: "ENABLE" | "DISABLE" | "FORCE" | "NO FORCE"): string {
  return `ALTER TABLE ${relationName(table.schema, table.name)} ${action} ROW LEVEL SECURITY;`;
}

/** `ALTER TABLE name SET (…)` / `RESET (…)` (https://www.postgresql.org/docs/current/sql-altertable.html) */
export function renderTableOptions(table: Named, set: readonly string[], reset: readonly string[]): string[] {
  const name = relationName(table.schema, table.name);
  return [
    ...(reset.length ? [`ALTER TABLE ${name} RESET (${reset.join(", ")});`] : []),
    ...(set.length ? [`ALTER TABLE ${name} SET (${set.join(", ")});`] : []),
  ];
}

/** `ALTER TABLE name REPLICA IDENTITY {DEFAULT|FULL|NOTHING|USING INDEX i};` (https://www.postgresql.org/docs/current/sql-altertable.html) */
export function renderReplicaIdentity(
  table: Named,
  identity: Table["replicaIdentity"],
  index: string | null,
): string {
  const what =
    identity === "index" && index !== null ? `USING INDEX ${quoteIdent(index)}` : identity.toUpperCase();
  return `ALTER TABLE ${relationName(table.schema, table.name)} REPLICA IDENTITY ${what};`;
}

/** `ALTER TABLE name SET {LOGGED|UNLOGGED};` (https://www.postgresql.org/docs/current/sql-altertable.html) */
/**
 * `ALTER TABLE name SET ACCESS METHOD method;` (PostgreSQL 15+; `heap` for a table that had another).
 * https://www.postgresql.org/docs/current/sql-altertable.html
 */
export function renderSetAccessMethod(table: Named, method: string | undefined): string {
  return `ALTER TABLE ${relationName(table.schema, table.name)} SET ACCESS METHOD ${quoteIdent(method ?? "heap")};`;
}

export function renderPersistence(table: Named, persistence: Table["persistence"]): string {
  return `ALTER TABLE ${relationName(table.schema, table.name)} SET ${persistence === "unlogged" ? "UNLOGGED" : "LOGGED"};`;
}

/**
 * `ALTER TABLE name CLUSTER ON index;` / `ALTER TABLE name SET WITHOUT CLUSTER;` (which index a later
 * `CLUSTER` uses; nothing is reordered) (https://www.postgresql.org/docs/current/sql-altertable.html)
 */
export function renderClusterOn(table: Named, index: string | null): string {
  const action = index === null ? "SET WITHOUT CLUSTER" : `CLUSTER ON ${quoteIdent(index)}`;
  return `ALTER TABLE ${relationName(table.schema, table.name)} ${action};`;
}

/** `ALTER TABLE name [NO] INHERIT parent;` (https://www.postgresql.org/docs/current/sql-altertable.html) */
export function renderInherit(table: Named, parent: Named, inherit: boolean): string {
  return `ALTER TABLE ${relationName(table.schema, table.name)} ${inherit ? "INHERIT" : "NO INHERIT"} ${relationName(parent.schema, parent.name)};`;
}
