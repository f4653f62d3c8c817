import type { ChangeBase } from "../../diff/change-base.js";
import type {
  ManagedMembership,
  ManagedRole,
  ManagedRoleSetting,
  RoleDependents,
  RoleSettingValue,
} from "../../model/role.js";

/** Changes of managed roles (`--manage-roles`): cluster-wide, planned before the database's. */

export interface CreateRole extends ChangeBase {
  readonly kind: "create_role";
  /** Its settings and comment come as their own changes; memberships as grant_membership. */
  readonly role: ManagedRole;
}

export interface AlterRole extends ChangeBase {
  readonly kind: "alter_role";
  readonly name: string;
  readonly from: ManagedRole;
  readonly to: ManagedRole;
}

export interface RenameRole extends ChangeBase {
  readonly kind: "rename_role";
  readonly from: string;
  readonly to: string;
  /** The role can log in: renaming it clears an MD5 password (the name is the hash's salt). */
  readonly login: boolean;
}

export interface DropRole extends ChangeBase {
  readonly kind: "drop_role";
  readonly name: string;
  readonly dependents: RoleDependents;
}

export interface SetRoleSetting extends ChangeBase {
  readonly kind: "set_role_setting";
  readonly role: string;
  readonly database: string | null;
  readonly setting: string;
  /** The values as the files give them; null: RESET. */
  readonly values: readonly RoleSettingValue[] | null;
  readonly from: ManagedRoleSetting | null;
}

export interface CommentRole extends ChangeBase {
  readonly kind: "comment_role";
  readonly name: string;
  readonly comment: string | null;
}

export interface GrantMembership extends ChangeBase {
  readonly kind: "grant_membership";
  readonly member: string;
  readonly membership: ManagedMembership;
  /** The current grant when its options change (null: a new membership). */
  readonly from: ManagedMembership | null;
}

export interface RevokeMembership extends ChangeBase {
  readonly kind: "revoke_membership";
  readonly member: string;
  readonly role: string;
}

export type RoleChange =
  | CreateRole
  | AlterRole
  | RenameRole
  | DropRole
  | SetRoleSetting
  | CommentRole
  | GrantMembership
  | RevokeMembership;
