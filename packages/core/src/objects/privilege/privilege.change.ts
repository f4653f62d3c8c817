import type { ChangeBase } from "../../diff/change-base.js";
import type { ObjectTarget } from "../object-target.js";

/** What a GRANT/REVOKE (or ALTER … OWNER TO) names. */
export type AclTarget = ObjectTarget<
  | "schema"
  | "table"
  | "sequence"
  | "view"
  | "materialized_view"
  | "foreign_table"
  | "column"
  | "routine"
  | "type"
  | "event_trigger"
  | "statistics"
  | "collation"
  | "named"
>;

/** `GRANT p, … ON target TO grantee [WITH GRANT OPTION]` (also adds the grant option to a held privilege). */
export interface GrantPrivileges extends ChangeBase {
  readonly kind: "grant_privileges";
  readonly target: AclTarget;
  readonly grantee: string;
  readonly privileges: readonly string[];
  readonly grantable: boolean;
}

/** `REVOKE [GRANT OPTION FOR] p, … ON target FROM grantee`. */
export interface RevokePrivileges extends ChangeBase {
  readonly kind: "revoke_privileges";
  readonly target: AclTarget;
  readonly grantee: string;
  readonly privileges: readonly string[];
  /** Only the grant option is taken away; the privilege stays. */
  readonly grantOptionOnly: boolean;
}

export type PrivilegeChange = GrantPrivileges | RevokePrivileges;
