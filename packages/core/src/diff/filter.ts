import type { Constraint, SchemaState } from "../model/state.js";

/**
 * The state restricted to the managed schemas: what is outside is invisible to the differ, so it is
 * never created, altered or dropped (the seed: "pg-flux pretends its objects don't exist").
 * Constraints, indexes, triggers and policies follow their table; statistics objects and collations their schema.
 */
export function filterState(state: SchemaState, isManaged: (schema: string) => boolean): SchemaState {
  const keep = <T>(record: Readonly<Record<string, T>>, test: (value: T) => boolean) =>
    Object.fromEntries(Object.entries(record).filter(([, value]) => test(value)));
  const tableKept = (tableId: string) => {
    const table = state.tables[tableId];
    return table !== undefined && isManaged(table.schema);
  };
  return {
    ...state,
    schemas: keep(state.schemas, (schema) => isManaged(schema.name)),
    extensions: keep(state.extensions, (extension) => isManaged(extension.schema)),
    collations: keep(state.collations, (collation) => isManaged(collation.schema)),
    types: keep(state.types, (type) => isManaged(type.schema)),
    sequences: keep(state.sequences, (sequence) => isManaged(sequence.schema)),
    tables: keep(state.tables, (table) => isManaged(table.schema)),
    constraints: keep(state.constraints, (constraint: Constraint) => isManaged(constraint.schema)),
    indexes: keep(state.indexes, (index) => isManaged(index.schema)),
    views: keep(state.views, (view) => isManaged(view.schema)),
    materializedViews: keep(state.materializedViews, (view) => isManaged(view.schema)),
    functions: keep(state.functions, (fn) => isManaged(fn.schema)),
    aggregates: keep(state.aggregates, (agg) => isManaged(agg.schema)),
    triggers: keep(state.triggers, (trigger) => isManaged(trigger.schema) && tableKeptOrView(trigger.table)),
    eventTriggers: state.eventTriggers,
    policies: keep(state.policies, (policy) => tableKept(policy.table)),
    statistics: keep(state.statistics, (statistics) => isManaged(statistics.schema)),
    defaultPrivileges: keep(state.defaultPrivileges, (dp) => dp.schema === null || isManaged(dp.schema)),
  };

  function tableKeptOrView(id: string): boolean {
    return state.tables[id] === undefined || tableKept(id);
  }
}

/** The managed-schema test for a diff: explicit list, else the states' own filters, else everything. */
export function managedSchemaTest(
  explicit: readonly string[] | null | undefined,
  current: SchemaState,
  desired: SchemaState,
): (schema: string) => boolean {
  const list = explicit ?? desired.managedSchemas ?? current.managedSchemas;
  if (list === null) return () => true;
  const set = new Set(list);
  return (schema) => set.has(schema);
}
