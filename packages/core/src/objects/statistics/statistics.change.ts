import type { ChangeBase, TableRef } from "../../diff/change-base.js";
import type { Statistics } from "../../model/state.js";
import type { SchemaObjectRename } from "../rename.js";

export interface CreateStatistics extends ChangeBase {
  readonly kind: "create_statistics";
  readonly table: TableRef;
  readonly statistics: Statistics;
}

export interface DropStatistics extends ChangeBase {
  readonly kind: "drop_statistics";
  readonly statistics: Statistics;
}

/** Kinds or columns changed: no ALTER for those, so DROP + CREATE (both only catalog work). */
export interface ReplaceStatistics extends ChangeBase {
  readonly kind: "replace_statistics";
  readonly table: TableRef;
  readonly from: Statistics;
  readonly to: Statistics;
}

/** `ALTER STATISTICS … SET STATISTICS n` (also after a create, when the target is not the default). */
export interface SetStatisticsTarget extends ChangeBase {
  readonly kind: "set_statistics_target";
  readonly statistics: Statistics;
}

/** Renamed by hint: `ALTER STATISTICS … SET SCHEMA` / `RENAME TO` (objects/rename.ts). */
export interface RenameStatistics extends SchemaObjectRename {
  readonly kind: "rename_statistics";
}

export type StatisticsChange =
  | CreateStatistics
  | DropStatistics
  | ReplaceStatistics
  | SetStatisticsTarget
  | RenameStatistics;
