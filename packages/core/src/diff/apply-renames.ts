import { PgFluxError } from "../errors.js";
import type { Collection, SchemaState } from "../model/state.js";
import type { ObjectOf, RenameScope } from "../objects/kind.js";
import { collectionsOf, KINDS } from "../objects/kinds.js";
import { typeNameChanges } from "../objects/type/type.kind.js";
import { type ObjectNameChange, objectReferenceRewriter } from "./object-references.js";
import { DEFINITION_RENAMES, isDefinitionRename, type ObjectRename, type Rename } from "./rename.js";
import { typeReferenceRewriter } from "./type-references.js";

/**
 * The current state as it will be once the hinted renames ran: every renamed object (and what moves
 * with it — a table's columns, constraints, indexes and owned sequences; every object of a renamed
 * schema) gets its desired identity, and every reference to it is rewritten. Diffing this against the
 * desired state shows only the real differences, so a renamed table's foreign keys stay untouched.
 *
 * A renamed type (a hint, or its schema's rename) is followed by name wherever the server prints it
 * after the rename: column types, domain base types, composite attributes, range subtypes, routine
 * signatures (and so their ids), and casts in defaults, checks, index, view and trigger texts (see
 * type-references.ts). Function bodies kept as strings are not rewritten: the server does not
 * rewrite them either, so a body naming the old type shows as a change, as it is.
 *
 * Returns a new state; the input is not modified.
 */
export function applyRenames(
  state: SchemaState,
  desired: SchemaState,
  allRenames: readonly Rename[],
): SchemaState {
  // Enum value renames change no id: the enum differ reads them from the context.
  const renames = allRenames.filter((r): r is ObjectRename => r.kind !== "enum_value");
  if (renames.length === 0) return state;
  const target = targetResolver(desired);
  const byFrom = new Map<string, ObjectRename>();
  for (const rename of renames) {
    if (byFrom.has(rename.from)) {
      throw new PgFluxError(`two renames start from ${rename.from}`, {
        code: "invalid_input",
        objectId: rename.from,
      });
    }
    byFrom.set(rename.from, rename);
  }
  const hinted = (id: string) => {
    const rename = byFrom.get(id);
    return rename ? target(rename) : undefined;
  };
  const hintedTo = (id: string) => byFrom.get(id)?.to;

  // 1. What every kind follows: schemas, tables (a hint on the table wins over its schema's
  //    rename), columns and types.
  const schemaName = new Map<string, string>();
  for (const schema of Object.values(state.schemas)) {
    const to = hinted(schema.id);
    if (to) schemaName.set(schema.name, to.name);
  }
  const inSchema = (schema: string) => schemaName.get(schema) ?? schema;
  const tableIdentity = new Map<string, { schema: string; name: string }>();
  for (const table of Object.values(state.tables)) {
    tableIdentity.set(table.id, hinted(table.id) ?? { schema: inSchema(table.schema), name: table.name });
  }
  const columnName = new Map<string, string>(); // old column id -> new column name
  for (const rename of renames) {
    if (rename.kind === "column") columnName.set(rename.from, target(rename).name);
  }
  const typeScope = { desired, inSchema, hinted, hintedTo };
  const typeNames = Object.values(state.types).flatMap((type) => typeNameChanges(type, typeScope));
  const typeByName = new Map(
    typeNames.map((change) => [`${change.from.schema}\0${change.from.name}`, change.to]),
  );
  const typeRefs = typeReferenceRewriter(typeNames);
  const objectChanges = objectNameChanges(state, renames, target);
  const objectRefs = objectReferenceRewriter(objectChanges);
  const scope: RenameScope = {
    ...typeScope,
    state,
    tableOf: (tableId) => tableIdentity.get(tableId),
    columnName: (columnId) => columnName.get(columnId),
    renamedColumn: (tableId, column) => {
      const old = state.tables[tableId]?.columns.find((c) => c.name === column);
      return old ? (columnName.get(old.id) ?? column) : column;
    },
    // deparsed texts follow renamed types and renamed objects they use (views, sequences, routines)
    typeRefs: {
      ...typeRefs,
      // not empty while an object other texts name is renamed (a sequence, a text search configuration)
      empty: typeRefs.empty && objectChanges.length === 0,
      casts: (text) => objectRefs(typeRefs.casts(text)),
    },
    typeOf: (schema, name) => typeByName.get(`${schema}\0${name}`),
  };

  // 2. Every object takes its new identity (its kind's spec says how); the ids it held map to the
  //    ids it holds now.
  const idMap = new Map<string, string>();
  const moved = collectionsOf((collection) => movedCollection(state, collection, scope, idMap));
  const mapId = (id: string) => idMap.get(id) ?? id;

  // 3. References between objects follow the new ids.
  return {
    ...state,
    ...collectionsOf((collection) => referencesMapped(moved, collection, mapId)),
    dependencies: state.dependencies.map((dependency) => ({
      dependent: mapId(dependency.dependent),
      referenced: mapId(dependency.referenced),
    })),
    stats: Object.fromEntries(
      Object.entries(state.stats)
        .map(([id, stats]) => [mapId(id), stats] as const)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    ),
  };
}

/** A collection's objects with their new identities (keyed by their old ids), recording id changes. */
function movedCollection<C extends Collection>(
  state: SchemaState,
  collection: C,
  scope: RenameScope,
  idMap: Map<string, string>,
): SchemaState[C] {
  const spec = KINDS[collection];
  const out: Record<string, ObjectOf<C>> = {};
  for (const [key, object] of Object.entries(state[collection]) as [string, ObjectOf<C>][]) {
    const next = spec.rename.identity(object, scope);
    const before = spec.ids(object);
    const after = spec.ids(next);
    before.forEach((id, i) => {
      const to = after[i];
      if (to !== undefined && to !== id) idMap.set(id, to);
    });
    out[key] = next;
  }
  return out as SchemaState[C];
}

/** A collection with its references mapped, keyed (and sorted) by the new ids. */
function referencesMapped<C extends Collection>(
  moved: Pick<SchemaState, Collection>,
  collection: C,
  mapId: (id: string) => string,
): SchemaState[C] {
  const spec = KINDS[collection];
  const values = (Object.values(moved[collection]) as ObjectOf<C>[]).map((object) =>
    spec.rename.references(object, mapId),
  );
  return Object.fromEntries(
    values.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((value) => [value.id, value]),
  ) as SchemaState[C];
}

/** The hinted renames of objects other objects' deparsed texts name: relations and routines. */
function objectNameChanges(
  state: SchemaState,
  renames: readonly ObjectRename[],
  target: (rename: ObjectRename) => { schema: string; name: string },
): readonly ObjectNameChange[] {
  return renames.flatMap((rename): ObjectNameChange[] => {
    const from = ((): { schema: string; name: string } | undefined => {
      switch (rename.kind) {
        case "view":
          return state.views[rename.from];
        case "materialized_view":
          return state.materializedViews[rename.from];
        case "sequence":
          return state.sequences[rename.from];
        case "function":
          return state.functions[rename.from];
        case "aggregate":
          return state.aggregates[rename.from];
        case "foreign_table":
          return state.foreignTables[rename.from];
        case "operator_class":
          // an index prints a class it uses by name: `(title public.abs_ops)`
          return state.operatorClasses[rename.from];
        case "text_search_configuration":
        case "text_search_dictionary": {
          // named as a constant: `to_tsvector('public.english_simple'::regconfig, body)`
          const object =
            rename.kind === "text_search_configuration"
              ? state.textSearchConfigurations[rename.from]
              : state.textSearchDictionaries[rename.from];
          return object;
        }
        default:
          return undefined;
      }
    })();
    if (!from) return [];
    const call = rename.kind === "function" || rename.kind === "aggregate";
    const literal =
      rename.kind === "text_search_configuration"
        ? "regconfig"
        : rename.kind === "text_search_dictionary"
          ? "regdictionary"
          : null;
    return [{ from: { schema: from.schema, name: from.name }, to: target(rename), call, literal }];
  });
}

/** Looks a rename's target up in the desired state: its schema and name. */
function targetResolver(desired: SchemaState): (rename: ObjectRename) => { schema: string; name: string } {
  const columns = new Map<string, { schema: string; name: string }>();
  for (const table of Object.values(desired.tables)) {
    for (const column of table.columns) columns.set(column.id, { schema: table.schema, name: column.name });
  }
  return (rename) => {
    const found = ((): { schema: string; name: string } | undefined => {
      if (isDefinitionRename(rename.kind)) {
        // a database-wide kind (a publication, a server) has no schema: "" never matches one
        const object = desired[DEFINITION_RENAMES[rename.kind]][rename.to] as
          | { readonly schema?: string; readonly name: string }
          | undefined;
        return object ? { schema: object.schema ?? "", name: object.name } : undefined;
      }
      switch (rename.kind) {
        case "schema": {
          const schema = desired.schemas[rename.to];
          return schema ? { schema: schema.name, name: schema.name } : undefined;
        }
        case "table":
          return desired.tables[rename.to];
        case "column":
          return columns.get(rename.to);
        case "constraint":
          return desired.constraints[rename.to];
        case "index":
          return desired.indexes[rename.to];
        case "sequence":
          return desired.sequences[rename.to];
        case "type":
          return desired.types[rename.to];
        case "view":
          return desired.views[rename.to];
        case "materialized_view":
          return desired.materializedViews[rename.to];
        case "function":
          return desired.functions[rename.to];
        case "aggregate":
          return desired.aggregates[rename.to];
        case "policy":
          return desired.policies[rename.to];
        case "trigger":
          return desired.triggers[rename.to];
        case "statistics":
          return desired.statistics[rename.to];
        case "event_trigger": {
          const trigger = desired.eventTriggers[rename.to];
          return trigger ? { schema: "", name: trigger.name } : undefined;
        }
        default: {
          const _exhaustive: never = rename.kind;
          return _exhaustive;
        }
      }
    })();
    if (!found) {
      throw new PgFluxError(`rename target ${rename.to} (from ${rename.from}) is not in the desired schema`, {
        code: "invalid_input",
        objectId: rename.to,
        hint: "point the @renamed hint at an object the desired schema defines",
      });
    }
    return { schema: found.schema, name: found.name };
  };
}
