import type { Capabilities } from "../capabilities.js";
import { commentOf, managedNamespace, notExtensionMember } from "./fragments.js";

export interface CollationRow {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  /** collprovider: `c` libc, `i` icu, `b` builtin (PG 17). */
  readonly provider: string;
  readonly locale: string | null;
  readonly lcCollate: string | null;
  readonly lcCtype: string | null;
  readonly deterministic: boolean;
  readonly rules: string | null;
  readonly owner: string;
  readonly comment: string | null;
}

/** `CREATE COLLATION` collations in the managed schemas (pg_catalog's are never read). */
export function collationsQuery(caps: Capabilities): string {
  const locale = caps.collationLocaleColumn ? `c.${caps.collationLocaleColumn}` : "null::text";
  const rules = caps.collationRules ? "c.collicurules" : "null::text";
  return `
select c.oid, n.nspname as schema, c.collname as name, c.collprovider as provider,
  ${locale} as locale, c.collcollate as "lcCollate", c.collctype as "lcCtype",
  c.collisdeterministic as deterministic, ${rules} as rules, pg_get_userbyid(c.collowner) as owner,
  ${commentOf("pg_collation", "c.oid")} as comment
from pg_collation c
join pg_namespace n on n.oid = c.collnamespace
where ${managedNamespace("n")} and ${notExtensionMember("pg_collation", "c.oid")}
order by n.nspname, c.collname`;
}
