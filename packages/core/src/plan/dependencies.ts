import { ids, kindOfId } from "../model/ids.js";
import type { Constraint, Dependency, SchemaState } from "../model/state.js";
import type { DefinitionObject } from "../objects/definition/definition.js";
import { DEFINITION_COLLECTIONS, definitionSpec } from "../objects/definition/definition.spec.js";
import {
  type SqlToken,
  splitQualifiedName,
  splitTopLevel,
  sqlTokens,
  unquoteIdentifier,
} from "../sql/scan.js";

type KeyConstraint = Extract<Constraint, { kind: "primary_key" | "unique" }>;

/**
 * Catalog dependencies of a state: the inspector's `dependencies` (pg_depend, pg_rewrite) plus the
 * structural ones the model implies, so ordering does not hinge on what pg_depend happens to list:
 * every object on its schema, sub-objects on their table, foreign keys on the referenced table and
 * on the unique constraint they use, partitions on their parent, owned sequences on their column,
 * column types on user types, column defaults on the sequences they call. A column's default is
 * also a node of its own (`ids.columnDefault`) carrying what the default refers to, so changing a
 * default is ordered by the routines and sequences it calls without altering the column.
 *
 * Linear in the size of the state: every lookup goes through a map built once (column ids by table
 * and name, key constraints by table), so a 20k-table state costs no more per object than a small one.
 */
export function dependenciesOf(state: SchemaState): readonly Dependency[] {
  const ownership = new Set(
    Object.values(state.sequences).flatMap((s) => (s.ownedBy ? [`${s.id}>${s.ownedBy}`] : [])),
  );
  const out: Dependency[] = state.dependencies.filter(
    (d) => !ownership.has(`${d.dependent}>${d.referenced}`),
  );
  const add = (dependent: string, referenced: string) => {
    if (dependent !== referenced) out.push({ dependent, referenced });
  };
  const onSchema = (id: string, schema: string) => add(id, ids.schema(schema));

  for (const extension of Object.values(state.extensions)) onSchema(extension.id, extension.schema);
  for (const collation of Object.values(state.collations)) onSchema(collation.id, collation.schema);
  for (const type of Object.values(state.types)) onSchema(type.id, type.schema);
  for (const sequence of Object.values(state.sequences)) onSchema(sequence.id, sequence.schema);
  /** Sequence ids by schema and name (`\0` between: no name holds it). */
  const sequenceByName = new Map<string, string>();
  for (const sequence of Object.values(state.sequences)) {
    sequenceByName.set(`${sequence.schema}\0${sequence.name}`, sequence.id);
  }

  /** Column id by table id, then column name; the first column of a name wins. */
  const columnIds = new Map<string, Map<string, string>>();
  for (const [tableId, table] of Object.entries(state.tables)) {
    const byName = new Map<string, string>();
    for (const column of table.columns) if (!byName.has(column.name)) byName.set(column.name, column.id);
    columnIds.set(tableId, byName);
  }

  /** What each column refers to in the catalog (its default's routines, sequences and types). */
  const catalogOf = new Map<string, string[]>();
  for (const { dependent, referenced } of state.dependencies) {
    if (kindOfId(dependent) !== "column") continue;
    const list = catalogOf.get(dependent);
    if (list) list.push(referenced);
    else catalogOf.set(dependent, [referenced]);
  }

  for (const table of Object.values(state.tables)) {
    onSchema(table.id, table.schema);
    if (table.partitionOf) add(table.id, table.partitionOf.parent);
    for (const parent of table.inherits) add(table.id, parent);
    for (const column of table.columns) {
      add(column.id, table.id);
      const typeId = ids.type(column.type.schema, column.type.name);
      if (state.types[typeId]) add(column.id, typeId);
      if (column.default === null) continue;
      // The default on its own: SET/DROP DEFAULT follow what it calls, not the column's type.
      const defaultId = ids.columnDefault(column.id);
      add(defaultId, column.id);
      for (const referenced of catalogOf.get(column.id) ?? []) add(defaultId, referenced);
      if (!column.default.includes("nextval(")) continue;
      for (const [schema, name] of nextvalSequences(column.default)) {
        const sequence = sequenceByName.get(`${schema}\0${name}`);
        if (sequence) {
          add(column.id, sequence);
          add(defaultId, sequence);
        }
      }
    }
  }
  // OWNED BY is not an ordering dependency: a serial's table needs its sequence first, and the
  // ownership is set by its own step afterwards (set_sequence_owned_by requires the column).

  const onColumns = (id: string, tableId: string, names: readonly string[]) => {
    const byName = columnIds.get(tableId);
    if (!byName) return;
    for (const name of names) {
      const column = byName.get(name);
      if (column) add(id, column);
    }
  };
  const constraints = Object.values(state.constraints);
  /** PRIMARY KEY and UNIQUE constraints by table id, in state order (the first match wins). */
  const keysByTable = new Map<string, KeyConstraint[]>();
  for (const constraint of constraints) {
    if (constraint.kind !== "primary_key" && constraint.kind !== "unique") continue;
    const list = keysByTable.get(constraint.table);
    if (list) list.push(constraint);
    else keysByTable.set(constraint.table, [constraint]);
  }
  for (const constraint of constraints) {
    add(constraint.id, constraint.table);
    if ("columns" in constraint) onColumns(constraint.id, constraint.table, constraint.columns);
    if (constraint.kind === "foreign_key") {
      onColumns(constraint.id, constraint.referencedTable, constraint.referencedColumns);
      add(constraint.id, constraint.referencedTable);
      const target = keysByTable
        .get(constraint.referencedTable)
        ?.find((key) => sameSet(key.columns, constraint.referencedColumns));
      if (target) add(constraint.id, target.id);
    }
  }
  for (const index of Object.values(state.indexes)) {
    add(index.id, index.table);
    onColumns(index.id, index.table, [...index.keys.map((key) => key.expression), ...index.include]);
    if (index.constraint) add(index.constraint, index.id);
  }
  for (const view of Object.values(state.views)) onSchema(view.id, view.schema);
  for (const view of Object.values(state.materializedViews)) onSchema(view.id, view.schema);
  for (const fn of Object.values(state.functions)) onSchema(fn.id, fn.schema);
  for (const agg of Object.values(state.aggregates)) onSchema(agg.id, agg.schema);
  for (const trigger of Object.values(state.triggers)) {
    add(trigger.id, trigger.table);
    add(trigger.id, trigger.function);
  }
  for (const policy of Object.values(state.policies)) add(policy.id, policy.table);
  for (const statistics of Object.values(state.statistics)) {
    onSchema(statistics.id, statistics.schema);
    add(statistics.id, statistics.table);
    // plain column lists (`a, b`); expressions are ordered by the catalog's own edges
    onColumns(statistics.id, statistics.table, splitTopLevel(statistics.columns).map(unquoteIdentifier));
  }
  for (const trigger of Object.values(state.eventTriggers)) add(trigger.id, trigger.function);
  // the definition kinds (objects/definition): on what their CREATE names
  for (const collection of DEFINITION_COLLECTIONS) {
    const { requires } = definitionSpec(collection);
    for (const object of Object.values(state[collection]) as DefinitionObject[])
      for (const id of requires(object)) add(object.id, id);
  }
  return out;
}

/** Same members, as the catalog compares key columns (`a.length` is small: the columns of one key). */
function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value) => b.includes(value));
}

/**
 * The sequences a deparsed default calls `nextval('…'::regclass)` on, as schema and name (an
 * unqualified name is in `public`, the only schema the inspector's regclass text leaves out).
 */
function nextvalSequences(expression: string): (readonly [string, string])[] {
  const tokens: SqlToken[] = [];
  for (const token of sqlTokens(expression)) if (token.kind !== "space") tokens.push(token);
  const text = (token: SqlToken | undefined) => (token ? expression.slice(token.start, token.end) : "");
  const found: (readonly [string, string])[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (text(tokens[i]).toLowerCase() !== "nextval") continue;
    const call = tokens.slice(i, i + 7);
    if (text(call[1]) !== "(" || call[2]?.kind !== "string") continue;
    if (call.slice(3).map(text).join("") !== "::regclass)") continue;
    const parts = splitQualifiedName(text(call[2]).slice(1, -1).replaceAll("''", "'"));
    if (parts?.length === 1) found.push(["public", parts[0] as string]);
    else if (parts?.length === 2) found.push([parts[0] as string, parts[1] as string]);
  }
  return found;
}
