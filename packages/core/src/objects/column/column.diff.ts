import { type ChangeDeps, deps } from "../../diff/change-base.js";
import { deepEqual } from "../../diff/compare.js";
import type { DiffContext } from "../../diff/context.js";
import { findColumn, tableRef } from "../../diff/lookup.js";
import { InvalidInputError } from "../../errors.js";
import { ids } from "../../model/ids.js";
import type { Column, Table } from "../../model/state.js";
import type { CommentChange } from "../comment/comment.change.js";
import { diffComment } from "../comment/comment.diff.js";
import { dependentsOfRecreatedRoutines } from "../function/routine-dependents.js";
import type { ColumnChange } from "./column.change.js";
import { classifyTypeChange } from "./column.type-change.js";

/**
 * Columns of a table present on both sides (`from` is the current table after renames). Inherited
 * columns (`isLocal: false`) follow their parent and are not diffed here.
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

  const current = new Map(from.columns.filter((c) => c.isLocal).map((c) => [c.id, c]));
  const desired = to.columns.filter((c) => c.isLocal);
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
    if (desiredIds.has(column.id)) continue;
    changes.push({
      kind: "drop_column",
      objectId: column.id,
      table,
      column,
      deps: deps({ drops: [column.id, ...inheritedCopies(ctx, from, column.name)], requires: [to.id] }),
    });
  }
  return changes;
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
  // A generated expression cannot be altered in place before PG 17: drop and add (recomputed).
  if (!deepEqual(before.generated, column.generated)) {
    return [
      {
        kind: "drop_column",
        objectId: column.id,
        table,
        column: before,
        deps: deps({ drops: [column.id], requires: [to.id] }),
      },
      ...addColumn(ctx, to, column),
    ];
  }
  const changes: (ColumnChange | CommentChange)[] = [];
  const typeChanged = before.type.text !== column.type.text || before.collation !== column.collation;
  if (typeChanged) {
    changes.push({
      kind: "alter_column_type",
      objectId: column.id,
      table,
      column,
      fromType: before.type.text,
      cost: classifyTypeChange(before.type, column.type),
      dropDefault: before.default !== null,
      deps: alters,
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
    dependentsOfRecreatedRoutines(ctx).has(column.id)
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
            deps: alters,
          },
        ];
  if (!column.notNull) changes.push(...identity());
  if (before.notNull !== column.notNull) {
    if (column.notNull) {
      changes.push({
        kind: "set_not_null",
        objectId: column.id,
        table,
        column: column.name,
        reltuples: ctx.current.stats[fromTable.id]?.reltuples ?? -1,
        partitioned: to.partitionBy !== null,
        deps: alters,
      });
    } else {
      changes.push({ kind: "drop_not_null", objectId: column.id, table, column: column.name, deps: alters });
    }
  }
  if (column.notNull) changes.push(...identity());
  changes.push(...diffComment(column.id, columnTarget(to, column), before.comment, column.comment));
  return changes;
}

export function columnTarget(table: Table, column: Column) {
  return { kind: "column" as const, schema: table.schema, table: table.name, name: column.name };
}
