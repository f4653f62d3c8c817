import type { Privilege } from "@pg-flux/core";
import type { Capabilities } from "../capabilities.js";
import { managedNamespace, privilegesOf } from "./fragments.js";

export interface DefaultPrivilegeRow {
  readonly role: string;
  readonly schema: string | null;
  /** `r` tables, `S` sequences, `f` functions, `T` types, `n` schemas. */
  readonly objectType: string;
  readonly privileges: readonly Privilege[];
}

/**
 * `ALTER DEFAULT PRIVILEGES` entries. The stored ACL is the whole ACL future objects get; the
 * role's own entries are left out as for every object (the role will own those objects).
 * Entries for one schema are listed when the schema is managed; global entries always.
 */
export function defaultPrivilegesQuery(_caps: Capabilities): string {
  return `
select pg_get_userbyid(d.defaclrole) as role, n.nspname as schema, d.defaclobjtype as "objectType",
  ${privilegesOf("d.defaclacl", "d.defaclrole", null)} as privileges
from pg_default_acl d
left join pg_namespace n on n.oid = d.defaclnamespace
where d.defaclnamespace = 0 or ${managedNamespace("n")}
order by 1, 2 nulls first, 3`;
}
