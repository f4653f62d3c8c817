import type { Capabilities } from "../capabilities.js";
import { commentOf, managedNamespace, notExtensionMember, schemaRelations } from "./fragments.js";

export interface PolicyRow {
  readonly oid: number;
  readonly schema: string;
  readonly table: string;
  readonly name: string;
  readonly command: string;
  readonly permissive: boolean;
  readonly roles: readonly string[];
  readonly using: string | null;
  readonly withCheck: string | null;
  readonly comment: string | null;
}

/** Row-level security policies; role 0 is PUBLIC, reported as `public`. */
export function policiesQuery(_caps: Capabilities): string {
  return `
select p.oid, n.nspname as schema, c.relname as table, p.polname as name, p.polcmd as command,
  p.polpermissive as permissive,
  (select coalesce(json_agg(case when r.role = 0 then 'public' else pg_get_userbyid(r.role) end), '[]'::json)
     from unnest(p.polroles) r(role)) as roles,
  pg_get_expr(p.polqual, p.polrelid) as using, pg_get_expr(p.polwithcheck, p.polrelid) as "withCheck",
  ${commentOf("pg_policy", "p.oid")} as comment
from ${schemaRelations("c", "n")}
join pg_policy p on p.polrelid = c.oid
where ${managedNamespace("n")} and ${notExtensionMember("pg_class", "c.oid")}
order by n.nspname, c.relname, p.polname`;
}
