/**
 * SchemaState: the one model both sides of every diff use. The current side is read from a live
 * database by the inspector; the desired side is the user's SQL loaded into a scratch database and
 * read back by the same inspector. Everything is readonly and JSON-serializable.
 *
 * Conventions
 * - Every object has a stable `id` (see ./ids.ts) and keeps its identity fields (`schema`, `name`,
 *   and for sub-objects `table`) separate from data fields. Two objects are equal when their ids are
 *   equal and their data fields are deep-equal.
 * - Names are raw (never pre-quoted). SQL text fields (defaults, expressions, definitions) are the
 *   server's own deparsed text (pg_get_expr, pg_get_viewdef, …), read with an empty search_path so
 *   every reference comes back schema-qualified and both sides compare exactly — in the form the
 *   server reads back unchanged where its deparser is not a fixpoint (an IN list on varchar: the
 *   inspector's read/expression-form.ts), so rendering a text and re-inspecting it gives it back.
 * - Collections are records keyed by id, with keys in sorted order (deterministic JSON).
 * - `stats` holds measurements (reltuples, size): used by the planner, never compared.
 */

/** One privilege granted to one grantee (`PUBLIC` for everyone). The owner's own grants are omitted. */
export interface Privilege {
  readonly grantee: string;
  /** Upper case, as in GRANT: SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER, USAGE, CREATE, EXECUTE, … */
  readonly privilege: string;
  readonly grantable: boolean;
}

export interface Schema {
  readonly kind: "schema";
  readonly id: string;
  readonly name: string;
  readonly owner: string;
  readonly comment: string | null;
  readonly privileges: readonly Privilege[];
}

export interface Extension {
  readonly kind: "extension";
  readonly id: string;
  readonly name: string;
  /** Schema the extension's objects live in. */
  readonly schema: string;
  readonly version: string;
  /**
   * `pg_extension.extrelocatable`: `ALTER EXTENSION … SET SCHEMA` works. A non-relocatable one
   * moves by DROP + CREATE (objects/extension). Absent in a state saved before pg-flux read it.
   */
  readonly relocatable?: boolean;
  readonly comment: string | null;
}

export interface ColumnType {
  /** `format_type(atttypid, atttypmod)`: `character varying(20)`, `integer[]`, `public.status`. */
  readonly text: string;
  /** Schema of the element type (`pg_catalog` for built-ins). */
  readonly schema: string;
  /** Name of the element type (`varchar`, `int4`, `status`). */
  readonly name: string;
  /** atttypmod (-1 when none). */
  readonly typmod: number;
  /** attndims: 0 for scalars. A column declared `int[]` has 1. */
  readonly arrayDimensions: number;
  /** pg_type.typcategory of the element type (`S` string, `N` numeric, `E` enum, `U` user, …). */
  readonly category: string;
  /** pg_type.typstorage of the column's type: its columns' storage unless SET STORAGE changed it. */
  readonly storage: ColumnStorage;
}

/** How a column's values are stored and TOASTed (attstorage / typstorage). */
export type ColumnStorage = "plain" | "external" | "extended" | "main";

export interface SequenceOptions {
  readonly dataType: string;
  readonly start: string;
  readonly increment: string;
  readonly min: string;
  readonly max: string;
  readonly cache: string;
  readonly cycle: boolean;
}

export interface Column {
  readonly id: string;
  readonly name: string;
  /** attnum; positions have gaps after drops, so compare order, not numbers. */
  readonly position: number;
  readonly type: ColumnType;
  /** Collation when it differs from the type's default, qualified (`pg_catalog."C"`), else null. */
  readonly collation: string | null;
  readonly notNull: boolean;
  /** PG 18 names NOT NULL constraints; null before 18 or when the column is nullable. */
  readonly notNullConstraint: string | null;
  readonly default: string | null;
  readonly identity: {
    readonly generation: "always" | "by default";
    readonly sequence: SequenceOptions;
  } | null;
  readonly generated: { readonly expression: string; readonly storage: "stored" | "virtual" } | null;
  /** False for a column that only exists because a parent table (inheritance, partition) has it. */
  readonly isLocal: boolean;
  /** `SET COMPRESSION` (attcompression); null for the server's `default_toast_compression`. */
  readonly compression: "pglz" | "lz4" | null;
  /** `SET STORAGE` (attstorage) when it differs from the type's (`type.storage`); null otherwise. */
  readonly storage: ColumnStorage | null;
  /** `SET STATISTICS n` (attstattarget); null for the default (-1 before PG 17, null since). */
  readonly statisticsTarget: number | null;
  /** `SET (n_distinct = …, n_distinct_inherited = …)` (attoptions), sorted; empty when none. */
  readonly options: readonly string[];
  readonly comment: string | null;
  readonly privileges: readonly Privilege[];
}

export interface PartitionBy {
  readonly strategy: "range" | "list" | "hash";
  /** `pg_get_partkeydef`: `RANGE (occurred_at)`. */
  readonly definition: string;
  /** Key columns or expressions, in order. */
  readonly keys: readonly string[];
}

export interface Table {
  readonly kind: "table";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  readonly persistence: "permanent" | "unlogged";
  readonly columns: readonly Column[];
  /** Set on partitioned parents. */
  readonly partitionBy: PartitionBy | null;
  /** Set on partitions: the parent's table id and the bound (`FOR VALUES FROM (…) TO (…)`, `DEFAULT`). */
  readonly partitionOf: { readonly parent: string; readonly bound: string } | null;
  /** Inheritance parents (table ids, in inhseqno order); partitions do not list their parent here. */
  readonly inherits: readonly string[];
  readonly rowSecurity: boolean;
  readonly forceRowSecurity: boolean;
  readonly replicaIdentity: "default" | "nothing" | "full" | "index";
  /** Index id when `replicaIdentity` is `index`. */
  readonly replicaIdentityIndex: string | null;
  /**
   * The index `CLUSTER … USING` / `ALTER TABLE … CLUSTER ON` marked (indisclustered), as an index id;
   * null when none. The marker only: the rows' physical order is data, not schema.
   */
  readonly clusterIndex: string | null;
  /** reloptions: `["fillfactor=70"]`, sorted. */
  readonly options: readonly string[];
  readonly owner: string;
  readonly comment: string | null;
  readonly privileges: readonly Privilege[];
}

interface ConstraintBase {
  readonly id: string;
  readonly schema: string;
  /** Table id (or domain type id for domain checks, which live on the domain instead). */
  readonly table: string;
  readonly name: string;
  /** `pg_get_constraintdef`: what follows `ADD CONSTRAINT name`. */
  readonly definition: string;
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
  /** False for NOT VALID constraints, and for NOT ENFORCED ones (PostgreSQL never validates those). */
  readonly validated: boolean;
  /**
   * False for a CHECK or FOREIGN KEY declared NOT ENFORCED (PG 18, `conenforced`); true for every
   * other constraint and on every earlier version.
   */
  readonly enforced: boolean;
  /** False when the constraint exists only because a parent (partition/inheritance) has it. */
  readonly isLocal: boolean;
  readonly noInherit: boolean;
  readonly comment: string | null;
}

export interface PrimaryKeyConstraint extends ConstraintBase {
  readonly kind: "primary_key";
  readonly columns: readonly string[];
  /** The index that backs it (index id). */
  readonly index: string;
}

export interface UniqueConstraint extends ConstraintBase {
  readonly kind: "unique";
  readonly columns: readonly string[];
  readonly index: string;
  readonly nullsNotDistinct: boolean;
}

export interface CheckConstraint extends ConstraintBase {
  readonly kind: "check";
  /** The boolean expression, without `CHECK (…)`. */
  readonly expression: string;
}

export type ReferentialAction = "no action" | "restrict" | "cascade" | "set null" | "set default";

export interface ForeignKeyConstraint extends ConstraintBase {
  readonly kind: "foreign_key";
  readonly columns: readonly string[];
  /** Referenced table id. */
  readonly referencedTable: string;
  readonly referencedColumns: readonly string[];
  readonly match: "simple" | "full" | "partial";
  readonly onUpdate: ReferentialAction;
  readonly onDelete: ReferentialAction;
}

export interface ExcludeConstraint extends ConstraintBase {
  readonly kind: "exclude";
  readonly index: string;
}

/** PG 18: NOT NULL constraints are catalogued with names. Earlier versions: never produced. */
export interface NotNullConstraint extends ConstraintBase {
  readonly kind: "not_null";
  readonly column: string;
}

export type Constraint =
  | PrimaryKeyConstraint
  | UniqueConstraint
  | CheckConstraint
  | ForeignKeyConstraint
  | ExcludeConstraint
  | NotNullConstraint;

export interface IndexKey {
  /** Column name or parenthesised expression, as pg_get_indexdef prints the key. */
  readonly expression: string;
  readonly opclass: string | null;
  readonly collation: string | null;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

export interface Index {
  readonly kind: "index";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  /** Table or materialized view id. */
  readonly table: string;
  /** `pg_get_indexdef`: the full CREATE INDEX statement. */
  readonly definition: string;
  readonly method: string;
  readonly unique: boolean;
  readonly nullsNotDistinct: boolean;
  readonly primary: boolean;
  readonly keys: readonly IndexKey[];
  readonly include: readonly string[];
  readonly predicate: string | null;
  readonly options: readonly string[];
  /** False after a failed CREATE INDEX CONCURRENTLY: such an index must be dropped and rebuilt. */
  readonly valid: boolean;
  /** Constraint id when a PRIMARY KEY / UNIQUE / EXCLUDE constraint owns the index. */
  readonly constraint: string | null;
  /** Parent index id when this index exists because its partitioned parent has one. */
  readonly parentIndex: string | null;
  /**
   * `ALTER INDEX … ALTER COLUMN n SET STATISTICS t` (expression keys only), by key number (1-based),
   * only those not at the default; never a reason to rebuild the index.
   */
  readonly columnStatistics: readonly { readonly column: number; readonly target: number }[];
  readonly comment: string | null;
}

export interface View {
  readonly kind: "view";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  /** `pg_get_viewdef(oid, true)`: the SELECT. */
  readonly definition: string;
  readonly columns: readonly string[];
  readonly checkOption: "local" | "cascaded" | null;
  /** reloptions other than check_option: `security_barrier=true`, `security_invoker=true`. */
  readonly options: readonly string[];
  readonly owner: string;
  readonly comment: string | null;
  readonly columnComments: Readonly<Record<string, string>>;
  readonly privileges: readonly Privilege[];
  /**
   * What PostgreSQL lets INSERT and UPDATE write through the view, for codegen: its own rules for
   * automatically updatable views (`pg_relation_is_updatable`, `pg_column_is_updatable`), or an
   * INSTEAD OF trigger or rule (every column then). Follows from the definition, triggers and
   * rules, so the differ never compares it. Absent in a state saved before pg-flux read it.
   */
  readonly writable?: ViewWrites;
}

export interface ViewWrites {
  readonly insert: boolean;
  readonly update: boolean;
  /** The columns INSERT and UPDATE accept, in view order. */
  readonly columns: readonly string[];
}

export interface MaterializedView {
  readonly kind: "materialized_view";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  readonly definition: string;
  readonly columns: readonly string[];
  readonly options: readonly string[];
  readonly populated: boolean;
  readonly owner: string;
  readonly comment: string | null;
  readonly columnComments: Readonly<Record<string, string>>;
  readonly privileges: readonly Privilege[];
}

export interface Function {
  readonly kind: "function" | "procedure";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  /** `pg_get_function_identity_arguments`: what identifies it (`a integer, b text`). */
  readonly identityArguments: string;
  /**
   * `oidvectortypes(proargtypes)`: the input argument types alone (`integer, text`). With `schema`
   * and `name` this is PostgreSQL's own identity of a routine: parameter names are not part of it,
   * so `f(a integer)` and `f(b integer)` cannot exist side by side.
   */
  readonly argumentTypes: string;
  /** `pg_get_function_arguments`: with defaults and modes. */
  readonly arguments: string;
  /** `pg_get_function_result`; null for procedures. */
  readonly returns: string | null;
  readonly language: string;
  /** `pg_get_functiondef`: the complete CREATE OR REPLACE statement. */
  readonly definition: string;
  /**
   * Routines of this state (ids, sorted) that a string body (`sql`, `plpgsql`) calls by name, found
   * by parsing the body (the parser's `routineBodyCalls`): PostgreSQL records no dependency for
   * them (a SQL-standard `BEGIN ATOMIC` body's references are in `dependencies` instead). An
   * unqualified name stands for the routines of that name in the schemas of the routine's own
   * `search_path` setting, or in every schema of the state when it sets none.
   */
  readonly calls: readonly string[];
  readonly volatility: "immutable" | "stable" | "volatile";
  readonly strict: boolean;
  readonly securityDefiner: boolean;
  readonly leakproof: boolean;
  readonly parallel: "safe" | "restricted" | "unsafe";
  /** proconfig: `["search_path=public"]`. */
  readonly config: readonly string[];
  readonly cost: number;
  readonly rows: number;
  readonly owner: string;
  readonly comment: string | null;
  readonly privileges: readonly Privilege[];
}

export interface Aggregate {
  readonly kind: "aggregate";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  readonly identityArguments: string;
  /** A complete `CREATE AGGREGATE` statement rebuilt from pg_aggregate. */
  readonly definition: string;
  readonly owner: string;
  readonly comment: string | null;
  readonly privileges: readonly Privilege[];
}

export interface Trigger {
  readonly kind: "trigger";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  /** Table or view id. */
  readonly table: string;
  /** `pg_get_triggerdef`: the full CREATE TRIGGER statement. */
  readonly definition: string;
  /** Function id of the trigger function. */
  readonly function: string;
  readonly timing: "before" | "after" | "instead of";
  readonly events: readonly ("insert" | "update" | "delete" | "truncate")[];
  readonly updateColumns: readonly string[];
  readonly forEachRow: boolean;
  readonly when: string | null;
  readonly arguments: readonly string[];
  readonly enabled: "origin" | "disabled" | "replica" | "always";
  readonly constraintTrigger: boolean;
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
  readonly oldTable: string | null;
  readonly newTable: string | null;
  /** Parent trigger id when a partition has it because its parent does. */
  readonly parentTrigger: string | null;
  readonly comment: string | null;
}

export interface EventTrigger {
  readonly kind: "event_trigger";
  readonly id: string;
  readonly name: string;
  readonly event: string;
  readonly tags: readonly string[];
  readonly function: string;
  readonly enabled: "origin" | "disabled" | "replica" | "always";
  readonly owner: string;
  readonly comment: string | null;
}

export interface Sequence extends SequenceOptions {
  readonly kind: "sequence";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  readonly persistence: "permanent" | "unlogged";
  /** Column id from `OWNED BY`, or null. Identity sequences are not listed as sequences at all. */
  readonly ownedBy: string | null;
  readonly owner: string;
  readonly comment: string | null;
  readonly privileges: readonly Privilege[];
}

interface TypeBase {
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  readonly owner: string;
  readonly comment: string | null;
  readonly privileges: readonly Privilege[];
}

export interface EnumType extends TypeBase {
  readonly kind: "enum";
  /** In sort order. */
  readonly labels: readonly string[];
}

export interface CompositeType extends TypeBase {
  readonly kind: "composite";
  readonly attributes: readonly {
    readonly name: string;
    readonly type: string;
    readonly collation: string | null;
  }[];
}

export interface DomainType extends TypeBase {
  readonly kind: "domain";
  readonly baseType: string;
  readonly default: string | null;
  readonly notNull: boolean;
  readonly collation: string | null;
  readonly checks: readonly {
    readonly name: string;
    readonly expression: string;
    readonly validated: boolean;
  }[];
}

export interface RangeType extends TypeBase {
  readonly kind: "range";
  readonly subtype: string;
  readonly subtypeOpclass: string | null;
  readonly collation: string | null;
  readonly canonical: string | null;
  readonly subtypeDiff: string | null;
  readonly multirangeName: string | null;
}

export type TypeDefinition = EnumType | CompositeType | DomainType | RangeType;

/** `CREATE COLLATION`. The version (`collversion`) is the server's library's, never compared. */
export interface Collation {
  readonly kind: "collation";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  readonly provider: "libc" | "icu" | "builtin";
  /** ICU / builtin locale (`und-u-ks-level2`); null for libc. */
  readonly locale: string | null;
  /** libc `LC_COLLATE` / `LC_CTYPE`; null for ICU and builtin. */
  readonly lcCollate: string | null;
  readonly lcCtype: string | null;
  readonly deterministic: boolean;
  /** ICU tailoring rules (PostgreSQL 16+), else null. */
  readonly rules: string | null;
  readonly owner: string;
  readonly comment: string | null;
}

/** `CREATE STATISTICS`: extended statistics on columns or expressions of one table. */
export interface Statistics {
  readonly kind: "statistics";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  /** Table id. */
  readonly table: string;
  /**
   * The kinds asked for, in CREATE STATISTICS' order (`ndistinct`, `dependencies`, `mcv`); empty for
   * statistics on a single expression, which take none.
   */
  readonly statisticsKinds: readonly ("ndistinct" | "dependencies" | "mcv")[];
  /** `pg_get_statisticsobjdef_columns`: what follows ON (`a, b`, `lower(email), id`). */
  readonly columns: string;
  /** `ALTER STATISTICS … SET STATISTICS n`; null for the default (-1, or null on PostgreSQL 17+). */
  readonly target: number | null;
  readonly owner: string;
  readonly comment: string | null;
}

export interface Policy {
  readonly kind: "policy";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  readonly table: string;
  readonly command: "all" | "select" | "insert" | "update" | "delete";
  readonly permissive: boolean;
  /** Role names, sorted; `public` stands for PUBLIC. */
  readonly roles: readonly string[];
  readonly using: string | null;
  readonly withCheck: string | null;
  readonly comment: string | null;
}

export interface DefaultPrivilege {
  readonly kind: "default_privilege";
  readonly id: string;
  /** Role whose future objects get these privileges. */
  readonly role: string;
  /** Null: in every schema. */
  readonly schema: string | null;
  readonly objectType: "tables" | "sequences" | "functions" | "types" | "schemas";
  readonly privileges: readonly Privilege[];
}

/** `dependent` cannot exist without `referenced` (from pg_depend / pg_rewrite), both object ids. */
export interface Dependency {
  readonly dependent: string;
  readonly referenced: string;
}

export interface TableStats {
  /** pg_class.reltuples (-1 when never analyzed on 14+). */
  readonly reltuples: number;
  readonly relpages: number;
}

export interface ServerInfo {
  readonly serverVersionNum: number;
  readonly major: number;
  /**
   * TOAST compression methods the server was built with (`default_toast_compression`'s choices:
   * `pglz`, and `lz4` when built with it). Absent in a state saved before pg-flux read it.
   */
  readonly compressionMethods?: readonly string[];
  /**
   * The role that read the state (`current_user`). On the current side that is the role the plan
   * runs as: new objects get its default privileges (objects/privilege/creation-acl.ts). Absent in
   * a state saved before pg-flux read it.
   */
  readonly currentUser?: string;
}

export interface SchemaState {
  readonly server: ServerInfo;
  /** The `schemas` filter the state was read with; null means every non-system schema. */
  readonly managedSchemas: readonly string[] | null;
  readonly schemas: Readonly<Record<string, Schema>>;
  readonly extensions: Readonly<Record<string, Extension>>;
  readonly collations: Readonly<Record<string, Collation>>;
  readonly types: Readonly<Record<string, TypeDefinition>>;
  readonly sequences: Readonly<Record<string, Sequence>>;
  readonly tables: Readonly<Record<string, Table>>;
  readonly constraints: Readonly<Record<string, Constraint>>;
  readonly indexes: Readonly<Record<string, Index>>;
  readonly views: Readonly<Record<string, View>>;
  readonly materializedViews: Readonly<Record<string, MaterializedView>>;
  readonly functions: Readonly<Record<string, Function>>;
  readonly aggregates: Readonly<Record<string, Aggregate>>;
  readonly triggers: Readonly<Record<string, Trigger>>;
  readonly eventTriggers: Readonly<Record<string, EventTrigger>>;
  readonly policies: Readonly<Record<string, Policy>>;
  readonly statistics: Readonly<Record<string, Statistics>>;
  readonly defaultPrivileges: Readonly<Record<string, DefaultPrivilege>>;
  readonly dependencies: readonly Dependency[];
  /** Measurements by table id; never compared. */
  readonly stats: Readonly<Record<string, TableStats>>;
}

/** Every collection of a SchemaState that holds schema objects. */
export const COLLECTIONS = [
  "schemas",
  "extensions",
  "collations",
  "types",
  "sequences",
  "tables",
  "constraints",
  "indexes",
  "views",
  "materializedViews",
  "functions",
  "aggregates",
  "triggers",
  "eventTriggers",
  "policies",
  "statistics",
  "defaultPrivileges",
] as const satisfies readonly (keyof SchemaState)[];

export type Collection = (typeof COLLECTIONS)[number];

export type SchemaObject = SchemaState[Collection][string];

/** The fields of SchemaState that hold no schema objects. */
type NonCollectionField = "server" | "managedSchemas" | "dependencies" | "stats";

/** A field added to SchemaState is a compile error here until it is listed in COLLECTIONS or above. */
const _everyCollectionListed: [Exclude<keyof SchemaState, Collection | NonCollectionField>] extends [never]
  ? true
  : never = true;

/** Every collection of a state, each made by `make`, in COLLECTIONS order. */
export function collectionsOf(
  make: <C extends Collection>(collection: C) => SchemaState[C],
): Pick<SchemaState, Collection> {
  const out: Partial<Record<Collection, unknown>> = {};
  for (const collection of COLLECTIONS) out[collection] = make(collection);
  return out as Pick<SchemaState, Collection>;
}

export function emptyState(server: ServerInfo, managedSchemas: readonly string[] | null = null): SchemaState {
  return {
    server,
    managedSchemas,
    schemas: {},
    extensions: {},
    collations: {},
    types: {},
    sequences: {},
    tables: {},
    constraints: {},
    indexes: {},
    views: {},
    materializedViews: {},
    functions: {},
    aggregates: {},
    triggers: {},
    eventTriggers: {},
    policies: {},
    statistics: {},
    defaultPrivileges: {},
    dependencies: [],
    stats: {},
  };
}

/** Partitions of a partitioned table (the seed's `SchemaState.PartitionChildren`), sorted by id. */
export function partitionChildren(state: SchemaState, parentId: string): readonly Table[] {
  return Object.values(state.tables)
    .filter((table) => table.partitionOf?.parent === parentId)
    .sort((a, b) => a.id.localeCompare(b.id));
}
