import type { Privilege } from "@pg-flux/core";
import type { Capabilities } from "../capabilities.js";
import { commentOf, managedNamespace, notExtensionMember, privilegesOf } from "./fragments.js";

export interface TypeAttributeRow {
  readonly name: string;
  readonly type: string;
  readonly collationSchema: string | null;
  readonly collationName: string | null;
}

export interface DomainCheckRow {
  readonly name: string;
  readonly expression: string;
  readonly validated: boolean;
}

export interface TypeRow {
  readonly oid: number;
  /** The array type's oid (0 when none). */
  readonly typarray: number;
  /** The composite type's pg_class oid (0 for other kinds). */
  readonly relid: number;
  readonly schema: string;
  readonly name: string;
  /** `e` enum, `c` composite, `d` domain, `r` range. */
  readonly typtype: string;
  readonly owner: string;
  readonly comment: string | null;
  readonly privileges: readonly Privilege[];
  readonly labels: readonly string[] | null;
  readonly attributes: readonly TypeAttributeRow[] | null;
  readonly baseType: string | null;
  readonly default: string | null;
  readonly notNull: boolean;
  readonly collationSchema: string | null;
  readonly collationName: string | null;
  readonly checks: readonly DomainCheckRow[] | null;
  readonly subtype: string | null;
  readonly subtypeOpclassSchema: string | null;
  readonly subtypeOpclassName: string | null;
  readonly canonical: string | null;
  readonly subtypeDiff: string | null;
  readonly multirangeName: string | null;
}

/**
 * Enums, composite types (not the row types of tables), domains and ranges. A collation is reported
 * only when it differs from the default of the underlying type; a range's operator class only when
 * it is not the subtype's default.
 */
export function typesQuery(_caps: Capabilities): string {
  return `
select t.oid, t.typarray, t.typrelid as relid, n.nspname as schema, t.typname as name, t.typtype,
  pg_get_userbyid(t.typowner) as owner, ${commentOf("pg_type", "t.oid")} as comment,
  ${privilegesOf("t.typacl", "t.typowner", "T")} as privileges,
  case when t.typtype = 'e' then (select json_agg(e.enumlabel order by e.enumsortorder)
    from pg_enum e where e.enumtypid = t.oid) end as labels,
  case when t.typtype = 'c' then (select coalesce(json_agg(json_build_object(
      'name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
      'collationSchema', case when a.attcollation <> at.typcollation then acn.nspname end,
      'collationName', case when a.attcollation <> at.typcollation then aco.collname end) order by a.attnum), '[]'::json)
    from pg_attribute a join pg_type at on at.oid = a.atttypid
    left join pg_collation aco on aco.oid = a.attcollation
    left join pg_namespace acn on acn.oid = aco.collnamespace
    where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped) end as attributes,
  case when t.typtype = 'd' then format_type(t.typbasetype, t.typtypmod) end as "baseType",
  case when t.typtype = 'd' then pg_get_expr(t.typdefaultbin, 0) end as default,
  t.typnotnull as "notNull",
  case when t.typtype = 'd' and t.typcollation <> bt.typcollation then cn.nspname
       when t.typtype = 'r' and r.rngcollation <> 0 and r.rngcollation <> st.typcollation then cn.nspname
  end as "collationSchema",
  case when t.typtype = 'd' and t.typcollation <> bt.typcollation then co.collname
       when t.typtype = 'r' and r.rngcollation <> 0 and r.rngcollation <> st.typcollation then co.collname
  end as "collationName",
  case when t.typtype = 'd' then (select coalesce(json_agg(json_build_object(
      'name', dc.conname, 'expression', pg_get_expr(dc.conbin, 0), 'validated', dc.convalidated)
      order by dc.conname), '[]'::json)
    from pg_constraint dc where dc.contypid = t.oid and dc.contype = 'c') end as checks,
  case when t.typtype = 'r' then format_type(r.rngsubtype, null) end as subtype,
  case when t.typtype = 'r' and not opc.opcdefault then opcn.nspname end as "subtypeOpclassSchema",
  case when t.typtype = 'r' and not opc.opcdefault then opc.opcname end as "subtypeOpclassName",
  nullif(r.rngcanonical::oid, 0)::regproc::text as canonical,
  nullif(r.rngsubdiff::oid, 0)::regproc::text as "subtypeDiff",
  mr.typname as "multirangeName"
from pg_type t
join pg_namespace n on n.oid = t.typnamespace
left join pg_class tc on tc.oid = t.typrelid
left join pg_type bt on bt.oid = t.typbasetype
left join pg_range r on r.rngtypid = t.oid
left join pg_type st on st.oid = r.rngsubtype
left join pg_opclass opc on opc.oid = r.rngsubopc
left join pg_namespace opcn on opcn.oid = opc.opcnamespace
left join pg_type mr on mr.oid = r.rngmultitypid
left join pg_collation co on co.oid = case when t.typtype = 'r' then r.rngcollation else t.typcollation end
left join pg_namespace cn on cn.oid = co.collnamespace
where (t.typtype in ('e', 'd', 'r') or (t.typtype = 'c' and tc.relkind = 'c'))
  and ${managedNamespace("n")} and ${notExtensionMember("pg_type", "t.oid")}
order by n.nspname, t.typname`;
}
