import type { ChangeBase } from "../../diff/change-base.js";
import type { Extension } from "../../model/state.js";

export interface CreateExtension extends ChangeBase {
  readonly kind: "create_extension";
  readonly extension: Extension;
}

export interface DropExtension extends ChangeBase {
  readonly kind: "drop_extension";
  readonly extension: Extension;
}

export interface AlterExtension extends ChangeBase {
  readonly kind: "alter_extension";
  readonly name: string;
  /** New version, or null when unchanged. */
  readonly version: string | null;
  /** New schema, or null when unchanged. */
  readonly schema: string | null;
}

export type ExtensionChange = CreateExtension | DropExtension | AlterExtension;
