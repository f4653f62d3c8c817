import type { Capabilities } from "../capabilities.js";
import {
  dependRowsOf,
  EXCLUDED_SCHEMAS,
  filteredObjects,
  managedNamespace,
  notExtensionMember,
  REFERENCED,
  regclasses,
  SCHEMA_BOUND_CATALOGS,
} from "./fragments.js";

export interface OutsideRow {
  /** pg_describe_object's words for it: `view reporting.active_users`. */
  readonly name: string;
  readonly schema: string;
  /** pg_depend edges to user objects as `[catalog, oid, subid]`. */
  readonly depends: readonly (readonly [string, number, number])[];
}

/**
 * Objects in user schemas outside the `schemas` filter that depend (pg_depend, normal) on user
 * objects: a view in `reporting` reading a column of `public.users`, a default or a function there
 * calling a managed function, a foreign key there to a managed table. Their edges are told in the
 * state's ids by the reader (those to objects outside the state drop out, and with them the rows
 * that only use unmanaged objects). A view's edges are recorded on its rewrite rule, a default's on
 * its pg_attrdef row, a table constraint's and a trigger's on their own rows: each is named by what a
 * reader knows (`view reporting.v`, `default value for column c of table reporting.t`). A reference
 * to an array type is one to its element type, one to an extension's member one to the extension
 * (as in dependencies.sql.ts). Empty when every schema is managed (no filter).
 *
 * pg_depend is read through its index on the referenced object (`referencing`), from the rows an
 * edge of the state can point to: objects in the filtered schemas, objects of catalogs without a
 * schema, members of extensions installed in the filtered schemas, and array types of a filtered
 * schema's element type; every other edge points outside the state and drops out. So the cost is
 * that of the filtered schemas' edges, not of every other schema's (a fleet's other tenants).
 */
export function outsideQuery(_caps: Capabilities): string {
  const excluded = EXCLUDED_SCHEMAS.map((name) => `'${name}'`).join(", ");
  return `
select o.name, o.schema,
  json_agg(distinct jsonb_build_array(o.ref_catalog, o.ref_oid, o.ref_subid)) as depends
from (
  select
    case when d.classid = 'pg_rewrite'::regclass then pg_describe_object('pg_class'::regclass, rw.ev_class, 0)
      else pg_describe_object(d.classid, d.objid, 0) end as name,
    n.nspname as schema,
    ${REFERENCED.catalog} as ref_catalog, ${REFERENCED.oid} as ref_oid, ${REFERENCED.subid} as ref_subid
  from (${referencing()}) d
  ${lookup("rw", "pg_rewrite rw", "d.classid = 'pg_rewrite'::regclass and rw.oid = d.objid")}
  ${lookup("ad", "pg_attrdef ad", "d.classid = 'pg_attrdef'::regclass and ad.oid = d.objid")}
  ${lookup("k", "pg_constraint k", "d.classid = 'pg_constraint'::regclass and k.oid = d.objid")}
  ${lookup("tg", "pg_trigger tg", "d.classid = 'pg_trigger'::regclass and tg.oid = d.objid")}
  ${lookup("po", "pg_policy po", "d.classid = 'pg_policy'::regclass and po.oid = d.objid")}
  ${lookup(
    "rel",
    "pg_class rel",
    `rel.oid = coalesce(rw.ev_class, ad.adrelid, nullif(k.conrelid, 0), tg.tgrelid, po.polrelid,
    case when d.classid = 'pg_class'::regclass then d.objid end)`,
  )}
  ${lookup("p", "pg_proc p", "d.classid = 'pg_proc'::regclass and p.oid = d.objid")}
  ${lookup(
    "t",
    "pg_type t",
    "t.oid = case when d.classid = 'pg_type'::regclass then d.objid else nullif(k.contypid, 0) end",
  )}
  join pg_namespace n on n.oid = coalesce(rel.relnamespace, p.pronamespace, t.typnamespace)
  ${lookup(
    "rt",
    "pg_type rt",
    "d.refclassid = 'pg_type'::regclass and rt.oid = d.refobjid and rt.typcategory = 'A' and rt.typelem <> 0",
  )}
  ${lookup(
    "em",
    "pg_depend em",
    `em.classid = d.refclassid and em.objid = coalesce(rt.typelem, d.refobjid)
    and em.objsubid = 0 and em.refclassid = 'pg_extension'::regclass and em.deptype = 'e'`,
  )}
  where $1::text[] is not null and d.deptype = 'n' and d.objid >= 16384 and d.refobjid >= 16384
    and n.nspname not in (${excluded}) and n.nspname !~ '^pg_(toast_)?temp_'
    and not (n.nspname = any($1::text[]))
    and ${notExtensionMember("pg_class", "coalesce(rel.oid, 0)")}
    and ${notExtensionMember("pg_proc", "coalesce(p.oid, 0)")}
    and ${notExtensionMember("pg_type", "coalesce(t.oid, 0)")}
) o
group by o.name, o.schema
order by o.schema, o.name`;
}

/**
 * `left join <catalog> <alias> on <condition>`, as a lookup per pg_depend row: `offset 0` keeps it a
 * subquery the planner runs per row through the catalog's oid index. Joined freely, it expects tens
 * of thousands of rows from the pg_depend lookup and hashes each catalog whole (pg_trigger,
 * pg_constraint, pg_class: 0.9 s for 110 rows at 1,000 tenants × 20 tables).
 */
function lookup(alias: string, from: string, condition: string): string {
  return `left join lateral (select ${alias}.* from ${from} where ${condition} offset 0) ${alias} on true`;
}

/**
 * The pg_depend rows that may point to an object of the state (see outsideQuery). The reader keeps
 * an edge when the object it points to (an array type's element, an extension member's extension)
 * is in the state, so these are: rows pointing to an object in the filtered schemas, to a member of
 * an extension installed there, to an array type of either, or into a catalog without a schema.
 */
function referencing(): string {
  const catalogs = regclasses(SCHEMA_BOUND_CATALOGS);
  return `
    with base as materialized (
      ${filteredObjects(SCHEMA_BOUND_CATALOGS)}
      union all
      select m.classid, m.objid as oid from pg_extension x join pg_namespace n on n.oid = x.extnamespace
      join pg_depend m on m.refclassid = 'pg_extension'::regclass and m.refobjid = x.oid and m.deptype = 'e'
      where $1::text[] is not null and ${managedNamespace("n")}
    )
    ${dependRowsOf(
      `select b.classid, b.oid from base b
  union all
  select 'pg_type'::regclass, a.oid from pg_type a join base b on b.classid = 'pg_type'::regclass and b.oid = a.typelem
    where a.typcategory = 'A'`,
      "referenced",
    )}
    union all
    select d.* from pg_depend d where $1::text[] is not null and d.refclassid = any(array(
      select c.oid from pg_class c where c.oid < 16384 and c.relnamespace = 'pg_catalog'::regnamespace
        and c.relkind = 'r' and c.oid not in (${catalogs})))`;
}
