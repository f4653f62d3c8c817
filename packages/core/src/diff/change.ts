/**
 * The typed union of every change the differ produces: create/alter/drop/rename per object kind,
 * each declared beside its kind in objects/<kind>/<kind>.change.ts and unioned here. The `kind`
 * string is the discriminant; objects/registry.ts maps every kind to its step handler and the
 * compiler checks that none is missing.
 */
import type { ColumnChange } from "../objects/column/column.change.js";
import type { CommentChange } from "../objects/comment/comment.change.js";
import type { ConstraintChange } from "../objects/constraint/constraint.change.js";
import type { ExtensionChange } from "../objects/extension/extension.change.js";
import type { IndexChange } from "../objects/index/index.change.js";
import type { PartitionChange } from "../objects/partition/partition.change.js";
import type { SchemaChange } from "../objects/schema/schema.change.js";
import type { SequenceChange } from "../objects/sequence/sequence.change.js";
import type { TableChange } from "../objects/table/table.change.js";

export type Change =
  | SchemaChange
  | ExtensionChange
  | SequenceChange
  | TableChange
  | PartitionChange
  | ColumnChange
  | ConstraintChange
  | IndexChange
  | CommentChange;

export type ChangeKind = Change["kind"];
