/**
 * Keeps a draft model valid after an edit: removes what PostgreSQL could not create because
 * something it uses is gone or changed (an index on a dropped column, a foreign key whose columns no
 * longer match the referenced key, a view over a dropped table, a trigger whose function was
 * dropped). A desired state is only ever valid SQL, so B describes the dependents as they would be.
 */

import { Catalog } from "./catalog.js";
import type { Column, Model, Table, Uid } from "./model.js";

export function repair(model: Model): void {
  // Objects whose schema is gone went with it (edits.ts dropSchema); types next.
  const typeUids = () => new Set(model.types.map((t) => t.uid));
  const installed = new Set<string>(model.extensions.map((extension) => extension.name));
  const usesLiveType = (type: Column["type"], live: Set<Uid>) =>
    type.kind === "user" ? live.has(type.type) : type.kind !== "extension" || installed.has(type.name);
  // Composites whose attribute types are gone lose the attribute; columns of a gone type go.
  let live = typeUids();
  for (const type of model.types) {
    if (type.kind === "composite")
      type.attributes = type.attributes.filter((a) => usesLiveType(a.type, live));
  }
  live = typeUids();
  const functions = new Set(model.functions.map((fn) => fn.uid));
  const scalar = (fn: Uid | null) =>
    fn !== null && model.functions.some((f) => f.uid === fn && f.kind === "scalar") ? fn : null;
  const immutable = (fn: Uid | null) =>
    scalar(fn) !== null && model.functions.some((f) => f.uid === fn && f.volatility === "IMMUTABLE")
      ? fn
      : null;
  for (const table of model.tables) {
    for (const column of table.columns)
      if (column.generated) column.generated.fn = immutable(column.generated.fn);
    for (const check of table.checks) check.fn = scalar(check.fn);
    for (const policy of table.policies) policy.fn = scalar(policy.fn);
    for (const index of table.indexes)
      index.parts = index.parts.map((part) =>
        part.kind === "function" && immutable(part.fn) === null
          ? { kind: "column", column: part.column, descending: false }
          : part,
      );
  }
  for (const view of model.views) for (const column of view.columns) column.fn = scalar(column.fn);

  for (const table of model.tables) {
    table.columns = table.columns.filter((c) => usesLiveType(c.type, live));
    repairColumns(model, table);
  }
  const catalog = new Catalog(model);
  for (const table of model.tables) repairTable(catalog, table, functions);
  // Foreign keys after every table's keys are final.
  const keys = new Catalog(model).keys;
  for (const table of model.tables) {
    const columns = new Map(table.columns.map((c) => [c.uid, c]));
    table.foreignKeys = table.foreignKeys.filter((fk) => {
      const target = keys.get(fk.key);
      if (!target || fk.columns.length !== target.key.columns.length) return false;
      return fk.columns.every((uid, i) => {
        const column = columns.get(uid);
        const referenced = target.table.columns.find((c) => c.uid === target.key.columns[i]);
        return (
          column !== undefined &&
          referenced !== undefined &&
          !column.generated &&
          catalog.family(column.type) === catalog.family(referenced.type) &&
          sameTypeFamilyForKeys(catalog, column, referenced)
        );
      });
    });
  }
  repairViews(model);
  // A sequence stays when its owning column goes (B describes it so: the plan must keep it); it can
  // only be owned by a column of a table in its own schema.
  const owners = new Map(model.tables.flatMap((t) => t.columns.map((c) => [c.uid, t.schema] as const)));
  for (const seq of model.sequences)
    if (seq.ownedBy !== null && owners.get(seq.ownedBy) !== seq.schema) seq.ownedBy = null;
}

/** Enum and composite key columns only match the very same type. */
function sameTypeFamilyForKeys(catalog: Catalog, a: Column, b: Column): boolean {
  const family = catalog.family(a.type);
  if (family === "enum" || family === "composite" || family === "array")
    return JSON.stringify(a.type) === JSON.stringify(b.type);
  return true;
}

function repairColumns(model: Model, table: Table): void {
  const catalog = new Catalog(model);
  // A generated column needs its stored, non-generated source, of a family it can compute from.
  for (let pass = 0; pass < 2; pass++) {
    const byUid = new Map(table.columns.map((c) => [c.uid, c]));
    table.columns = table.columns.filter((column) => {
      if (!column.generated) return true;
      const source = byUid.get(column.generated.source);
      return (
        source !== undefined &&
        !source.generated &&
        ["int", "numeric", "text"].includes(catalog.family(source.type))
      );
    });
  }
  const byUid = new Map(table.columns.map((c) => [c.uid, c]));
  for (const column of table.columns) {
    if (column.generated) {
      const source = byUid.get(column.generated.source)!;
      if (
        !catalog.castable(source.type, column.type) ||
        catalog.family(source.type) !== catalog.family(column.type)
      )
        column.type = source.type;
      column.identity = null;
      column.default = null;
    }
    if (column.identity && !(column.type.kind === "builtin" && catalog.family(column.type) === "int"))
      column.identity = null;
    if (column.identity) column.default = null;
  }
}

function repairTable(catalog: Catalog, table: Table, functions: Set<Uid>): void {
  const columns = new Map(table.columns.map((c) => [c.uid, c]));
  const trigramReady = catalog.extensionSchema("pg_trgm") !== undefined;
  const keyable = (uid: Uid) => {
    const column = columns.get(uid);
    return column !== undefined && !column.generated && catalog.family(column.type) !== "composite";
  };
  if (table.primaryKey && !table.primaryKey.columns.every(keyable)) table.primaryKey = null;
  // PostgreSQL keeps one constraint per column set in CREATE TABLE: a UNIQUE that repeats the primary
  // key's columns (or an earlier UNIQUE's) would silently not exist.
  const seen = new Set(table.primaryKey ? [columnSet(table.primaryKey.columns)] : []);
  table.uniques = table.uniques.filter((key) => {
    const set = columnSet(key.columns);
    if (!key.columns.every(keyable) || seen.has(set)) return false;
    seen.add(set);
    return true;
  });
  table.checks = table.checks.filter((check) => columns.has(check.column));
  table.indexes = table.indexes.filter((index) => {
    if (index.where !== null && !columns.has(index.where)) index.where = null;
    index.parts = index.parts.filter(
      (part) =>
        keyable(part.column) &&
        (part.kind === "column" ||
          ["int", "numeric", "text"].includes(catalog.family(columns.get(part.column)!.type))),
    );
    if (index.trigram)
      return (
        trigramReady &&
        index.parts.length > 0 &&
        index.parts.every((part) => catalog.family(catalog.columnType(part.column)) === "text")
      );
    return index.parts.length > 0;
  });
  table.indexes.forEach((index) => {
    index.include = index.include.filter(keyable);
  });
  for (const trigger of table.triggers) trigger.updateOf = trigger.updateOf.filter((c) => columns.has(c));
  table.triggers = table.triggers.filter(
    (trigger) =>
      functions.has(trigger.function) && catalog.functions.get(trigger.function)?.kind === "trigger",
  );
  for (const policy of table.policies)
    if (policy.column !== null && !columns.has(policy.column)) policy.column = null;
}

function columnSet(columns: readonly Uid[]): string {
  return [...columns].sort((a, b) => a - b).join(",");
}

/** Views in creation order: each keeps the columns whose source still exists in its relation. */
function repairViews(model: Model): void {
  const available = new Map<Uid, Set<Uid>>();
  for (const table of model.tables) available.set(table.uid, new Set(table.columns.map((c) => c.uid)));
  model.views = model.views.filter((view) => {
    const sources = available.get(view.from);
    if (!sources) return false;
    view.columns = view.columns.filter((c) => sources.has(c.source));
    if (view.columns.length === 0) return false;
    const columns = new Set(view.columns.map((c) => c.uid));
    view.indexes = view.materialized ? view.indexes.filter((index) => columns.has(index.column)) : [];
    available.set(view.uid, new Set(view.columns.map((c) => c.uid)));
    return true;
  });
}
