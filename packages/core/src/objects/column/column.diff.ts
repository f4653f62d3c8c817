import { type ChangeDeps, deps } from "../../diff/change-base.js";
import { deepEqual } from "../../diff/compare.js";
import type { DiffContext } from "../../diff/context.js";
import { findColumn, tableRef } from "../../diff/lookup.js";
import { InvalidInputError } from "../../errors.js";
import { ids } from "../../model/ids.js";
import type { Column, SchemaState, Table } from "../../model/state.js";
import { quoteIdent } from "../../sql/quote.js";
import type { CommentChange } from "../comment/comment.change.js";
import { diffComment } from "../comment/comment.diff.js";
import type { ColumnChange, ColumnSetting } from "./column.change.js";
import { classifyTypeChange } from "./column.type-change.js";
import { leftoverNotNullCheck } from "./not-null-helper.js";

/**
 * Columns of a table present on both sides (`from` is the current table after renames). Inherited
 * columns (`isLocal: false`) follow their parent and are not diffed here, except those a detached
 * child keeps as its own (`localAfterDetach`).
 */
export function diffColumns(
  ctx: DiffContext,
  from: Table,
  to: Table,
): readonly (ColumnChange | CommentChange)[] {
  const changes: (ColumnChange | CommentChange)[] = [];
  const table = tableRef(to);
  for (const rename of ctx.renames) {
    if (rename.kind !== "column") continue;
    const target = findColumn(ctx.desired, rename.to);
    const source = findColumn(ctx.currentAll, rename.from);
    if (!target || !source || target.table.id !== to.id) continue;
    changes.push({
      kind: "rename_column",
      objectId: rename.to,
      table,
      from: source.column.name,
      to: target.column.name,
      deps: deps({ drops: [rename.from], creates: [rename.to], requires: [to.id] }),
    });
  }

  const current = new Map(localAfterDetach(ctx, from, to).map((c) => [c.id, c]));
  const desired = to.columns.filter((c) => c.isLocal);
  // A table attached with INHERIT keeps its own copy of the parent's columns (PostgreSQL cannot
  // make a column inherited-only): a column the desired side inherits is never dropped here.
  const inheritedInDesired = new Set(to.columns.filter((c) => !c.isLocal).map((c) => c.id));
  for (const column of desired) {
    const before = current.get(column.id);
    if (!before) {
      changes.push(...addColumn(ctx, to, column));
      continue;
    }
    changes.push(...alterColumn(ctx, from, to, before, column));
  }
  const desiredIds = new Set(desired.map((c) => c.id));
  for (const column of current.values()) {
    if (desiredIds.has(column.id) || inheritedInDesired.has(column.id)) continue;
    changes.push({
      kind: "drop_column",
      objectId: column.id,
      table,
      column,
      readded: false,
      deps: deps({ drops: [column.id, ...inheritedCopies(ctx, from, column.name)], requires: [to.id] }),
    });
  }
  return changes;
}

/**
 * The columns of the current table that are its own once the plan has run its `NO INHERIT` /
 * `DETACH PARTITION`: the local ones, and the inherited ones no remaining parent provides
 * (PostgreSQL marks those local when the last parent goes). Without this, a detached child whose
 * desired definition lists the columns it used to inherit would get them added a second time.
 */
function localAfterDetach(ctx: DiffContext, from: Table, to: Table): readonly Column[] {
  const parents = (table: Table) => [
    ...table.inherits,
    ...(table.partitionOf ? [table.partitionOf.parent] : []),
  ];
  const kept = parents(from).filter((parent) => parents(to).includes(parent));
  if (kept.length === parents(from).length) return from.columns.filter((c) => c.isLocal);
  const provided = new Set(
    kept.flatMap((parent) => ctx.current.tables[parent]?.columns.map((c) => c.name) ?? []),
  );
  return from.columns.filter((c) => c.isLocal || !provided.has(c.name));
}

/**
 * Ids of the inherited (non-local) copies of a column in child tables and partitions: dropping the
 * parent's column drops them too, so a child that re-adds the column as its own waits for the drop.
 */
function inheritedCopies(ctx: DiffContext, parent: Table, name: string): readonly string[] {
  return Object.values(ctx.current.tables)
    .filter((t) => t.inherits.includes(parent.id) || t.partitionOf?.parent === parent.id)
    .flatMap((t) => t.columns.filter((c) => c.name === name && !c.isLocal).map((c) => c.id));
}

export function checkGeneratedSupported(ctx: DiffContext, table: Table, column: Column): void {
  if (column.generated?.storage === "virtual" && ctx.current.server.major < 18) {
    throw new InvalidInputError([
      {
        message: `column ${table.schema}.${table.name}.${column.name} is GENERATED … VIRTUAL, which PostgreSQL ${ctx.current.server.major} does not support (18+)`,
        hint: "use STORED, or upgrade the target server to PostgreSQL 18",
      },
    ]);
  }
}

function addColumn(ctx: DiffContext, to: Table, column: Column): readonly (ColumnChange | CommentChange)[] {
  checkGeneratedSupported(ctx, to, column);
  return [
    {
      kind: "add_column",
      objectId: column.id,
      table: tableRef(to),
      column,
      deps: deps({ creates: [column.id], requires: [to.id] }),
    },
    ...diffComment(column.id, columnTarget(to, column), null, column.comment),
  ];
}

function alterColumn(
  ctx: DiffContext,
  fromTable: Table,
  to: Table,
  before: Column,
  column: Column,
): readonly (ColumnChange | CommentChange)[] {
  const table = tableRef(to);
  const alters = deps({ alters: [column.id], requires: [to.id] });
  // A generated expression cannot be altered in place before PG 17, nor can a column it reads
  // change type while it exists: drop and add (recomputed), see column.replaced.ts.
  if (!deepEqual(before.generated, column.generated) || ctx.cascade.replacedColumns.has(column.id)) {
    return [
      {
        kind: "drop_column",
        objectId: column.id,
        table,
        column: before,
        readded: before.generated !== null && column.generated !== null,
        deps: deps({ drops: [column.id], requires: [to.id] }),
      },
      ...addColumn(ctx, to, column),
    ];
  }
  const changes: (ColumnChange | CommentChange)[] = [];
  const typeChanged = !sameColumnType(ctx, before, column) || before.collation !== column.collation;
  if (typeChanged) {
    changes.push({
      kind: "alter_column_type",
      objectId: column.id,
      table,
      column,
      fromType: before.type.text,
      cost: classifyTypeChange(before.type, column.type),
      dropDefault: before.default !== null,
      deps: deps({ alters: [column.id], requires: [to.id], creates: [ids.columnType(column.id)] }),
    });
  }
  const defaultId = ids.columnDefault(column.id);
  const setDefault = (value: string | null, on: ChangeDeps): ColumnChange => ({
    kind: "set_column_default",
    objectId: column.id,
    table,
    column: column.name,
    default: value,
    deps: on,
  });
  const onDefault = { requires: [to.id, column.id] };
  if (
    !typeChanged &&
    before.default !== null &&
    column.default !== null &&
    ctx.cascade.routineDependents.has(column.id)
  ) {
    // The default calls a routine dropped and created again: off before, back on after.
    changes.push(
      setDefault(null, deps({ ...onDefault, drops: [defaultId] })),
      setDefault(column.default, deps({ ...onDefault, creates: [defaultId] })),
    );
  } else if (before.default !== column.default && !(typeChanged && before.default !== null)) {
    changes.push(
      setDefault(column.default, deps({ ...onDefault, drops: [defaultId], creates: [defaultId] })),
    );
  }
  // Identity needs NOT NULL first; NOT NULL cannot be dropped while the column is an identity.
  const notNull = ids.columnNotNull(column.id);
  const identity = (): readonly ColumnChange[] =>
    deepEqual(before.identity, column.identity)
      ? []
      : [
          {
            kind: "alter_column_identity",
            objectId: column.id,
            table,
            column,
            from: before.identity,
            indexed: leadsIndex(ctx.current, fromTable.id, before.name),
            reltuples: ctx.current.stats[fromTable.id]?.reltuples ?? -1,
            deps: deps({ alters: [column.id], requires: [to.id, notNull] }),
          },
        ];
  if (!column.notNull) changes.push(...identity());
  if (before.notNull !== column.notNull) {
    if (column.notNull) {
      const leftover = leftoverNotNullCheck(ctx, to, column.name);
      changes.push({
        kind: "set_not_null",
        objectId: column.id,
        table,
        column: column.name,
        reltuples: ctx.current.stats[fromTable.id]?.reltuples ?? -1,
        partitioned: to.partitionBy !== null,
        leftoverCheck: leftover && { name: leftover.name, validated: leftover.validated },
        // Nothing that depends on the column has to go first (unlike a type change): what will
        // depend on it comes after, an identity on it too.
        deps: deps({ requires: [to.id, column.id], extends: [column.id], creates: [notNull] }),
      });
    } else {
      changes.push({ kind: "drop_not_null", objectId: column.id, table, column: column.name, deps: alters });
    }
  }
  if (column.notNull) changes.push(...identity());
  changes.push(...diffComment(column.id, columnTarget(to, column), before.comment, column.comment));
  return changes;
}

/** Does a valid, complete btree index of the table have `column` as its first key? */
function leadsIndex(state: SchemaState, tableId: string, column: string): boolean {
  return Object.values(state.indexes).some(
    (index) =>
      index.table === tableId &&
      index.valid &&
      index.method === "btree" &&
      index.predicate === null &&
      (index.keys[0]?.expression === column || index.keys[0]?.expression === quoteIdent(column)),
  );
}

/**
 * `SET COMPRESSION lz4` needs a server built with lz4: refused at plan time, every such column
 * listed, rather than failing at apply (the desired state may have been loaded on another server).
 */
export function checkCompressionSupported(ctx: DiffContext): void {
  const methods = ctx.current.server.compressionMethods;
  if (methods === undefined) return;
  const problems = Object.values(ctx.desired.tables).flatMap((table) =>
    table.columns
      .filter((column) => column.compression !== null && !methods.includes(column.compression))
      .map((column) => ({
        message: `column ${table.schema}.${table.name}.${column.name} uses COMPRESSION ${column.compression}, which the target server was not built with (it has ${methods.join(", ")})`,
        hint: `use COMPRESSION ${methods[0] ?? "pglz"} (or none), or migrate to a server built with ${column.compression}`,
      })),
  );
  if (problems.length > 0) throw new InvalidInputError(problems);
}

/**
 * Per setting: its value on a column as compared (null: the default), the change that sets a
 * column's value, and whether CREATE TABLE … PARTITION OF / INHERITS copies the parent's.
 */
const SETTINGS: {
  readonly [K in ColumnSetting["name"]]: {
    readonly read: (column: Column) => string | number | null;
    readonly setting: (column: Column) => Extract<ColumnSetting, { name: K }>;
    readonly copiedFromParent: boolean;
  };
} = {
  compression: {
    read: (column) => column.compression,
    setting: (column) => ({ name: "compression", value: column.compression }),
    copiedFromParent: true,
  },
  storage: {
    read: (column) => column.storage,
    // The type's own storage when back to the default (SET STORAGE DEFAULT is PG 16+).
    setting: (column) => ({ name: "storage", value: column.storage ?? column.type.storage }),
    copiedFromParent: true,
  },
  statistics: {
    read: (column) => column.statisticsTarget,
    setting: (column) => ({ name: "statistics", value: column.statisticsTarget }),
    copiedFromParent: false,
  },
  options: {
    read: (column) => (column.options.length ? column.options.join(", ") : null),
    setting: (column) => ({ name: "options", value: column.options }),
    copiedFromParent: false,
  },
};

/**
 * `SET COMPRESSION | STORAGE | STATISTICS` for every column of `to` (null `from`: a table this plan
 * creates). Inherited columns are compared too: each table's column is set on its own, `ONLY` where
 * the table has children. A setting is written when it differs from what the column will have when
 * the statement runs: the current value; the default for a column this plan adds; unknown after a
 * type change (ALTER … TYPE resets some) or, for a new table's inherited column, the parent's
 * current value (CREATE TABLE … PARTITION OF / INHERITS copies some): then any non-default side is
 * written.
 */
export function diffColumnSettings(ctx: DiffContext, from: Table | null, to: Table): readonly ColumnChange[] {
  const changes: ColumnChange[] = [];
  const ancestors = ancestorsOf(ctx.desired, to);
  const only = withChildren(ctx.current).has(to.id) || withChildren(ctx.desired).has(to.id);
  for (const column of to.columns) {
    const before = from?.columns.find((c) => c.id === column.id);
    const fresh = before === undefined || !deepEqual(before.generated, column.generated);
    const typeChanged =
      before !== undefined &&
      (!sameColumnType(ctx, before, column) ||
        before.collation !== column.collation ||
        typeRedefined(ctx, column));
    const inheritedFrom = ancestors
      .map((id) => ctx.current.tables[id]?.columns.find((c) => c.name === column.name))
      .find((c) => c !== undefined);
    const ancestorColumns = ancestors.flatMap((id) =>
      (ctx.desired.tables[id]?.columns ?? []).filter((c) => c.name === column.name).map((c) => c.id),
    );
    for (const name of Object.keys(SETTINGS) as ColumnSetting["name"][]) {
      const spec = SETTINGS[name];
      const wanted = spec.read(column);
      // What the column holds when the statement would run; `unknown` when that cannot be told.
      const copied = from === null && spec.copiedFromParent && inheritedFrom !== undefined;
      const needed =
        before === undefined || fresh
          ? copied
            ? wanted !== null || spec.read(inheritedFrom) !== null
            : wanted !== null
          : typeChanged
            ? wanted !== null || spec.read(before) !== null
            : wanted !== spec.read(before);
      if (!needed) continue;
      changes.push({
        kind: "set_column_setting",
        objectId: column.id,
        table: tableRef(to),
        column: column.name,
        only,
        setting: spec.setting(column),
        deps: deps({
          requires: [
            to.id,
            column.id,
            ...ancestorColumns,
            ...[column.id, ...ancestorColumns].map((id) => ids.columnType(id)),
          ],
        }),
      });
    }
  }
  return changes;
}

/**
 * The same type on both sides: the same text, or an extension's type (not one of the state's types)
 * whose schema differs only because its extension moves there by `ALTER EXTENSION … SET SCHEMA`,
 * which takes the type along (`old_ext.hstore` → `ext.hstore`): no ALTER … TYPE for it.
 */
function sameColumnType(ctx: DiffContext, before: Column, after: Column): boolean {
  const [from, to] = [before.type, after.type];
  if (from.text === to.text) return true;
  if (from.name !== to.name || from.schema === to.schema) return false;
  if (ctx.current.types[ids.type(from.schema, from.name)] || ctx.desired.types[ids.type(to.schema, to.name)])
    return false;
  const moved = Object.values(ctx.desired.extensions).some((extension) => {
    const current = ctx.current.extensions[extension.id];
    return (
      current !== undefined &&
      current.relocatable !== false &&
      current.schema === from.schema &&
      extension.schema === to.schema
    );
  });
  const qualified = (type: Column["type"]) => `${type.schema}.`;
  return moved && from.text.replace(qualified(from), qualified(to)) === to.text;
}

/**
 * The column's user type changes (an enum losing a value, a domain's base type): the plan may
 * recreate it and convert the column with ALTER … TYPE, which resets storage and compression.
 */
function typeRedefined(ctx: DiffContext, column: Column): boolean {
  if (column.type.schema === "pg_catalog") return false;
  const id = ids.type(column.type.schema, column.type.name);
  const before = ctx.current.types[id];
  const after = ctx.desired.types[id];
  return before !== undefined && after !== undefined && !deepEqual(before, after);
}

/** Parent tables (partition parent and inheritance parents), nearest first, at every level. */
function ancestorsOf(state: SchemaState, table: Table): readonly string[] {
  const out: string[] = [];
  const visit = (t: Table) => {
    for (const parent of [...(t.partitionOf ? [t.partitionOf.parent] : []), ...t.inherits]) {
      if (out.includes(parent)) continue;
      out.push(parent);
      const next = state.tables[parent];
      if (next) visit(next);
    }
  };
  visit(table);
  return out;
}

const childrenCache = new WeakMap<SchemaState, ReadonlySet<string>>();

/** Ids of the tables that have partitions or inheritance children (computed once per state). */
function withChildren(state: SchemaState): ReadonlySet<string> {
  let parents = childrenCache.get(state);
  if (!parents) {
    const found = new Set<string>();
    for (const table of Object.values(state.tables)) {
      if (table.partitionOf) found.add(table.partitionOf.parent);
      for (const parent of table.inherits) found.add(parent);
    }
    parents = found;
    childrenCache.set(state, parents);
  }
  return parents;
}

export function columnTarget(table: Table, column: Column) {
  return { kind: "column" as const, schema: table.schema, table: table.name, name: column.name };
}
