import { PgFluxError } from "../errors.js";
import { ids } from "../model/ids.js";
import type { Column, Constraint, Index, SchemaState, Sequence, Table } from "../model/state.js";
import type { ObjectRename, Rename } from "./rename.js";

/**
 * The current state as it will be once the hinted renames ran: every renamed object (and what moves
 * with it — a table's columns, constraints, indexes and owned sequences; every object of a renamed
 * schema) gets its desired identity, and every reference to it is rewritten. Diffing this against the
 * desired state shows only the real differences, so a renamed table's foreign keys stay untouched.
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

  // 1. Schemas.
  const schemaName = new Map<string, string>();
  for (const schema of Object.values(state.schemas)) {
    const rename = byFrom.get(schema.id);
    if (rename) schemaName.set(schema.name, target(rename).name);
  }
  const inSchema = (schema: string) => schemaName.get(schema) ?? schema;

  // 2. Tables: a hint on the table wins over its schema's rename.
  const tableIdentity = new Map<string, { schema: string; name: string }>();
  for (const table of Object.values(state.tables)) {
    const rename = byFrom.get(table.id);
    tableIdentity.set(
      table.id,
      rename ? target(rename) : { schema: inSchema(table.schema), name: table.name },
    );
  }
  const tableOf = (tableId: string) => tableIdentity.get(tableId);

  // 3. Columns (renamed by hint), per table.
  const columnName = new Map<string, string>(); // old column id -> new column name
  for (const rename of renames) {
    if (rename.kind === "column") columnName.set(rename.from, target(rename).name);
  }

  const idMap = new Map<string, string>();
  const mapId = (id: string) => idMap.get(id) ?? id;

  const tables: Record<string, Table> = {};
  for (const table of Object.values(state.tables)) {
    const identity = tableOf(table.id) ?? table;
    const id = ids.table(identity.schema, identity.name);
    idMap.set(table.id, id);
    const columns = table.columns.map((column): Column => {
      const name = columnName.get(column.id) ?? column.name;
      const columnId = ids.column(identity.schema, identity.name, name);
      idMap.set(column.id, columnId);
      return { ...column, id: columnId, name };
    });
    tables[table.id] = { ...table, id, schema: identity.schema, name: identity.name, columns };
  }
  const renamedColumn = (tableId: string, column: string): string => {
    const table = state.tables[tableId];
    const old = table?.columns.find((c) => c.name === column);
    return old ? (columnName.get(old.id) ?? column) : column;
  };

  const sequences: Record<string, Sequence> = {};
  for (const sequence of Object.values(state.sequences)) {
    // An owned sequence moves with its table (ALTER TABLE … SET SCHEMA moves it too).
    const ownerTable = sequence.ownedBy ? ownerTableOf(state, sequence.ownedBy) : undefined;
    const movedSchema = ownerTable
      ? (tableOf(ownerTable.id)?.schema ?? sequence.schema)
      : inSchema(sequence.schema);
    const rename = byFrom.get(sequence.id);
    const identity = rename ? target(rename) : { schema: movedSchema, name: sequence.name };
    const id = ids.sequence(identity.schema, identity.name);
    idMap.set(sequence.id, id);
    sequences[sequence.id] = { ...sequence, id, ...identity };
  }

  const indexes: Record<string, Index> = {};
  for (const index of Object.values(state.indexes)) {
    const table = tableOf(index.table);
    const schema = table?.schema ?? inSchema(index.schema);
    const rename = byFrom.get(index.id);
    const identity = rename ? target(rename) : { schema, name: index.name };
    const id = ids.index(identity.schema, identity.name);
    idMap.set(index.id, id);
    indexes[index.id] = {
      ...index,
      id,
      ...identity,
      keys: index.keys.map((key) => ({ ...key, expression: renamedColumn(index.table, key.expression) })),
      include: index.include.map((column) => renamedColumn(index.table, column)),
    };
  }

  const constraints: Record<string, Constraint> = {};
  for (const constraint of Object.values(state.constraints)) {
    const table = tableOf(constraint.table);
    const schema = table?.schema ?? inSchema(constraint.schema);
    const rename = byFrom.get(constraint.id);
    const name = rename ? target(rename).name : constraint.name;
    const id = ids.constraint(schema, table?.name ?? constraint.table, name);
    idMap.set(constraint.id, id);
    constraints[constraint.id] = renameConstraintColumns({ ...constraint, id, schema, name }, renamedColumn);
  }

  // Every other collection only follows schema renames.
  for (const [key, value] of Object.entries(state.schemas)) {
    const name = inSchema(value.name);
    idMap.set(key, ids.schema(name));
  }

  // 4. Rebuild with references mapped.
  const rekey = <T extends { readonly id: string }>(
    record: Readonly<Record<string, T>>,
    fix: (value: T) => T,
  ) => sortedRecord(Object.values(record).map((value) => fix(value)));

  return {
    ...state,
    schemas: rekey(state.schemas, (schema) => ({
      ...schema,
      id: mapId(schema.id),
      name: inSchema(schema.name),
    })),
    extensions: rekey(state.extensions, (extension) => ({
      ...extension,
      schema: inSchema(extension.schema),
    })),
    types: rekey(state.types, (type) => reschema(type, inSchema, ids.type)),
    sequences: rekey(sequences, (sequence) => ({
      ...sequence,
      ownedBy: sequence.ownedBy === null ? null : mapId(sequence.ownedBy),
    })),
    tables: rekey(tables, (table) => ({
      ...table,
      partitionOf: table.partitionOf
        ? { ...table.partitionOf, parent: mapId(table.partitionOf.parent) }
        : null,
      inherits: table.inherits.map(mapId),
      replicaIdentityIndex: table.replicaIdentityIndex === null ? null : mapId(table.replicaIdentityIndex),
    })),
    constraints: rekey(constraints, (constraint) => mapConstraintRefs(constraint, mapId)),
    indexes: rekey(indexes, (index) => ({
      ...index,
      table: mapId(index.table),
      constraint: index.constraint === null ? null : mapId(index.constraint),
      parentIndex: index.parentIndex === null ? null : mapId(index.parentIndex),
    })),
    views: rekey(state.views, (view) => reschema(view, inSchema, ids.view)),
    materializedViews: rekey(state.materializedViews, (view) =>
      reschema(view, inSchema, ids.materializedView),
    ),
    functions: rekey(state.functions, (fn) => ({
      ...fn,
      schema: inSchema(fn.schema),
      id: ids.function(inSchema(fn.schema), fn.name, fn.identityArguments),
    })),
    aggregates: rekey(state.aggregates, (agg) => ({
      ...agg,
      schema: inSchema(agg.schema),
      id: ids.aggregate(inSchema(agg.schema), agg.name, agg.identityArguments),
    })),
    triggers: rekey(state.triggers, (trigger) => {
      const table = tableOf(trigger.table);
      const schema = table?.schema ?? inSchema(trigger.schema);
      return {
        ...trigger,
        schema,
        id: table ? ids.trigger(schema, table.name, trigger.name) : trigger.id,
        table: mapId(trigger.table),
      };
    }),
    eventTriggers: state.eventTriggers,
    policies: rekey(state.policies, (policy) => {
      const table = tableOf(policy.table);
      const schema = table?.schema ?? inSchema(policy.schema);
      return {
        ...policy,
        schema,
        id: table ? ids.policy(schema, table.name, policy.name) : policy.id,
        table: mapId(policy.table),
      };
    }),
    defaultPrivileges: state.defaultPrivileges,
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

function sortedRecord<T extends { readonly id: string }>(values: readonly T[]): Record<string, T> {
  return Object.fromEntries(
    [...values].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((value) => [value.id, value]),
  );
}

function reschema<T extends { readonly id: string; readonly schema: string; readonly name: string }>(
  value: T,
  inSchema: (schema: string) => string,
  makeId: (schema: string, name: string) => string,
): T {
  const schema = inSchema(value.schema);
  return schema === value.schema ? value : { ...value, schema, id: makeId(schema, value.name) };
}

function ownerTableOf(state: SchemaState, columnId: string): Table | undefined {
  return Object.values(state.tables).find((table) => table.columns.some((column) => column.id === columnId));
}

function renameConstraintColumns(
  constraint: Constraint,
  renamed: (tableId: string, column: string) => string,
): Constraint {
  switch (constraint.kind) {
    case "primary_key":
    case "unique":
      return { ...constraint, columns: constraint.columns.map((c) => renamed(constraint.table, c)) };
    case "foreign_key":
      return {
        ...constraint,
        columns: constraint.columns.map((c) => renamed(constraint.table, c)),
        referencedColumns: constraint.referencedColumns.map((c) => renamed(constraint.referencedTable, c)),
      };
    case "not_null":
      return { ...constraint, column: renamed(constraint.table, constraint.column) };
    case "check":
    case "exclude":
      return constraint;
    default: {
      const _exhaustive: never = constraint;
      return _exhaustive;
    }
  }
}

function mapConstraintRefs(constraint: Constraint, mapId: (id: string) => string): Constraint {
  const table = mapId(constraint.table);
  switch (constraint.kind) {
    case "primary_key":
    case "unique":
    case "exclude":
      return { ...constraint, table, index: mapId(constraint.index) };
    case "foreign_key":
      return { ...constraint, table, referencedTable: mapId(constraint.referencedTable) };
    case "check":
    case "not_null":
      return { ...constraint, table };
    default: {
      const _exhaustive: never = constraint;
      return _exhaustive;
    }
  }
}

/** Looks a rename's target up in the desired state: its schema and name. */
function targetResolver(desired: SchemaState): (rename: ObjectRename) => { schema: string; name: string } {
  const columns = new Map<string, { schema: string; name: string }>();
  for (const table of Object.values(desired.tables)) {
    for (const column of table.columns) columns.set(column.id, { schema: table.schema, name: column.name });
  }
  return (rename) => {
    const found = ((): { schema: string; name: string } | undefined => {
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
