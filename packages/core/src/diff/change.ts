/**
 * The typed union of every change the differ produces: create/alter/drop/rename per object kind,
 * each declared beside its kind in objects/<kind>/<kind>.change.ts and unioned here. The `kind`
 * string is the discriminant; objects/registry.ts maps every kind to its step handler and the
 * compiler checks that none is missing.
 */
import type { AggregateChange } from "../objects/aggregate/aggregate.change.js";
import type { CollationChange } from "../objects/collation/collation.change.js";
import type { ColumnChange } from "../objects/column/column.change.js";
import type { CommentChange } from "../objects/comment/comment.change.js";
import type { CompositeChange } from "../objects/composite/composite.change.js";
import type { ConstraintChange } from "../objects/constraint/constraint.change.js";
import type { DefaultPrivilegeChange } from "../objects/default-privilege/default-privilege.change.js";
import type { DefinitionChange } from "../objects/definition/definition.change.js";
import type { DomainChange } from "../objects/domain/domain.change.js";
import type { EnumChange } from "../objects/enum/enum.change.js";
import type { EventTriggerChange } from "../objects/event-trigger/event-trigger.change.js";
import type { ExtensionChange } from "../objects/extension/extension.change.js";
import type { FunctionChange } from "../objects/function/function.change.js";
import type { IndexChange } from "../objects/index/index.change.js";
import type { MaterializedViewChange } from "../objects/materialized-view/materialized-view.change.js";
import type { OwnerChange } from "../objects/owner/owner.change.js";
import type { PartitionChange } from "../objects/partition/partition.change.js";
import type { PolicyChange } from "../objects/policy/policy.change.js";
import type { PrivilegeChange } from "../objects/privilege/privilege.change.js";
import type { RoleChange } from "../objects/role/role.change.js";
import type { SchemaChange } from "../objects/schema/schema.change.js";
import type { SequenceChange } from "../objects/sequence/sequence.change.js";
import type { StatisticsChange } from "../objects/statistics/statistics.change.js";
import type { TableChange } from "../objects/table/table.change.js";
import type { TriggerChange } from "../objects/trigger/trigger.change.js";
import type { TypeChange } from "../objects/type/type.change.js";
import type { ViewChange } from "../objects/view/view.change.js";

export type Change =
  | RoleChange
  | SchemaChange
  | ExtensionChange
  | CollationChange
  | SequenceChange
  | TableChange
  | PartitionChange
  | ColumnChange
  | ConstraintChange
  | IndexChange
  | StatisticsChange
  | ViewChange
  | MaterializedViewChange
  | FunctionChange
  | AggregateChange
  | TriggerChange
  | EventTriggerChange
  | TypeChange
  | EnumChange
  | CompositeChange
  | DomainChange
  | PolicyChange
  | PrivilegeChange
  | DefaultPrivilegeChange
  | OwnerChange
  | CommentChange
  | DefinitionChange;

export type ChangeKind = Change["kind"];
