/**
 * Renders the generator's model (model.ts) as a desired-state SQL file: every name through
 * quoteIdent/quoteQualified and every string through quoteLiteral (core/src/sql/quote.ts), and in B
 * the rename hints (`-- @renamed …`) for objects that had another name in A.
 *
 * Statement order is creation order: schemas, sequences, functions, types (a domain's default may
 * call either), tables (columns, keys, checks), foreign keys, indexes, views, triggers, policies and
 * row security, sequence ownership, comments, grants.
 */
import { quoteIdent, quoteLiteral, quoteQualified } from "@pg-flux/core";
import { Catalog } from "./catalog.js";
import {
  type CompositeType,
  type DomainType,
  type EnumType,
  type ForeignKey,
  type Func,
  type Grant,
  type Index,
  type IndexPart,
  type Key,
  type Model,
  PUBLIC_SCHEMA,
  type Table,
  type Uid,
  type UserType,
  type View,
} from "./model.js";

/** Renders a model as one SQL file; `hints` adds the rename hints B needs relative to A. */
export function renderModel(model: Model, hints: boolean): string {
  const catalog = new Catalog(model);
  const hint = (kind: string, from: string | null) =>
    hints && from !== null ? `-- @renamed-${kind} from=${from}\n` : "";
  const renamed = (object: { renamedFrom: string | null }) =>
    object.renamedFrom === null ? null : quoteIdent(object.renamedFrom);
  const out: string[] = [];

  for (const schema of model.schemas) {
    if (schema.uid === PUBLIC_SCHEMA) continue;
    out.push(`${hint("schema", renamed(schema))}CREATE SCHEMA ${quoteIdent(schema.name)};`);
  }
  for (const extension of model.extensions)
    out.push(
      `CREATE EXTENSION ${quoteIdent(extension.name)} SCHEMA ${quoteIdent(catalog.schemas.get(extension.schema)!)};`,
    );
  for (const seq of model.sequences) {
    const options = `AS ${seq.dataType} INCREMENT BY ${seq.increment} START WITH ${seq.start} CACHE ${seq.cache}`;
    out.push(
      `${hint("sequence", renamed(seq))}CREATE SEQUENCE ${catalog.qualified(seq.schema, seq.name)} ${options}${seq.cycle ? " CYCLE" : ""};`,
    );
  }
  for (const fn of model.functions)
    out.push(`${hint("function", renamed(fn))}${renderFunction(catalog, fn)}`);
  for (const type of orderTypes(model.types))
    out.push(`${hint("type", renamed(type))}${renderType(catalog, type, hints)}`);
  for (const table of model.tables) out.push(renderTable(catalog, table, hints));
  for (const table of model.tables) {
    for (const fk of table.foreignKeys)
      out.push(`${hint("constraint", renamed(fk))}${renderForeignKey(catalog, table, fk)}`);
  }
  for (const table of model.tables) {
    for (const index of table.indexes)
      out.push(`${hint("index", renamed(index))}${renderIndex(catalog, table, index)}`);
  }
  for (const view of model.views) {
    const kind = view.materialized ? "materialized-view" : "view";
    out.push(`${hint(kind, renamed(view))}${renderView(catalog, view)}`);
    if (!view.materialized) continue;
    for (const index of view.indexes) {
      const column = quoteIdent(catalog.columnName(index.column));
      out.push(
        `CREATE ${index.unique ? "UNIQUE " : ""}INDEX ${quoteIdent(index.name)} ON ${catalog.qualified(view.schema, view.name)} (${column});`,
      );
    }
  }
  for (const seq of model.sequences) {
    const owner = seq.ownedBy === null ? undefined : catalog.columns.get(seq.ownedBy);
    if (owner?.kind === "table")
      out.push(
        `ALTER SEQUENCE ${catalog.qualified(seq.schema, seq.name)} OWNED BY ${catalog.qualified(owner.table.schema, owner.table.name)}.${quoteIdent(owner.column.name)};`,
      );
  }
  for (const table of model.tables) out.push(...renderTableExtras(catalog, table));
  out.push(...renderComments(catalog));
  out.push(...renderGrants(catalog));
  return `${out.join("\n\n")}\n`;
}

/** Enums first, then domains (over builtins), then composites (whose attributes may use both). */
function orderTypes(types: readonly UserType[]): UserType[] {
  const rank = { enum: 0, domain: 1, composite: 2 } as const;
  return [...types].sort((a, b) => rank[a.kind] - rank[b.kind]);
}

function renderType(catalog: Catalog, type: UserType, hints: boolean): string {
  const name = catalog.qualified(type.schema, type.name);
  switch (type.kind) {
    case "enum":
      return renderEnum(name, type, hints);
    case "domain":
      return renderDomain(catalog, name, type);
    case "composite":
      return renderComposite(catalog, name, type);
  }
}

function renderEnum(name: string, type: EnumType, hints: boolean): string {
  if (type.values.length === 0) return `CREATE TYPE ${name} AS ENUM ();`;
  const values = type.values.map((value, i) => {
    const comma = i < type.values.length - 1 ? "," : "";
    const hint =
      hints && value.renamedFrom !== null ? ` -- @renamed-value from=${quoteLiteral(value.renamedFrom)}` : "";
    return `  ${quoteLiteral(value.label)}${comma}${hint}`;
  });
  return `CREATE TYPE ${name} AS ENUM (\n${values.join("\n")}\n);`;
}

function renderDomain(catalog: Catalog, name: string, type: DomainType): string {
  const parts = [`CREATE DOMAIN ${name} AS ${catalog.typeSql(type.base)}`];
  const defaults = catalog.defaultCandidates(type.base);
  if (type.default !== null && defaults.length > 0)
    parts.push(`DEFAULT ${defaults[type.default % defaults.length]}`);
  if (type.notNull) parts.push("NOT NULL");
  if (type.check)
    parts.push(
      `CONSTRAINT ${quoteIdent(type.check.name)} CHECK (${catalog.domainCheckSql(type, type.check.variant)})`,
    );
  return `${parts.join(" ")};`;
}

function renderComposite(catalog: Catalog, name: string, type: CompositeType): string {
  const attributes = type.attributes.map((a) => `  ${quoteIdent(a.name)} ${catalog.typeSql(a.type)}`);
  return `CREATE TYPE ${name} AS (\n${attributes.join(",\n")}\n);`;
}

function renderFunction(catalog: Catalog, fn: Func): string {
  const name = catalog.qualified(fn.schema, fn.name);
  if (fn.kind === "trigger") {
    return `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql ${fn.volatility} AS $fn$\nBEGIN\n  -- ${fn.addend}\n  RETURN NEW;\nEND\n$fn$;`;
  }
  const options = `LANGUAGE sql ${fn.volatility}${fn.strict ? " STRICT" : ""}`;
  return `CREATE FUNCTION ${name}(x integer) RETURNS ${fn.returns} ${options} AS $fn$ SELECT (x + ${fn.addend})::${fn.returns} $fn$;`;
}

function renderTable(catalog: Catalog, table: Table, hints: boolean): string {
  const lines: { text: string; hint: string }[] = [];
  for (const column of table.columns) {
    const parts = [quoteIdent(column.name), catalog.typeSql(column.type)];
    if (column.generated) {
      const expression = catalog.generatedSql(column.generated.source, column.generated.fn);
      parts.push(`GENERATED ALWAYS AS (${expression}) STORED`);
    }
    if (column.identity) parts.push(`GENERATED ${column.identity.toUpperCase()} AS IDENTITY`);
    const defaults = catalog.defaultCandidates(column.type);
    if (column.default !== null && defaults.length > 0 && !column.identity && !column.generated)
      parts.push(`DEFAULT ${defaults[column.default % defaults.length]}`);
    if (column.notNull) parts.push("NOT NULL");
    lines.push({
      text: parts.join(" "),
      hint: hints && column.renamedFrom !== null ? ` -- @renamed from=${quoteIdent(column.renamedFrom)}` : "",
    });
  }
  const keyColumns = (key: Key) => key.columns.map((c) => quoteIdent(catalog.columnName(c))).join(", ");
  const named = (name: string | null) => (name === null ? "" : `CONSTRAINT ${quoteIdent(name)} `);
  const constraintHint = (from: string | null) =>
    hints && from !== null ? ` -- @renamed-constraint from=${quoteIdent(from)}` : "";
  if (table.primaryKey)
    lines.push({
      text: `${named(table.primaryKey.name)}PRIMARY KEY (${keyColumns(table.primaryKey)})`,
      hint: constraintHint(table.primaryKey.renamedFrom),
    });
  for (const key of table.uniques)
    lines.push({
      text: `${named(key.name)}UNIQUE (${keyColumns(key)})`,
      hint: constraintHint(key.renamedFrom),
    });
  for (const check of table.checks)
    lines.push({
      text: `${named(check.name)}CHECK (${catalog.checkSql(check.column, check.variant, check.fn)})`,
      hint: constraintHint(check.renamedFrom),
    });
  const from = hints ? tableRenamedFrom(catalog, table) : null;
  const hint = from === null ? "" : `-- @renamed-table from=${from}\n`;
  const body = lines.map((line, i) => `  ${line.text}${i < lines.length - 1 ? "," : ""}${line.hint}`);
  return `${hint}CREATE TABLE ${catalog.qualified(table.schema, table.name)} (\n${body.join("\n")}\n);`;
}

/** The table's name in A when B renamed it or moved it to another schema (qualified when moved). */
function tableRenamedFrom(catalog: Catalog, table: Table): string | null {
  const schema = catalog.model.schemas.find((s) => s.uid === table.schema);
  const schemaInA = schema?.inA ? (schema.renamedFrom ?? schema.name) : null;
  if (table.movedFrom !== null && table.movedFrom !== schemaInA)
    return quoteQualified(table.movedFrom, table.renamedFrom ?? table.name);
  return table.renamedFrom === null ? null : quoteIdent(table.renamedFrom);
}

function renderForeignKey(catalog: Catalog, table: Table, fk: ForeignKey): string {
  const target = catalog.keys.get(fk.key)!;
  const columns = (uids: readonly Uid[]) => uids.map((c) => quoteIdent(catalog.columnName(c))).join(", ");
  const references = `${catalog.qualified(target.table.schema, target.table.name)} (${columns(target.key.columns)})`;
  const options = `ON DELETE ${fk.onDelete}${fk.deferrable ? " DEFERRABLE INITIALLY DEFERRED" : ""}`;
  return `ALTER TABLE ${catalog.qualified(table.schema, table.name)} ADD CONSTRAINT ${quoteIdent(fk.name)} FOREIGN KEY (${columns(fk.columns)}) REFERENCES ${references} ${options};`;
}

function indexPartSql(catalog: Catalog, part: IndexPart): string {
  switch (part.kind) {
    case "column":
      return `${quoteIdent(catalog.columnName(part.column))}${part.descending ? " DESC" : ""}`;
    case "expression":
      return catalog.indexExpressionSql(part.column);
    case "function":
      return `(${catalog.call(part.fn, catalog.integerOf(part.column))})`;
  }
}

function renderIndex(catalog: Catalog, table: Table, index: Index): string {
  const trigramOps = () =>
    quoteQualified(catalog.schemas.get(catalog.extensionSchema("pg_trgm")!)!, "gin_trgm_ops");
  const parts = index.parts.map((part) =>
    index.trigram
      ? `${quoteIdent(catalog.columnName(part.column))} ${trigramOps()}`
      : indexPartSql(catalog, part),
  );
  const include = index.include.length
    ? ` INCLUDE (${index.include.map((c) => quoteIdent(catalog.columnName(c))).join(", ")})`
    : "";
  const where =
    index.where === null ? "" : ` WHERE ${quoteIdent(catalog.columnName(index.where))} IS NOT NULL`;
  const name = index.autoName ? "" : `${quoteIdent(index.name)} `;
  const using = index.trigram ? "USING gin " : "";
  return `CREATE ${index.unique ? "UNIQUE " : ""}INDEX ${name}ON ${catalog.qualified(table.schema, table.name)} ${using}(${parts.join(", ")})${include}${where};`;
}

function renderView(catalog: Catalog, view: View): string {
  const source = catalog.relation(view.from)!;
  const columns = view.columns.map((column) => {
    const value =
      column.fn === null
        ? `src.${quoteIdent(catalog.columnName(column.source))}`
        : catalog.call(column.fn, catalog.integerOf(column.source, "src."));
    return `${value} AS ${quoteIdent(column.alias)}`;
  });
  const first = view.columns[0];
  const where =
    view.filtered && first ? ` WHERE src.${quoteIdent(catalog.columnName(first.source))} IS NOT NULL` : "";
  const kind = view.materialized ? "MATERIALIZED VIEW" : "VIEW";
  return `CREATE ${kind} ${catalog.qualified(view.schema, view.name)} AS SELECT ${columns.join(", ")} FROM ${catalog.qualified(source.schema, source.name)} AS src${where};`;
}

/** Triggers, policies and row security of one table. */
function renderTableExtras(catalog: Catalog, table: Table): string[] {
  const out: string[] = [];
  const name = catalog.qualified(table.schema, table.name);
  for (const trigger of table.triggers) {
    const fn = catalog.functions.get(trigger.function)!;
    const updateOf = trigger.updateOf.map((c) => quoteIdent(catalog.columnName(c))).join(", ");
    const events = trigger.events.map((e) => (e === "UPDATE" && updateOf ? `UPDATE OF ${updateOf}` : e));
    out.push(
      `CREATE TRIGGER ${quoteIdent(trigger.name)} ${trigger.timing} ${events.join(" OR ")} ON ${name} FOR EACH ${trigger.forEachRow ? "ROW" : "STATEMENT"} EXECUTE FUNCTION ${catalog.qualified(fn.schema, fn.name)}();`,
    );
  }
  for (const policy of table.policies) {
    const conditions = [
      policy.column === null ? "true" : `${quoteIdent(catalog.columnName(policy.column))} IS NOT NULL`,
    ];
    if (policy.fn !== null)
      conditions.push(
        `${catalog.call(policy.fn, policy.column === null ? "0" : catalog.integerOf(policy.column))} >= 0`,
      );
    const condition = conditions.join(" AND ");
    const using = policy.command === "INSERT" ? "" : ` USING (${condition})`;
    const check = ["ALL", "INSERT", "UPDATE"].includes(policy.command) ? ` WITH CHECK (${condition})` : "";
    const roles = policy.roles.length ? policy.roles.map(quoteIdent).join(", ") : "PUBLIC";
    out.push(
      `CREATE POLICY ${quoteIdent(policy.name)} ON ${name} AS ${policy.permissive ? "PERMISSIVE" : "RESTRICTIVE"} FOR ${policy.command} TO ${roles}${using}${check};`,
    );
  }
  if (table.rowSecurity) out.push(`ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY;`);
  if (table.forceRowSecurity) out.push(`ALTER TABLE ${name} FORCE ROW LEVEL SECURITY;`);
  return out;
}

function renderComments(catalog: Catalog): string[] {
  const { model } = catalog;
  const out: string[] = [];
  const comment = (target: string, text: string | null) => {
    if (text !== null) out.push(`COMMENT ON ${target} IS ${quoteLiteral(text)};`);
  };
  for (const schema of model.schemas)
    if (schema.uid !== PUBLIC_SCHEMA) comment(`SCHEMA ${quoteIdent(schema.name)}`, schema.comment);
  for (const extension of model.extensions)
    comment(`EXTENSION ${quoteIdent(extension.name)}`, extension.comment);
  for (const type of model.types)
    comment(
      `${type.kind === "domain" ? "DOMAIN" : "TYPE"} ${catalog.qualified(type.schema, type.name)}`,
      type.comment,
    );
  for (const seq of model.sequences)
    comment(`SEQUENCE ${catalog.qualified(seq.schema, seq.name)}`, seq.comment);
  for (const fn of model.functions)
    comment(
      `FUNCTION ${catalog.qualified(fn.schema, fn.name)}(${fn.kind === "scalar" ? "integer" : ""})`,
      fn.comment,
    );
  for (const table of model.tables) {
    const name = catalog.qualified(table.schema, table.name);
    comment(`TABLE ${name}`, table.comment);
    for (const column of table.columns) comment(`COLUMN ${name}.${quoteIdent(column.name)}`, column.comment);
    for (const key of [...(table.primaryKey ? [table.primaryKey] : []), ...table.uniques])
      if (key.name !== null) comment(`CONSTRAINT ${quoteIdent(key.name)} ON ${name}`, key.comment);
    for (const check of table.checks)
      comment(`CONSTRAINT ${quoteIdent(check.name)} ON ${name}`, check.comment);
    for (const fk of table.foreignKeys) comment(`CONSTRAINT ${quoteIdent(fk.name)} ON ${name}`, fk.comment);
    for (const index of table.indexes)
      if (!index.autoName) comment(`INDEX ${catalog.qualified(table.schema, index.name)}`, index.comment);
    for (const trigger of table.triggers)
      comment(`TRIGGER ${quoteIdent(trigger.name)} ON ${name}`, trigger.comment);
    for (const policy of table.policies)
      comment(`POLICY ${quoteIdent(policy.name)} ON ${name}`, policy.comment);
  }
  for (const view of model.views)
    comment(
      `${view.materialized ? "MATERIALIZED VIEW" : "VIEW"} ${catalog.qualified(view.schema, view.name)}`,
      view.comment,
    );
  return out;
}

function renderGrants(catalog: Catalog): string[] {
  const { model } = catalog;
  const out: string[] = [];
  const grant = (target: string, grants: readonly Grant[], columns = "") => {
    for (const g of grants)
      if (g.privileges.length > 0)
        out.push(
          `GRANT ${g.privileges.map((p) => `${p}${columns}`).join(", ")} ON ${target} TO ${quoteIdent(g.role)};`,
        );
  };
  for (const schema of model.schemas)
    if (schema.uid !== PUBLIC_SCHEMA) grant(`SCHEMA ${quoteIdent(schema.name)}`, schema.grants);
  for (const type of model.types) grant(`TYPE ${catalog.qualified(type.schema, type.name)}`, type.grants);
  for (const seq of model.sequences) grant(`SEQUENCE ${catalog.qualified(seq.schema, seq.name)}`, seq.grants);
  for (const fn of model.functions) {
    const name = `FUNCTION ${catalog.qualified(fn.schema, fn.name)}(${fn.kind === "scalar" ? "integer" : ""})`;
    if (fn.revokedFromPublic) out.push(`REVOKE EXECUTE ON ${name} FROM PUBLIC;`);
    grant(name, fn.grants);
  }
  for (const table of model.tables) {
    const name = `TABLE ${catalog.qualified(table.schema, table.name)}`;
    grant(name, table.grants);
    for (const column of table.columns) grant(name, column.grants, ` (${quoteIdent(column.name)})`);
  }
  for (const view of model.views) grant(`TABLE ${catalog.qualified(view.schema, view.name)}`, view.grants);
  return out;
}
