/**
 * SchemaState: the one model both sides of every diff use. The current side is read from a live
 * database by the inspector; the desired side is the user's SQL loaded into a scratch database and
 * read back by the same inspector. Everything is readonly and JSON-serializable.
 *
 * Each kind's object types live beside its differ, in objects/<kind>/<kind>.model.ts; this module
 * assembles them into the state and re-exports them, so `@pg-flux/core` exports every model type.
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

import type { Aggregate } from "../objects/aggregate/aggregate.model.js";
import type { Collation } from "../objects/collation/collation.model.js";
import type { Constraint } from "../objects/constraint/constraint.model.js";
import type { DefaultPrivilege } from "../objects/default-privilege/default-privilege.model.js";
import type { EventTrigger } from "../objects/event-trigger/event-trigger.model.js";
import type { Extension } from "../objects/extension/extension.model.js";
import type { Function as Routine } from "../objects/function/function.model.js";
import type { Index } from "../objects/index/index.model.js";
import type { MaterializedView } from "../objects/materialized-view/materialized-view.model.js";
import type { Policy } from "../objects/policy/policy.model.js";
import type { Schema } from "../objects/schema/schema.model.js";
import type { Sequence } from "../objects/sequence/sequence.model.js";
import type { Statistics } from "../objects/statistics/statistics.model.js";
import type { Table } from "../objects/table/table.model.js";
import type { Trigger } from "../objects/trigger/trigger.model.js";
import type { TypeDefinition } from "../objects/type/type.model.js";
import type { View } from "../objects/view/view.model.js";

export type { Aggregate } from "../objects/aggregate/aggregate.model.js";
export type { Cast } from "../objects/cast/cast.model.js";
export type { Collation } from "../objects/collation/collation.model.js";
export type { Column, ColumnStorage, ColumnType } from "../objects/column/column.model.js";
export type {
  CheckConstraint,
  Constraint,
  ExcludeConstraint,
  ForeignKeyConstraint,
  NotNullConstraint,
  PrimaryKeyConstraint,
  ReferentialAction,
  UniqueConstraint,
} from "../objects/constraint/constraint.model.js";
export type { DefaultPrivilege } from "../objects/default-privilege/default-privilege.model.js";
export type { EventTrigger } from "../objects/event-trigger/event-trigger.model.js";
export type { Extension } from "../objects/extension/extension.model.js";
export type { Function } from "../objects/function/function.model.js";
export type { Index, IndexKey } from "../objects/index/index.model.js";
export type {
  MaterializedView,
  MaterializedViewColumnSettings,
} from "../objects/materialized-view/materialized-view.model.js";
export type { Operator, OperatorRef, ProcedureRef } from "../objects/operator/operator.model.js";
export type { Policy } from "../objects/policy/policy.model.js";
export type { Privilege } from "../objects/privilege/privilege.model.js";
export type { Schema } from "../objects/schema/schema.model.js";
export type { Sequence, SequenceOptions } from "../objects/sequence/sequence.model.js";
export type { Statistics } from "../objects/statistics/statistics.model.js";
export type { PartitionBy, Table } from "../objects/table/table.model.js";
export type { Trigger } from "../objects/trigger/trigger.model.js";
export type {
  CompositeType,
  DomainType,
  EnumType,
  RangeType,
  TypeDefinition,
} from "../objects/type/type.model.js";
export type { View, ViewWrites } from "../objects/view/view.model.js";

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

/**
 * The collections of the kinds built on objects/definition (operators, casts, …) and their object
 * types. Empty here: objects/kinds.ts fills it from its `DEFINITION_KINDS` lines (module
 * augmentation), so such a kind is its folder, that one line and its inspector query.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in objects/kinds.ts
export interface DefinitionModels {}

/** A collection of a definition kind (objects/definition). */
export type DefinitionCollection = keyof DefinitionModels;

/**
 * The object type each collection of the state holds, one line per kind (the definition kinds'
 * come from their lines in `DEFINITION_KINDS`, objects/kinds.ts, through `DefinitionModels`). The
 * state's collections, `Collection` and the kind registry (`KINDS` in objects/kinds.ts, which also
 * lists them at run time as `COLLECTIONS`) all follow from it.
 */
export interface CollectionModels extends DefinitionModels {
  readonly schemas: Schema;
  readonly extensions: Extension;
  readonly collations: Collation;
  readonly types: TypeDefinition;
  readonly sequences: Sequence;
  readonly tables: Table;
  readonly constraints: Constraint;
  readonly indexes: Index;
  readonly views: View;
  readonly materializedViews: MaterializedView;
  readonly functions: Routine;
  readonly aggregates: Aggregate;
  readonly triggers: Trigger;
  readonly eventTriggers: EventTrigger;
  readonly policies: Policy;
  readonly statistics: Statistics;
  readonly defaultPrivileges: DefaultPrivilege;
}

/** A collection of the state: a field holding schema objects by id. */
export type Collection = keyof CollectionModels;

/** Every collection: objects by id, keys in sorted order. */
export type StateCollections = {
  readonly [C in Collection]: Readonly<Record<string, CollectionModels[C]>>;
};

export interface SchemaState extends StateCollections {
  readonly server: ServerInfo;
  /** The `schemas` filter the state was read with; null means every non-system schema. */
  readonly managedSchemas: readonly string[] | null;
  readonly dependencies: readonly Dependency[];
  /** Measurements by table id; never compared. */
  readonly stats: Readonly<Record<string, TableStats>>;
}

export type SchemaObject = SchemaState[Collection][string];

/** Partitions of a partitioned table (the seed's `SchemaState.PartitionChildren`), sorted by id. */
export function partitionChildren(state: SchemaState, parentId: string): readonly Table[] {
  return Object.values(state.tables)
    .filter((table) => table.partitionOf?.parent === parentId)
    .sort((a, b) => a.id.localeCompare(b.id));
}
