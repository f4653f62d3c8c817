import type { ChangeBase } from "../../diff/change-base.js";
import type { DefaultPrivilege } from "../../model/state.js";

/** Whose future objects, where, of which kind. */
export interface DefaultAclScope {
  readonly role: string;
  /** Null: in every schema. */
  readonly schema: string | null;
  readonly objectType: DefaultPrivilege["objectType"];
}

/** `ALTER DEFAULT PRIVILEGES FOR ROLE r [IN SCHEMA s] GRANT … ON TABLES TO g [WITH GRANT OPTION]`. */
export interface GrantDefaultPrivileges extends ChangeBase {
  readonly kind: "grant_default_privileges";
  readonly scope: DefaultAclScope;
  readonly grantee: string;
  readonly privileges: readonly string[];
  readonly grantable: boolean;
}

/** `ALTER DEFAULT PRIVILEGES FOR ROLE r [IN SCHEMA s] REVOKE [GRANT OPTION FOR] … FROM g`. */
export interface RevokeDefaultPrivileges extends ChangeBase {
  readonly kind: "revoke_default_privileges";
  readonly scope: DefaultAclScope;
  readonly grantee: string;
  readonly privileges: readonly string[];
  readonly grantOptionOnly: boolean;
}

export type DefaultPrivilegeChange = GrantDefaultPrivileges | RevokeDefaultPrivileges;
