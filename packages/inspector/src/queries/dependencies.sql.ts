import type { Capabilities } from "../capabilities.js";
import { dependRowsOf, filteredObjects, REFERENCED, regclasses } from "./fragments.js";
import { KIND_CATALOGS } from "./kinds.js";

/** One pg_depend edge between catalog rows, resolved to ids in read/dependencies.ts. */
export interface DependencyRow {
  readonly catalog: string;
  readonly objid: number;
  readonly objsubid: number;
  readonly refCatalog: string;
  readonly refobjid: number;
  readonly refobjsubid: number;
}

/** The catalogs whose rows depend on user objects the state holds (the view's rule, a default, …). */
const DEPENDENT_CATALOGS = [
  "pg_class",
  "pg_proc",
  "pg_type",
  "pg_constraint",
  "pg_trigger",
  "pg_policy",
  "pg_rewrite",
  "pg_attrdef",
  "pg_statistic_ext",
  // an operator class's or family's members, read as the class or family (no schema of their own)
  "pg_amop",
  "pg_amproc",
] as const;

/** The catalogs an edge of the state may point to, beside the definition kinds'. */
const REFERENCED_CATALOGS = ["pg_class", "pg_proc", "pg_type", "pg_constraint", "pg_collation"] as const;

/**
 * Normal and auto dependencies between user objects (oid >= 16384). A view's dependencies are
 * recorded on its `_RETURN` rewrite rule (other rules are objects of their own, queries/rules.sql.ts), a column default's on its pg_attrdef row and a domain CHECK's on
 * its pg_constraint row; they are rewritten here to the view, the column and the domain. A
 * reference to an array type (`b.types[]` in a signature) is one to its element type. A reference to
 * an object an extension created (its function, its type) is one to the extension. Objects outside
 * the state simply find no id and are dropped. An operator family's or class's member (pg_amop,
 * pg_amproc row) stands for the class or family it is bound to: the class uses the member's
 * operator and function.
 *
 * Without a `schemas` filter pg_depend is read whole. With one, only the rows whose dependent is an
 * object in the filtered schemas or of a catalog without a schema (a cast), through pg_depend's
 * index (fragments' filteredObjects, dependRowsOf): every other row's dependent is outside the
 * state, so the edges are the same, at the cost of the filtered schemas' rows.
 */
export function dependenciesQuery(_caps: Capabilities): string {
  // the definition kinds' catalogs (queries/kinds.ts), both ways: an index on an operator class
  const dependents = [...DEPENDENT_CATALOGS, ...KIND_CATALOGS];
  return `
select distinct
  case when rw.oid is not null or ad.oid is not null then 'pg_class'
    when dc.oid is not null then 'pg_type'
    when mo.refclassid is not null then mo.refclassid::regclass::text
    else d.classid::regclass::text end as catalog,
  coalesce(rw.ev_class, ad.adrelid, dc.contypid, mo.refobjid, d.objid) as objid,
  case when d.classid = 'pg_attrdef'::regclass then ad.adnum::int
    when rw.oid is not null then 0 else d.objsubid end as objsubid,
  ${REFERENCED.catalog} as "refCatalog", ${REFERENCED.oid} as refobjid, ${REFERENCED.subid} as refobjsubid
from (
  select d.* from pg_depend d where $1::text[] is null
  union all
  ${dependRowsOf(filteredObjects(dependents), "dependent")}
) d
left join pg_rewrite rw on d.classid = 'pg_rewrite'::regclass and rw.oid = d.objid and rw.rulename = '_RETURN'
left join pg_attrdef ad on d.classid = 'pg_attrdef'::regclass and ad.oid = d.objid
${REFERENCED.joins}
left join pg_constraint dc on d.classid = 'pg_constraint'::regclass and dc.oid = d.objid and dc.contypid <> 0
left join lateral (select md.refclassid, md.refobjid from pg_depend md
  where d.classid in ('pg_amop'::regclass, 'pg_amproc'::regclass) and md.classid = d.classid
    and md.objid = d.objid and md.refclassid in ('pg_opclass'::regclass, 'pg_opfamily'::regclass)
  limit 1) mo on true
where d.deptype in ('n', 'a') and d.objid >= 16384 and d.refobjid >= 16384
  and d.classid in (${regclasses(dependents)})
  and d.refclassid in (${regclasses([...REFERENCED_CATALOGS, ...KIND_CATALOGS])})`;
}
