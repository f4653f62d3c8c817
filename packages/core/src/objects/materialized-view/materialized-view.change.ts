import type { ChangeBase } from "../../diff/change-base.js";
import type { Index, MaterializedView } from "../../model/state.js";
import type { ColumnSetting } from "../column/column.change.js";
import type { SchemaObjectRename } from "../rename.js";

export interface CreateMaterializedView extends ChangeBase {
  readonly kind: "create_materialized_view";
  readonly view: MaterializedView;
  /** The current materialized view when this recreates it (its grants are re-emitted); null when new. */
  readonly replaces: MaterializedView | null;
  /**
   * Indexes on a recreated materialized view that the index kind sees as unchanged (so emits
   * nothing for): the DROP took them along, the create steps build them again.
   */
  readonly indexes: readonly Index[];
}

export interface DropMaterializedView extends ChangeBase {
  readonly kind: "drop_materialized_view";
  readonly view: MaterializedView;
  /** Dropped to be created again (priority DROP_VIEW_EARLY). */
  readonly early: boolean;
}

export interface AlterMaterializedViewOptions extends ChangeBase {
  readonly kind: "alter_materialized_view_options";
  readonly from: MaterializedView;
  readonly view: MaterializedView;
}

/** The desired side is populated and the current one is not (`WITH NO DATA` before). */
export interface RefreshMaterializedView extends ChangeBase {
  readonly kind: "refresh_materialized_view";
  readonly view: MaterializedView;
}

/** `ALTER MATERIALIZED VIEW … SET SCHEMA` / `RENAME TO`, by hint (objects/rename.ts): rows kept. */
export interface RenameMaterializedView extends SchemaObjectRename {
  readonly kind: "rename_materialized_view";
}

/**
 * `ALTER MATERIALIZED VIEW v ALTER COLUMN c SET STATISTICS n / SET STORAGE s / RESET (…), SET (…)`:
 * one per-column setting (a table column's `ColumnSetting`), after a create or in place.
 */
export interface SetMaterializedViewColumnSetting extends ChangeBase {
  readonly kind: "set_materialized_view_column_setting";
  readonly view: { readonly id: string; readonly schema: string; readonly name: string };
  readonly column: string;
  readonly setting: ColumnSetting;
}

/** `ALTER MATERIALIZED VIEW … SET ACCESS METHOD` (PostgreSQL 15+): rewritten; undefined is heap. */
export interface SetMaterializedViewAccessMethod extends ChangeBase {
  readonly kind: "set_materialized_view_access_method";
  readonly view: { readonly id: string; readonly schema: string; readonly name: string };
  readonly accessMethod: string | undefined;
}

export type MaterializedViewChange =
  | SetMaterializedViewAccessMethod
  | RenameMaterializedView
  | SetMaterializedViewColumnSetting
  | CreateMaterializedView
  | DropMaterializedView
  | AlterMaterializedViewOptions
  | RefreshMaterializedView;
