import type { ChangeBase } from "../../diff/change-base.js";
import type { View } from "../../model/state.js";
import type { SchemaObjectRename } from "../rename.js";

export interface CreateView extends ChangeBase {
  readonly kind: "create_view";
  readonly view: View;
  /**
   * The current view when it exists on both sides and is created again after a drop (drop-early
   * or an incompatible definition): its desired grants are re-emitted (see view.grants.ts). Null for
   * a new view.
   */
  readonly replaces: View | null;
}

export interface DropView extends ChangeBase {
  readonly kind: "drop_view";
  readonly view: View;
  /** Dropped to be created again (priority DROP_VIEW_EARLY), rather than dropped for good. */
  readonly early: boolean;
}

/** `CREATE OR REPLACE VIEW`: same leading columns, only appended ones. */
export interface ReplaceView extends ChangeBase {
  readonly kind: "replace_view";
  readonly from: View;
  readonly view: View;
}

/** Only reloptions (security_barrier, security_invoker) or the check option differ. */
export interface AlterViewOptions extends ChangeBase {
  readonly kind: "alter_view_options";
  readonly from: View;
  readonly view: View;
}

/** `ALTER VIEW … SET SCHEMA` / `RENAME TO`, by hint (objects/rename.ts). */
export interface RenameView extends SchemaObjectRename {
  readonly kind: "rename_view";
}

export type ViewChange = CreateView | DropView | ReplaceView | AlterViewOptions | RenameView;
