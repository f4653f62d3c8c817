import type { ChangeBase, TableRef } from "../../diff/change-base.js";
import type { Column, ColumnStorage } from "../../model/state.js";
import type { TypeChangeCost } from "./column.type-change.js";

export interface AddColumn extends ChangeBase {
  readonly kind: "add_column";
  readonly table: TableRef;
  readonly column: Column;
}

export interface DropColumn extends ChangeBase {
  readonly kind: "drop_column";
  readonly table: TableRef;
  readonly column: Column;
  /**
   * A generated column added again by the same plan (column.replaced.ts): its values are computed
   * again from the row, so the drop loses nothing.
   */
  readonly readded: boolean;
}

export interface RenameColumn extends ChangeBase {
  readonly kind: "rename_column";
  readonly table: TableRef;
  readonly from: string;
  readonly to: string;
}

/** `ALTER COLUMN … TYPE`, with the default dropped before and set after when either side has one. */
export interface AlterColumnType extends ChangeBase {
  readonly kind: "alter_column_type";
  readonly table: TableRef;
  /** The desired column. */
  readonly column: Column;
  readonly fromType: string;
  readonly cost: TypeChangeCost;
  /** The current default, dropped first (it may not cast to the new type). */
  readonly dropDefault: boolean;
}

export interface SetColumnDefault extends ChangeBase {
  readonly kind: "set_column_default";
  readonly table: TableRef;
  readonly column: string;
  /** Null: DROP DEFAULT. */
  readonly default: string | null;
}

export interface SetNotNull extends ChangeBase {
  readonly kind: "set_not_null";
  readonly table: TableRef;
  readonly column: string;
  /** pg_class.reltuples of the table (-1 when never analyzed); decides the CHECK-based pattern. */
  readonly reltuples: number;
  /** CHECK … NOT VALID is not allowed on partitioned tables: plain SET NOT NULL there. */
  readonly partitioned: boolean;
  /**
   * The pattern's helper CHECK, left by an earlier run that stopped before dropping it: validated
   * (when still NOT VALID) and dropped, never added again.
   */
  readonly leftoverCheck: { readonly name: string; readonly validated: boolean } | null;
}

export interface DropNotNull extends ChangeBase {
  readonly kind: "drop_not_null";
  readonly table: TableRef;
  readonly column: string;
}

/** Identity added, removed, or its generation/options changed. */
export interface AlterColumnIdentity extends ChangeBase {
  readonly kind: "alter_column_identity";
  readonly table: TableRef;
  readonly column: Column;
  readonly from: Column["identity"];
  /** A valid btree index leads with the column: its highest value is read from the index. */
  readonly indexed: boolean;
  /** pg_class.reltuples of the table (-1 when never analyzed). */
  readonly reltuples: number;
}

/** One per-column setting of `ALTER TABLE … ALTER COLUMN c SET …`; null values mean the default. */
export type ColumnSetting =
  | { readonly name: "compression"; readonly value: Column["compression"] }
  | { readonly name: "storage"; readonly value: ColumnStorage }
  | { readonly name: "statistics"; readonly value: Column["statisticsTarget"] }
  | { readonly name: "options"; readonly value: Column["options"] };

/**
 * `ALTER TABLE [ONLY] t ALTER COLUMN c SET <setting>`. Every table's columns are compared on their
 * own, inherited ones too, so the statement is `ONLY` on a table with children (it would recurse).
 */
export interface SetColumnSetting extends ChangeBase {
  readonly kind: "set_column_setting";
  readonly table: TableRef;
  readonly column: string;
  readonly only: boolean;
  readonly setting: ColumnSetting;
}

export type ColumnChange =
  | AddColumn
  | DropColumn
  | RenameColumn
  | AlterColumnType
  | SetColumnDefault
  | SetNotNull
  | DropNotNull
  | AlterColumnIdentity
  | SetColumnSetting;
