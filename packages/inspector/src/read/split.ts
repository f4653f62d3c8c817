import { COLLECTIONS, type Collection, type Dependency, KINDS, type SchemaState } from "@pg-flux/core";

/**
 * The state of each of `schemas`, out of one state read with all of them as its `schemas` filter:
 * what an inspection with `schemas: [schema]` reads, without reading the catalog once per schema.
 * A fleet of 1,000 tenant schemas in one database is then one catalog read instead of 1,000 that
 * each scan every tenant's rows (pg_depend, pg_class, … are read whole and filtered after).
 *
 * Per collection:
 * - one whose catalog query reads every object whatever the filter (`unfiltered`: casts, event
 *   triggers) is every schema's, as a read of one schema has it;
 * - any other keeps, for a schema, what its kind's `managed` keeps (core `KINDS`, the test the
 *   queries' `$1` filter mirrors). An object with a `schema` field (a schema: its `name`) is only
 *   tried against that schema, the others (a default privilege in every schema) against each: the
 *   split is linear in the objects, not objects × schemas.
 *
 * Dependencies are those whose two ends are both objects (or parts: a table's columns) of the
 * schema's state, as a one-schema read drops edges to what it did not read; stats those of its
 * tables. Order is the input's, so each state is the same value a one-schema read gives.
 */
export function splitBySchema(
  state: SchemaState,
  schemas: readonly string[],
  unfiltered: (collection: Collection) => boolean,
): ReadonlyMap<string, SchemaState> {
  const parts = new Map(schemas.map((schema) => [schema, new SchemaPart()]));
  for (const collection of COLLECTIONS) {
    if (unfiltered(collection)) {
      const all = state[collection];
      const ownIds = Object.values(all).flatMap((object) => idsOf(collection, object));
      for (const part of parts.values()) {
        part.collections[collection] = all;
        part.ids.push(...ownIds);
      }
      continue;
    }
    splitCollection(state, collection, parts);
  }
  const byDependent = new Map<string, number[]>();
  state.dependencies.forEach((edge, position) => {
    const list = byDependent.get(edge.dependent);
    if (list) list.push(position);
    else byDependent.set(edge.dependent, [position]);
  });
  const result = new Map<string, SchemaState>();
  for (const [schema, part] of parts) {
    const ids = new Set(part.ids);
    const positions: number[] = [];
    for (const id of ids) {
      for (const position of byDependent.get(id) ?? []) {
        if (ids.has((state.dependencies[position] as Dependency).referenced)) positions.push(position);
      }
    }
    const tables = part.collections.tables ?? {};
    result.set(schema, {
      ...state,
      ...(part.collections as Pick<SchemaState, Collection>),
      managedSchemas: [schema],
      dependencies: positions
        .sort((a, b) => a - b)
        .map((position) => state.dependencies[position] as Dependency),
      stats: Object.fromEntries(
        Object.keys(tables).flatMap((id) => {
          const stats = state.stats[id];
          return stats ? [[id, stats] as const] : [];
        }),
      ),
    });
  }
  return result;
}

/** One schema's collections as they are split, and the ids of every object (and part) it holds. */
class SchemaPart {
  readonly collections: Partial<Record<Collection, Readonly<Record<string, unknown>>>> = {};
  readonly ids: string[] = [];
}

type Entry = readonly [position: number, id: string, object: SchemaState[Collection][string]];

function splitCollection(
  state: SchemaState,
  collection: Collection,
  parts: ReadonlyMap<string, SchemaPart>,
): void {
  const own = new Map<string, Entry[]>();
  const anySchema: Entry[] = [];
  Object.entries(state[collection]).forEach(([id, object], position) => {
    const home = homeSchema(collection, object);
    if (home === null) anySchema.push([position, id, object]);
    else if (parts.has(home)) {
      const list = own.get(home);
      if (list) list.push([position, id, object]);
      else own.set(home, [[position, id, object]]);
    }
    // else: in a schema outside the split, kept by none of them
  });
  const managed = KINDS[collection].managed as (object: Entry[2], scope: object) => boolean;
  for (const [schema, part] of parts) {
    const scope = {
      isManaged: (name: string) => name === schema,
      tableKept: (tableId: string) => state.tables[tableId]?.schema === schema,
      state,
    };
    const kept: Record<string, unknown> = {};
    for (const [, id, object] of mergeByPosition(own.get(schema) ?? [], anySchema)) {
      if (!managed(object, scope)) continue;
      kept[id] = object;
      part.ids.push(...idsOf(collection, object));
    }
    part.collections[collection] = kept;
  }
}

/** The schema an object lives in when it names one (a schema: itself); null when it may be several. */
function homeSchema(collection: Collection, object: SchemaState[Collection][string]): string | null {
  if (collection === "schemas") return (object as SchemaState["schemas"][string]).name;
  const schema = (object as { readonly schema?: unknown }).schema;
  return typeof schema === "string" ? schema : null;
}

function idsOf(collection: Collection, object: SchemaState[Collection][string]): readonly string[] {
  return (KINDS[collection].ids as (object: SchemaState[Collection][string]) => readonly string[])(object);
}

/** Two lists each in increasing position, as one in increasing position. */
function mergeByPosition(a: readonly Entry[], b: readonly Entry[]): readonly Entry[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const merged: Entry[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && (a[i] as Entry)[0] < (b[j] as Entry)[0]) ? a[i++] : b[j++];
    merged.push(next as Entry);
  }
  return merged;
}
