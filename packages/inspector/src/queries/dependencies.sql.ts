import type { Capabilities } from "../capabilities.js";

/** One pg_depend edge between catalog rows, resolved to ids in read/dependencies.ts. */
export interface DependencyRow {
  readonly catalog: string;
  readonly objid: number;
  readonly objsubid: number;
  readonly refCatalog: string;
  readonly refobjid: number;
  readonly refobjsubid: number;
}

/**
 * Normal and auto dependencies between user objects (oid >= 16384). A view's dependencies are
 * recorded on its rewrite rule and a column default's on its pg_attrdef row; both are rewritten
 * here to the view and to the column. Objects outside the state simply find no id and are dropped.
 */
export function dependenciesQuery(_caps: Capabilities): string {
  return `
select distinct
  case when d.classid in ('pg_rewrite'::regclass, 'pg_attrdef'::regclass) then 'pg_class'
    else d.classid::regclass::text end as catalog,
  coalesce(rw.ev_class, ad.adrelid, d.objid) as objid,
  case when d.classid = 'pg_attrdef'::regclass then ad.adnum::int
    when d.classid = 'pg_rewrite'::regclass then 0 else d.objsubid end as objsubid,
  d.refclassid::regclass::text as "refCatalog", d.refobjid, d.refobjsubid
from pg_depend d
left join pg_rewrite rw on d.classid = 'pg_rewrite'::regclass and rw.oid = d.objid
left join pg_attrdef ad on d.classid = 'pg_attrdef'::regclass and ad.oid = d.objid
where d.deptype in ('n', 'a') and d.objid >= 16384 and d.refobjid >= 16384
  and d.classid in ('pg_class'::regclass, 'pg_proc'::regclass, 'pg_type'::regclass,
    'pg_constraint'::regclass, 'pg_trigger'::regclass, 'pg_policy'::regclass,
    'pg_rewrite'::regclass, 'pg_attrdef'::regclass)
  and d.refclassid in ('pg_class'::regclass, 'pg_proc'::regclass, 'pg_type'::regclass,
    'pg_constraint'::regclass)`;
}
