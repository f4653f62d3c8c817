import { PgFluxError } from "../errors.js";
import { ids } from "../model/ids.js";
import type {
  Aggregate,
  Column,
  Constraint,
  Index,
  Function as Routine,
  SchemaState,
  Sequence,
  Table,
  TypeDefinition,
} from "../model/state.js";
import type { ObjectRename, Rename } from "./rename.js";
import { type TypeNameChange, type TypeReferenceRewriter, typeReferenceRewriter } from "./type-references.js";

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

  // 4. Types: a hint on the type wins over its schema's rename; every use follows by name.
  const typeNames: TypeNameChange[] = [];
  const types: Record<string, TypeDefinition> = {};
  for (const type of Object.values(state.types)) {
    const rename = byFrom.get(type.id);
    const identity = rename ? target(rename) : { schema: inSchema(type.schema), name: type.name };
    const id = ids.type(identity.schema, identity.name);
    idMap.set(type.id, id);
    typeNames.push({ from: { schema: type.schema, name: type.name }, to: identity });
    let moved: TypeDefinition = { ...type, id, ...identity };
    if (moved.kind === "range" && type.kind === "range" && type.multirangeName !== null) {
      // ALTER TYPE … RENAME / SET SCHEMA leave the multirange behind; rename_type takes it along.
      const desiredRange = rename ? desired.types[rename.to] : undefined;
      const multirangeName =
        desiredRange?.kind === "range" && desiredRange.multirangeName !== null
          ? desiredRange.multirangeName
          : type.multirangeName;
      moved = { ...moved, multirangeName };
      typeNames.push({
        from: { schema: type.schema, name: type.multirangeName },
        to: { schema: identity.schema, name: multirangeName },
      });
    }
    if (moved.kind === "domain" && rename) {
      moved = { ...moved, checks: renamedDomainChecks(type.name, moved, desired.types[rename.to]) };
    }
    types[type.id] = moved;
  }
  const typeRefs = typeReferenceRewriter(typeNames);
  const typeByName = new Map(
    typeNames.map((change) => [`${change.from.schema}\0${change.from.name}`, change.to]),
  );
  const typeOf = (schema: string, name: string) => typeByName.get(`${schema}\0${name}`);

  const tables: Record<string, Table> = {};
  for (const table of Object.values(state.tables)) {
    const identity = tableOf(table.id) ?? table;
    const id = ids.table(identity.schema, identity.name);
    idMap.set(table.id, id);
    const columns = table.columns.map((column): Column => {
      const name = columnName.get(column.id) ?? column.name;
      const columnId = ids.column(identity.schema, identity.name, name);
      idMap.set(column.id, columnId);
      return { ...renameColumnTypes(column, typeRefs, typeOf), id: columnId, name };
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
      definition: typeRefs.casts(index.definition),
      keys: index.keys.map((key) => ({
        ...key,
        expression: typeRefs.casts(renamedColumn(index.table, key.expression)),
      })),
      include: index.include.map((column) => renamedColumn(index.table, column)),
      predicate: index.predicate === null ? null : typeRefs.casts(index.predicate),
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
    constraints[constraint.id] = renameConstraintTypes(
      renameConstraintColumns({ ...constraint, id, schema, name }, renamedColumn),
      typeRefs,
    );
  }

  // Routines are identified by their argument types: a renamed type renames them too.
  const functions: Record<string, Routine> = {};
  for (const fn of Object.values(state.functions)) {
    const schema = inSchema(fn.schema);
    const identityArguments = typeRefs.names(fn.identityArguments);
    const id = ids.function(schema, fn.name, identityArguments);
    idMap.set(fn.id, id);
    functions[fn.id] = {
      ...fn,
      id,
      schema,
      identityArguments,
      argumentTypes: typeRefs.names(fn.argumentTypes),
      arguments: typeRefs.names(fn.arguments),
      returns: fn.returns === null ? null : typeRefs.names(fn.returns),
      definition: typeRefs.functionDefinition(fn.definition),
    };
  }
  const aggregates: Record<string, Aggregate> = {};
  for (const agg of Object.values(state.aggregates)) {
    const schema = inSchema(agg.schema);
    const identityArguments = typeRefs.names(agg.identityArguments);
    const id = ids.aggregate(schema, agg.name, identityArguments);
    idMap.set(agg.id, id);
    aggregates[agg.id] = {
      ...agg,
      id,
      schema,
      identityArguments,
      definition: typeRefs.names(agg.definition),
    };
  }

  // Every other collection only follows schema renames.
  for (const [key, value] of Object.entries(state.schemas)) {
    const name = inSchema(value.name);
    idMap.set(key, ids.schema(name));
  }
  for (const collation of Object.values(state.collations)) {
    idMap.set(collation.id, ids.collation(inSchema(collation.schema), collation.name));
  }
  for (const statistics of Object.values(state.statistics)) {
    idMap.set(statistics.id, ids.statistics(inSchema(statistics.schema), statistics.name));
  }

  // 5. Rebuild with references mapped.
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
    collations: rekey(state.collations, (collation) => reschema(collation, inSchema, ids.collation)),
    types: rekey(types, (type) => renameTypeTypes(type, typeRefs)),
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
      clusterIndex: table.clusterIndex === null ? null : mapId(table.clusterIndex),
    })),
    constraints: rekey(constraints, (constraint) => mapConstraintRefs(constraint, mapId)),
    indexes: rekey(indexes, (index) => ({
      ...index,
      table: mapId(index.table),
      constraint: index.constraint === null ? null : mapId(index.constraint),
      parentIndex: index.parentIndex === null ? null : mapId(index.parentIndex),
    })),
    views: rekey(state.views, (view) => ({
      ...reschema(view, inSchema, ids.view),
      definition: typeRefs.casts(view.definition),
    })),
    materializedViews: rekey(state.materializedViews, (view) => ({
      ...reschema(view, inSchema, ids.materializedView),
      definition: typeRefs.casts(view.definition),
    })),
    functions: rekey(functions, (fn) => ({ ...fn, calls: fn.calls.map(mapId).sort() })),
    aggregates: rekey(aggregates, (agg) => agg),
    triggers: rekey(state.triggers, (trigger) => {
      const table = tableOf(trigger.table);
      const schema = table?.schema ?? inSchema(trigger.schema);
      return {
        ...trigger,
        schema,
        id: table ? ids.trigger(schema, table.name, trigger.name) : trigger.id,
        table: mapId(trigger.table),
        function: mapId(trigger.function),
        definition: typeRefs.casts(trigger.definition),
        when: trigger.when === null ? null : typeRefs.casts(trigger.when),
      };
    }),
    eventTriggers: rekey(state.eventTriggers, (trigger) => ({
      ...trigger,
      function: mapId(trigger.function),
    })),
    policies: rekey(state.policies, (policy) => {
      const table = tableOf(policy.table);
      const schema = table?.schema ?? inSchema(policy.schema);
      return {
        ...policy,
        schema,
        id: table ? ids.policy(schema, table.name, policy.name) : policy.id,
        table: mapId(policy.table),
        using: policy.using === null ? null : typeRefs.casts(policy.using),
        withCheck: policy.withCheck === null ? null : typeRefs.casts(policy.withCheck),
      };
    }),
    statistics: rekey(state.statistics, (statistics) => ({
      ...reschema(statistics, inSchema, ids.statistics),
      table: mapId(statistics.table),
      columns: typeRefs.casts(statistics.columns),
    })),
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

/** A column's type (`public.status[]`), its default and generation expression, after type renames. */
function renameColumnTypes(
  column: Column,
  refs: TypeReferenceRewriter,
  typeOf: (schema: string, name: string) => { schema: string; name: string } | undefined,
): Column {
  if (refs.empty) return column;
  const renamed = typeOf(column.type.schema, column.type.name);
  return {
    ...column,
    type: renamed ? { ...column.type, ...renamed, text: refs.typeText(column.type.text) } : column.type,
    default: column.default === null ? null : refs.casts(column.default),
    generated: column.generated
      ? { ...column.generated, expression: refs.casts(column.generated.expression) }
      : null,
  };
}

/** The types a type's definition names: a domain's base type, attributes, a range's subtype. */
function renameTypeTypes(type: TypeDefinition, refs: TypeReferenceRewriter): TypeDefinition {
  if (refs.empty) return type;
  switch (type.kind) {
    case "enum":
      return type;
    case "composite":
      return {
        ...type,
        attributes: type.attributes.map((attribute) => ({
          ...attribute,
          type: refs.typeText(attribute.type),
        })),
      };
    case "domain":
      return {
        ...type,
        baseType: refs.typeText(type.baseType),
        default: type.default === null ? null : refs.casts(type.default),
        checks: type.checks.map((check) => ({ ...check, expression: refs.casts(check.expression) })),
      };
    case "range":
      return { ...type, subtype: refs.typeText(type.subtype) };
    default: {
      const _exhaustive: never = type;
      return _exhaustive;
    }
  }
}

/**
 * A renamed domain's checks named after it (`old_check`, PostgreSQL's default name) take the new
 * name when the desired domain has that name and not the old one: rename_type renames them.
 */
function renamedDomainChecks(
  oldName: string,
  domain: Extract<TypeDefinition, { kind: "domain" }>,
  desired: TypeDefinition | undefined,
): Extract<TypeDefinition, { kind: "domain" }>["checks"] {
  if (desired?.kind !== "domain" || oldName === domain.name) return domain.checks;
  const desiredNames = new Set(desired.checks.map((check) => check.name));
  const taken = new Set(domain.checks.map((check) => check.name));
  return domain.checks.map((check) => {
    if (!check.name.startsWith(`${oldName}_`) || desiredNames.has(check.name)) return check;
    const name = `${domain.name}${check.name.slice(oldName.length)}`;
    if (!desiredNames.has(name) || taken.has(name)) return check;
    return { ...check, name };
  });
}

function renameConstraintTypes(constraint: Constraint, refs: TypeReferenceRewriter): Constraint {
  if (refs.empty) return constraint;
  const definition = refs.casts(constraint.definition);
  return constraint.kind === "check"
    ? { ...constraint, definition, expression: refs.casts(constraint.expression) }
    : { ...constraint, definition };
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
        case "type":
          return desired.types[rename.to];
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
