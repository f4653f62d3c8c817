import type { ChangeBase, TableRef } from "../../diff/change-base.js";
import type { Policy } from "../../model/state.js";

export interface CreatePolicy extends ChangeBase {
  readonly kind: "create_policy";
  readonly table: TableRef;
  readonly policy: Policy;
}

export interface DropPolicy extends ChangeBase {
  readonly kind: "drop_policy";
  readonly table: TableRef;
  readonly policy: Policy;
}

/** `ALTER POLICY`: roles, USING and WITH CHECK can change in place (not the command or permissiveness). */
export interface AlterPolicy extends ChangeBase {
  readonly kind: "alter_policy";
  readonly table: TableRef;
  readonly policy: Policy;
  readonly roles: boolean;
  readonly using: boolean;
  readonly withCheck: boolean;
}

/** Command, permissiveness, or a USING/WITH CHECK removed: DROP POLICY + CREATE POLICY. */
export interface ReplacePolicy extends ChangeBase {
  readonly kind: "replace_policy";
  readonly table: TableRef;
  readonly policy: Policy;
}

/** `ALTER POLICY old ON table RENAME TO new`, by hint (objects/rename.ts). */
export interface RenamePolicy extends ChangeBase {
  readonly kind: "rename_policy";
  readonly table: TableRef;
  readonly from: string;
  readonly to: string;
}

export type PolicyChange = CreatePolicy | DropPolicy | AlterPolicy | ReplacePolicy | RenamePolicy;
