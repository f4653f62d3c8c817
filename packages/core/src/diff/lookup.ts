import type { Column, SchemaState, Table } from "../model/state.js";
import type { TableRef } from "./change-base.js";

const columnIndexes = new WeakMap<SchemaState, Map<string, { table: Table; column: Column }>>();

/** The table and column of a column id (memoized per state object). */
export function findColumn(
  state: SchemaState,
  columnId: string,
): { table: Table; column: Column } | undefined {
  let index = columnIndexes.get(state);
  if (!index) {
    index = new Map();
    for (const table of Object.values(state.tables)) {
      for (const column of table.columns) index.set(column.id, { table, column });
    }
    columnIndexes.set(state, index);
  }
  return index.get(columnId);
}

/** A table or materialized view's reference by id, from either state (indexes may be on either). */
export function relationRef(state: SchemaState, id: string): TableRef | undefined {
  const relation = state.tables[id] ?? state.materializedViews[id] ?? state.views[id];
  return relation ? tableRef(relation) : undefined;
}

export function tableRef(table: {
  readonly id: string;
  readonly schema: string;
  readonly name: string;
}): TableRef {
  return { id: table.id, schema: table.schema, name: table.name };
}
