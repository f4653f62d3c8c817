import type { Collection, SchemaState } from "../model/state.js";
import type { ManagedScope } from "../objects/kind.js";
import { collectionsOf, KINDS } from "../objects/kinds.js";

/**
 * The state restricted to the managed schemas: what is outside is invisible to the differ, so it is
 * never created, altered or dropped (the seed: "pg-flux pretends its objects don't exist"). Each
 * kind says what keeps it (its spec's `managed` in objects/<kind>/<kind>.kind.ts): constraints,
 * indexes, triggers and policies follow their table; statistics objects and collations their schema.
 */
export function filterState(state: SchemaState, isManaged: (schema: string) => boolean): SchemaState {
  const scope: ManagedScope = {
    isManaged,
    tableKept: (tableId) => {
      const table = state.tables[tableId];
      return table !== undefined && isManaged(table.schema);
    },
    state,
  };
  return { ...state, ...collectionsOf((collection) => kept(state, collection, scope)) };
}

function kept<C extends Collection>(state: SchemaState, collection: C, scope: ManagedScope): SchemaState[C] {
  const spec = KINDS[collection];
  return Object.fromEntries(
    Object.entries(state[collection]).filter(([, object]) => spec.managed(object, scope)),
  ) as SchemaState[C];
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
