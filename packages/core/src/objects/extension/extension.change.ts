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

/**
 * A non-relocatable extension moving schema: `DROP EXTENSION` + `CREATE EXTENSION … SCHEMA new`
 * (PostgreSQL refuses `SET SCHEMA` for it). Only planned when nothing of the state uses it.
 */
export interface ReplaceExtension extends ChangeBase {
  readonly kind: "replace_extension";
  readonly from: Extension;
  readonly to: Extension;
}

export type ExtensionChange = CreateExtension | DropExtension | AlterExtension | ReplaceExtension;
