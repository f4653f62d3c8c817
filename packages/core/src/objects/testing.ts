/**
 * Builders for hand-made SchemaStates in unit tests: every field gets the value the inspector
 * reports for a plain object, so a test states only what it is about.
 */
import { ids } from "../model/ids.js";
import type {
  Collection,
  Column,
  ColumnType,
  ForeignKeyConstraint,
  Index,
  Function as Routine,
  SchemaState,
  Sequence,
  Table,
  Trigger,
  View,
} from "../model/state.js";
import { collectionsOf, emptyState } from "./kinds.js";

type Collections = Omit<SchemaState, "server" | "managedSchemas" | "dependencies" | "stats">;
type Objects = { readonly [K in keyof Collections]?: readonly Collections[K][string][] };

/** A state holding `objects` (plus schema `public`), on PostgreSQL `major`. */
export function makeState(
  objects: Objects,
  extra: Partial<Pick<SchemaState, "dependencies" | "stats" | "managedSchemas">> & { major?: number } = {},
): SchemaState {
  const major = extra.major ?? 17;
  const base = emptyState({ major, serverVersionNum: major * 10000 }, extra.managedSchemas ?? null);
  const record = <T extends { readonly id: string }>(values: readonly T[] | undefined) =>
    Object.fromEntries([...(values ?? [])].sort((a, b) => (a.id < b.id ? -1 : 1)).map((v) => [v.id, v]));
  return {
    ...base,
    // typed per collection by `Objects`; the generic callback cannot correlate the two, hence the cast
    ...collectionsOf(<C extends Collection>(collection: C) => record(objects[collection]) as SchemaState[C]),
    schemas: record([schema("public"), ...(objects.schemas ?? [])]),
    dependencies: extra.dependencies ?? [],
    stats: extra.stats ?? {},
  };
}

export function schema(name: string) {
  return {
    kind: "schema" as const,
    id: ids.schema(name),
    name,
    owner: "postgres",
    comment: null,
    privileges: [],
  };
}

const TYPES: Readonly<Record<string, Omit<ColumnType, "text">>> = {
  bigint: {
    schema: "pg_catalog",
    name: "int8",
    typmod: -1,
    arrayDimensions: 0,
    category: "N",
    storage: "plain",
  },
  integer: {
    schema: "pg_catalog",
    name: "int4",
    typmod: -1,
    arrayDimensions: 0,
    category: "N",
    storage: "plain",
  },
  text: {
    schema: "pg_catalog",
    name: "text",
    typmod: -1,
    arrayDimensions: 0,
    category: "S",
    storage: "extended",
  },
  jsonb: {
    schema: "pg_catalog",
    name: "jsonb",
    typmod: -1,
    arrayDimensions: 0,
    category: "U",
    storage: "extended",
  },
  numeric: {
    schema: "pg_catalog",
    name: "numeric",
    typmod: -1,
    arrayDimensions: 0,
    category: "N",
    storage: "main",
  },
  "timestamp without time zone": {
    schema: "pg_catalog",
    name: "timestamp",
    typmod: -1,
    arrayDimensions: 0,
    category: "D",
    storage: "plain",
  },
  "timestamp with time zone": {
    schema: "pg_catalog",
    name: "timestamptz",
    typmod: -1,
    arrayDimensions: 0,
    category: "D",
    storage: "plain",
  },
};

/** A column type from its `format_type` text (`bigint`, `character varying(20)`, `numeric(10,2)`). */
export function columnType(text: string): ColumnType {
  const varchar = /^character varying(?:\((\d+)\))?$/.exec(text);
  if (varchar) {
    const typmod = varchar[1] ? Number(varchar[1]) + 4 : -1;
    return {
      text,
      schema: "pg_catalog",
      name: "varchar",
      typmod,
      arrayDimensions: 0,
      category: "S",
      storage: "extended",
    };
  }
  const numeric = /^numeric\((\d+),(\d+)\)$/.exec(text);
  if (numeric) {
    const typmod = ((Number(numeric[1]) << 16) | Number(numeric[2])) + 4;
    return {
      text,
      schema: "pg_catalog",
      name: "numeric",
      typmod,
      arrayDimensions: 0,
      category: "N",
      storage: "main",
    };
  }
  const known = TYPES[text];
  if (!known) throw new Error(`testing.columnType: add ${text}`);
  return { text, ...known };
}

export function column(
  table: { readonly schema: string; readonly name: string },
  name: string,
  type: string,
  extra: Partial<Column> = {},
): Column {
  return {
    id: ids.column(table.schema, table.name, name),
    name,
    position: 1,
    type: columnType(type),
    collation: null,
    notNull: false,
    notNullConstraint: null,
    default: null,
    identity: null,
    generated: null,
    isLocal: true,
    compression: null,
    storage: null,
    statisticsTarget: null,
    options: [],
    comment: null,
    privileges: [],
    ...extra,
  };
}

/** A table; `columns` as `[name, type, extra?]`. */
export function table(
  schemaName: string,
  name: string,
  columns: readonly (readonly [string, string, Partial<Column>?])[],
  extra: Partial<Table> = {},
): Table {
  const ref = { schema: schemaName, name };
  return {
    kind: "table",
    id: ids.table(schemaName, name),
    schema: schemaName,
    name,
    persistence: "permanent",
    columns: columns.map(([col, type, more], i) => column(ref, col, type, { position: i + 1, ...more })),
    partitionBy: null,
    partitionOf: null,
    inherits: [],
    rowSecurity: false,
    forceRowSecurity: false,
    replicaIdentity: "default",
    replicaIdentityIndex: null,
    clusterIndex: null,
    options: [],
    owner: "postgres",
    comment: null,
    privileges: [],
    ...extra,
  };
}

const constraintBase = (schemaName: string, tableName: string, name: string, definition: string) => ({
  id: ids.constraint(schemaName, tableName, name),
  schema: schemaName,
  table: ids.table(schemaName, tableName),
  name,
  definition,
  deferrable: false,
  initiallyDeferred: false,
  validated: true,
  enforced: true,
  isLocal: true,
  noInherit: false,
  comment: null,
});

export function primaryKey(schemaName: string, tableName: string, name: string, columns: readonly string[]) {
  return {
    ...constraintBase(schemaName, tableName, name, `PRIMARY KEY (${columns.join(", ")})`),
    kind: "primary_key" as const,
    columns,
    index: ids.index(schemaName, name),
  };
}

export function unique(schemaName: string, tableName: string, name: string, columns: readonly string[]) {
  return {
    ...constraintBase(schemaName, tableName, name, `UNIQUE (${columns.join(", ")})`),
    kind: "unique" as const,
    columns,
    index: ids.index(schemaName, name),
    nullsNotDistinct: false,
  };
}

export function check(schemaName: string, tableName: string, name: string, expression: string) {
  return {
    ...constraintBase(schemaName, tableName, name, `CHECK ((${expression}))`),
    kind: "check" as const,
    expression,
  };
}

export function foreignKey(
  schemaName: string,
  tableName: string,
  name: string,
  columns: readonly string[],
  referenced: { readonly schema: string; readonly name: string },
  referencedColumns: readonly string[],
): ForeignKeyConstraint {
  return {
    ...constraintBase(
      schemaName,
      tableName,
      name,
      `FOREIGN KEY (${columns.join(", ")}) REFERENCES ${referenced.schema}.${referenced.name}(${referencedColumns.join(", ")})`,
    ),
    kind: "foreign_key",
    columns,
    referencedTable: ids.table(referenced.schema, referenced.name),
    referencedColumns,
    match: "simple",
    onUpdate: "no action",
    onDelete: "no action",
  };
}

/** A btree index on plain columns; `constraint` set for indexes backing a PK/UNIQUE. */
export function index(
  schemaName: string,
  tableName: string,
  name: string,
  columns: readonly string[],
  extra: Partial<Index> = {},
): Index {
  const unique = extra.unique ?? false;
  return {
    kind: "index",
    id: ids.index(schemaName, name),
    schema: schemaName,
    name,
    table: ids.table(schemaName, tableName),
    definition: `CREATE ${unique ? "UNIQUE " : ""}INDEX ${name} ON ${schemaName}.${tableName} USING btree (${columns.join(", ")})`,
    method: "btree",
    unique,
    nullsNotDistinct: false,
    primary: false,
    keys: columns.map((expression) => ({
      expression,
      opclass: null,
      collation: null,
      descending: false,
      nullsFirst: false,
    })),
    include: [],
    predicate: null,
    options: [],
    valid: true,
    constraint: null,
    parentIndex: null,
    columnStatistics: [],
    comment: null,
    ...extra,
  };
}

export function sequence(schemaName: string, name: string, extra: Partial<Sequence> = {}): Sequence {
  return {
    kind: "sequence",
    id: ids.sequence(schemaName, name),
    schema: schemaName,
    name,
    dataType: "bigint",
    start: "1",
    increment: "1",
    min: "1",
    max: "9223372036854775807",
    cache: "1",
    cycle: false,
    persistence: "permanent",
    ownedBy: null,
    owner: "postgres",
    comment: null,
    privileges: [],
    ...extra,
  };
}

/** `a integer, b text` → `integer, text` (a one-word item is an unnamed parameter's type). */
function argumentTypes(identityArguments: string): string {
  return identityArguments
    .split(", ")
    .filter((item) => item !== "")
    .map((item) => (item.includes(" ") ? item.slice(item.indexOf(" ") + 1) : item))
    .join(", ");
}

/**
 * A function `schema.name(arguments)` whose pg_get_functiondef wraps `body`: by default a SQL
 * function of no arguments returning integer, EXECUTE granted to PUBLIC, as the inspector reports a
 * plain `CREATE FUNCTION`. `arguments` defaults to `identityArguments` (no DEFAULTs).
 */
export function routine(
  schemaName: string,
  name: string,
  extra: Partial<Routine> & { readonly body?: string } = {},
): Routine {
  const { body = "SELECT 1", ...fields } = extra;
  const identityArguments = fields.identityArguments ?? "";
  const args = fields.arguments ?? identityArguments;
  const returns = fields.returns === undefined ? "integer" : fields.returns;
  const language = fields.language ?? "sql";
  return {
    kind: "function",
    id: ids.function(schemaName, name, identityArguments),
    schema: schemaName,
    name,
    identityArguments,
    argumentTypes: fields.argumentTypes ?? argumentTypes(identityArguments),
    arguments: args,
    returns,
    language,
    definition: `CREATE OR REPLACE FUNCTION ${schemaName}.${name}(${args})\n RETURNS ${returns}\n LANGUAGE ${language}\nAS $function$${body}$function$\n`,
    calls: [],
    volatility: "volatile",
    strict: false,
    securityDefiner: false,
    leakproof: false,
    parallel: "unsafe",
    config: [],
    cost: 100,
    rows: 0,
    owner: "postgres",
    comment: null,
    privileges: [{ grantee: "PUBLIC", privilege: "EXECUTE", grantable: false }],
    ...fields,
  };
}

/** A view `schema.name` with its columns and `pg_get_viewdef` text, as the inspector reports it. */
export function view(
  schema: string,
  name: string,
  columns: readonly string[],
  definition: string,
  extra: Partial<View> = {},
): View {
  return {
    kind: "view",
    id: ids.view(schema, name),
    schema,
    name,
    definition,
    columns,
    checkOption: null,
    options: [],
    owner: "postgres",
    comment: null,
    columnComments: {},
    privileges: [],
    ...extra,
  };
}

/**
 * A row trigger `name` BEFORE UPDATE on the table or view `on`, calling `fn`, as the inspector
 * reports it (`definition` a stand-in unless `extra` gives one).
 */
export function trigger(
  on: { readonly id: string; readonly schema: string; readonly name: string },
  name: string,
  fn: string,
  extra: Partial<Trigger> = {},
): Trigger {
  return {
    kind: "trigger",
    id: ids.trigger(on.schema, on.name, name),
    schema: on.schema,
    name,
    table: on.id,
    definition: `CREATE TRIGGER ${name} BEFORE UPDATE ON ${on.schema}.${on.name} FOR EACH ROW EXECUTE FUNCTION ${fn}`,
    function: fn,
    timing: "before",
    events: ["update"],
    updateColumns: [],
    forEachRow: true,
    when: null,
    arguments: [],
    enabled: "origin",
    constraintTrigger: false,
    deferrable: false,
    initiallyDeferred: false,
    oldTable: null,
    newTable: null,
    parentTrigger: null,
    comment: null,
    ...extra,
  };
}
