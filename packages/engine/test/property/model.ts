/**
 * The property test's own small model of a schema: what the generator builds, edits and renders to
 * SQL text (render.ts). It is not pg-flux's model: it only knows what the generator can produce, and
 * every object carries a `uid` that survives renames, so schema A and its edited copy B can be
 * compared object by object (a rename keeps the uid and records the old name for the hint).
 *
 * References between objects are uids (a view's column names its source column, a foreign key its
 * referenced key), so a rename changes one name and every statement that mentions the object follows.
 */

export type Uid = number;

export const BUILTIN_TYPES = [
  "integer",
  "bigint",
  "smallint",
  "text",
  "boolean",
  "numeric",
  "timestamptz",
  "date",
  "jsonb",
  "uuid",
] as const;
export type BuiltinType = (typeof BUILTIN_TYPES)[number];

/** Extensions the embedded servers ship that the generator installs, moves and drops. */
export const EXTENSION_NAMES = ["citext", "hstore", "pg_trgm", "ltree"] as const;
export type ExtensionName = (typeof EXTENSION_NAMES)[number];

/** Column types an extension brings (the column goes when its extension does). */
export type ExtensionType = "citext" | "hstore";

export type ColumnType =
  | { readonly kind: "builtin"; readonly name: BuiltinType }
  | { readonly kind: "extension"; readonly name: ExtensionType }
  | { readonly kind: "varchar"; readonly length: number }
  | { readonly kind: "decimal"; readonly precision: number; readonly scale: number }
  | { readonly kind: "array"; readonly element: "integer" | "text" }
  | { readonly kind: "user"; readonly type: Uid };

/** What values of a type look like: decides defaults, checks, index expressions and type changes. */
export type Family =
  | "int"
  | "numeric"
  | "text"
  | "bool"
  | "time"
  | "json"
  | "uuid"
  | "array"
  | "enum"
  | "composite"
  | "hstore";

/** Placeholder roles the grants and policies name (created once per server by the test). */
export const ROLES = ["pgflux_prop_reader", 'pgflux prop "Writer"'] as const;
export type Role = (typeof ROLES)[number];

export interface Grant {
  readonly role: Role;
  readonly privileges: readonly string[];
}

/** Every object the generator names: its identity, current name, comment, and the name it had in A. */
export interface Named {
  readonly uid: Uid;
  name: string;
  comment: string | null;
  /** Set in B on an object that existed in A under another name: rendered as a rename hint. */
  renamedFrom: string | null;
  /** The object existed in A (a rename of an object created by B's own edits needs no hint). */
  inA: boolean;
}

export interface Schema extends Named {
  grants: Grant[];
}

export interface EnumValue {
  readonly uid: Uid;
  label: string;
  renamedFrom: string | null;
  inA: boolean;
}

export interface EnumType extends Named {
  readonly kind: "enum";
  schema: Uid;
  values: EnumValue[];
  /** Every label this enum has had (a label is never reused, so a rename hint is never ambiguous). */
  usedLabels: string[];
  grants: Grant[];
}

export interface DomainType extends Named {
  readonly kind: "domain";
  schema: Uid;
  base: ColumnType;
  notNull: boolean;
  /** A named CHECK (VALUE …) constraint. */
  check: { name: string; variant: number } | null;
  default: number | null;
  grants: Grant[];
}

export interface CompositeAttribute {
  readonly uid: Uid;
  name: string;
  type: ColumnType;
}

export interface CompositeType extends Named {
  readonly kind: "composite";
  schema: Uid;
  attributes: CompositeAttribute[];
  grants: Grant[];
}

export type UserType = EnumType | DomainType | CompositeType;

export interface Sequence extends Named {
  schema: Uid;
  dataType: "smallint" | "integer" | "bigint";
  increment: number;
  start: number;
  cache: number;
  cycle: boolean;
  /** OWNED BY this column (of a table in the same schema): dropping the column drops the sequence. */
  ownedBy: Uid | null;
  grants: Grant[];
}

export interface Column {
  readonly uid: Uid;
  name: string;
  type: ColumnType;
  notNull: boolean;
  /** Picks one of the defaults that suit the column's type (render.ts `defaultCandidates`). */
  default: number | null;
  identity: "always" | "by default" | null;
  /** GENERATED ALWAYS AS (expression over `source`, through function `fn` when set) STORED. */
  generated: { source: Uid; fn: Uid | null } | null;
  comment: string | null;
  renamedFrom: string | null;
  inA: boolean;
  /** Column-level grants (`GRANT SELECT (c) ON t`). */
  grants: Grant[];
}

/** A PRIMARY KEY or UNIQUE constraint; `name` null lets PostgreSQL name it. */
export interface Key {
  readonly uid: Uid;
  name: string | null;
  columns: Uid[];
  comment: string | null;
  renamedFrom: string | null;
  inA: boolean;
}

export interface Check {
  readonly uid: Uid;
  name: string;
  column: Uid;
  variant: number;
  /** CHECK (fn(column) >= 0) instead of a plain expression. */
  fn: Uid | null;
  comment: string | null;
  renamedFrom: string | null;
  inA: boolean;
}

export const FK_ACTIONS = ["NO ACTION", "RESTRICT", "CASCADE", "SET NULL"] as const;

export interface ForeignKey {
  readonly uid: Uid;
  name: string;
  columns: Uid[];
  /** The referenced PRIMARY KEY or UNIQUE constraint (of any table, this one included). */
  key: Uid;
  onDelete: (typeof FK_ACTIONS)[number];
  deferrable: boolean;
  comment: string | null;
  renamedFrom: string | null;
  inA: boolean;
}

export type IndexPart =
  | { readonly kind: "column"; readonly column: Uid; readonly descending: boolean }
  | { readonly kind: "expression"; readonly column: Uid }
  /** fn(column): the function must stay IMMUTABLE. */
  | { readonly kind: "function"; readonly column: Uid; fn: Uid };

export interface Index extends Named {
  unique: boolean;
  parts: IndexPart[];
  /** Partial index: WHERE (column IS NOT NULL). */
  where: Uid | null;
  /** INCLUDE (columns). */
  include: Uid[];
  /** Name left to PostgreSQL (`CREATE INDEX ON …`); never renamed. */
  autoName: boolean;
  /** USING gin with pg_trgm's gin_trgm_ops on text columns (column parts only; no UNIQUE, no INCLUDE). */
  trigram: boolean;
}

export const TRIGGER_EVENTS = ["INSERT", "UPDATE", "DELETE"] as const;

export interface Trigger extends Named {
  function: Uid;
  timing: "BEFORE" | "AFTER";
  events: (typeof TRIGGER_EVENTS)[number][];
  /** UPDATE OF these columns (when the events include UPDATE). */
  updateOf: Uid[];
  forEachRow: boolean;
}

export const POLICY_COMMANDS = ["ALL", "SELECT", "INSERT", "UPDATE", "DELETE"] as const;

export interface Policy extends Named {
  command: (typeof POLICY_COMMANDS)[number];
  permissive: boolean;
  /** PUBLIC when empty. */
  roles: Role[];
  /** USING / WITH CHECK (column IS NOT NULL), or (true) when null. */
  column: Uid | null;
  /** … AND fn(column) >= 0. */
  fn: Uid | null;
}

export interface Table extends Named {
  schema: Uid;
  /** Set in B on a table of A moved to another schema: A's schema name, for a qualified hint. */
  movedFrom: string | null;
  columns: Column[];
  primaryKey: Key | null;
  uniques: Key[];
  checks: Check[];
  foreignKeys: ForeignKey[];
  indexes: Index[];
  triggers: Trigger[];
  policies: Policy[];
  rowSecurity: boolean;
  forceRowSecurity: boolean;
  grants: Grant[];
}

export interface ViewColumn {
  readonly uid: Uid;
  /** A column of the source table or view. */
  source: Uid;
  alias: string;
  /** fn(source) instead of the plain column. */
  fn: Uid | null;
}

export interface View extends Named {
  schema: Uid;
  materialized: boolean;
  /** The table or (earlier) view it selects from. */
  from: Uid;
  columns: ViewColumn[];
  /** WHERE (first column IS NOT NULL). */
  filtered: boolean;
  /** Indexes on a materialized view's columns (dropped when it stops being materialized). */
  indexes: ViewIndex[];
  grants: Grant[];
}

export interface ViewIndex extends Named {
  column: Uid;
  unique: boolean;
}

export interface Func extends Named {
  schema: Uid;
  /** scalar: f(x integer) RETURNS integer AS SELECT x + addend; trigger: RETURNS trigger (plpgsql). */
  kind: "scalar" | "trigger";
  /** A scalar function's return type: changing it drops and creates the function and what uses it. */
  returns: "integer" | "bigint";
  addend: number;
  volatility: "IMMUTABLE" | "STABLE" | "VOLATILE";
  strict: boolean;
  /** REVOKE EXECUTE … FROM PUBLIC. */
  revokedFromPublic: boolean;
  grants: Grant[];
}

/** CREATE EXTENSION name SCHEMA schema: at most one of each name (a database-wide object). */
export interface Extension {
  readonly uid: Uid;
  readonly name: ExtensionName;
  schema: Uid;
  comment: string | null;
}

export interface Model {
  nextUid: number;
  /** Every name given so far, in A and B (names.ts `freshName`). */
  usedNames: Set<string>;
  /** The first is `public`: never renamed or dropped, its comment and grants left alone. */
  schemas: Schema[];
  extensions: Extension[];
  types: UserType[];
  sequences: Sequence[];
  functions: Func[];
  tables: Table[];
  /** In creation order: a view selects only from tables and earlier views. */
  views: View[];
}

export const PUBLIC_SCHEMA: Uid = 0;

export function emptyModel(): Model {
  return {
    nextUid: 1,
    usedNames: new Set(["public"]),
    schemas: [
      { uid: PUBLIC_SCHEMA, name: "public", comment: null, renamedFrom: null, inA: true, grants: [] },
    ],
    extensions: [],
    types: [],
    sequences: [],
    functions: [],
    tables: [],
    views: [],
  };
}
