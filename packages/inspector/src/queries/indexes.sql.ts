import type { Capabilities } from "../capabilities.js";
import { commentOf, managedNamespace, notExtensionMember, schemaRelations } from "./fragments.js";

export interface IndexKeyRow {
  readonly expression: string;
  readonly opclassSchema: string;
  readonly opclassName: string;
  /** The opclass is the default one for the key's type, so CREATE INDEX would pick it anyway. */
  readonly opclassIsDefault: boolean;
  readonly collationSchema: string | null;
  readonly collationName: string | null;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
  /** attstattarget of the index column; null at the default (-1 before PG 17, null since). */
  readonly statisticsTarget: number | null;
}

export interface IndexRow {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly tableSchema: string;
  readonly table: string;
  readonly tableKind: string;
  readonly definition: string;
  readonly method: string;
  readonly unique: boolean;
  readonly nullsNotDistinct: boolean;
  readonly primary: boolean;
  readonly keys: readonly IndexKeyRow[];
  readonly include: readonly string[];
  readonly predicate: string | null;
  readonly options: readonly string[] | null;
  /**
   * Usable and complete: `indisvalid and indisready and indislive`. False for what a failed, killed
   * or timed-out CREATE INDEX CONCURRENTLY (or DROP INDEX CONCURRENTLY) leaves behind; the planner
   * drops and builds those again.
   */
  readonly valid: boolean;
  readonly constraint: string | null;
  readonly parentSchema: string | null;
  readonly parentName: string | null;
  readonly comment: string | null;
}

/**
 * Indexes of managed tables and materialized views. A key's collation is reported only when it
 * differs from what the key would get anyway: the column's collation for a column key, the type's
 * default collation for an expression.
 *
 * Set-based on purpose: the managed indexes are read once (`ix`), then the keys and INCLUDE columns
 * of all of them are built in one join each and grouped by index. As correlated subqueries (one per
 * index) the planner could not estimate `generate_series` over a row's own bounds and picked scans
 * of the whole table's attributes, and at worst of all of pg_type, per index: quadratic.
 */
export function indexesQuery(caps: Capabilities): string {
  const nullsNotDistinct = caps.nullsNotDistinct ? "i.indnullsnotdistinct" : "false";
  return `
with ix as materialized (
  select i.indexrelid, i.indrelid, i.indnkeyatts, i.indnatts, i.indkey, i.indclass, i.indcollation,
    i.indoption, i.indisunique, ${nullsNotDistinct} as indnullsnotdistinct, i.indisprimary, i.indpred,
    i.indisvalid and i.indisready and i.indislive as indisvalid, ic.relname as name, ic.relam, ic.reloptions, n.nspname as schema, c.relname as table,
    c.relkind
  from ${schemaRelations("c", "n")}
  join pg_index i on i.indrelid = c.oid
  join pg_class ic on ic.oid = i.indexrelid
  where c.relkind in ('r', 'p', 'm') and ${managedNamespace("n")}
    and ${notExtensionMember("pg_class", "c.oid")} and ${notExtensionMember("pg_class", "ic.oid")}
),
keys as (
  select i.indexrelid, json_agg(json_build_object(
      'expression', pg_get_indexdef(i.indexrelid, k.pos + 1, true),
      'opclassSchema', ocn.nspname, 'opclassName', opc.opcname,
      'opclassIsDefault', opc.opcdefault and (
        opc.opcintype = kt.base or ict.typtype = 'p'
        or exists (select 1 from pg_cast pc where pc.castsource = kt.base and pc.casttarget = opc.opcintype
                     and pc.castmethod = 'b')),
      'collationSchema', case when i.indcollation[k.pos] <> 0
        and i.indcollation[k.pos] <> coalesce(ta.attcollation, kt.typcollation) then kcn.nspname end,
      'collationName', case when i.indcollation[k.pos] <> 0
        and i.indcollation[k.pos] <> coalesce(ta.attcollation, kt.typcollation) then kco.collname end,
      'descending', (i.indoption[k.pos] & 1) <> 0,
      'nullsFirst', (i.indoption[k.pos] & 2) <> 0,
      'statisticsTarget', case when ia.attstattarget >= 0 then ia.attstattarget::int end)
      order by k.pos) as keys
  from ix i
  cross join lateral generate_series(0, i.indnkeyatts - 1) k(pos)
  join pg_opclass opc on opc.oid = i.indclass[k.pos]
  join pg_namespace ocn on ocn.oid = opc.opcnamespace
  join pg_type ict on ict.oid = opc.opcintype
  join pg_attribute ia on ia.attrelid = i.indexrelid and ia.attnum = k.pos + 1
  left join pg_attribute ta on ta.attrelid = i.indrelid and ta.attnum = i.indkey[k.pos] and i.indkey[k.pos] <> 0
  cross join lateral (
    select case when t.typtype = 'd' then t.typbasetype else t.oid end as base, t.typcollation
    from pg_type t where t.oid = coalesce(ta.atttypid, ia.atttypid)) kt
  left join pg_collation kco on kco.oid = i.indcollation[k.pos]
  left join pg_namespace kcn on kcn.oid = kco.collnamespace
  group by i.indexrelid
),
include as (
  select i.indexrelid, json_agg(pg_get_indexdef(i.indexrelid, k.pos + 1, true) order by k.pos) as include
  from ix i
  cross join lateral generate_series(i.indnkeyatts, i.indnatts - 1) k(pos)
  group by i.indexrelid
)
select i.indexrelid as oid, i.schema, i.name, i.schema as "tableSchema", i.table,
  i.relkind as "tableKind", pg_get_indexdef(i.indexrelid) as definition, am.amname as method,
  i.indisunique as unique, i.indnullsnotdistinct as "nullsNotDistinct", i.indisprimary as primary,
  coalesce(keys.keys, '[]'::json) as keys, coalesce(include.include, '[]'::json) as include,
  pg_get_expr(i.indpred, i.indrelid) as predicate, i.reloptions as options, i.indisvalid as valid,
  co.conname as constraint,
  pn.nspname as "parentSchema", pc.relname as "parentName",
  ${commentOf("pg_class", "i.indexrelid")} as comment
from ix i
join pg_am am on am.oid = i.relam
left join keys on keys.indexrelid = i.indexrelid
left join include on include.indexrelid = i.indexrelid
-- at most one: an index backs at most one PRIMARY KEY / UNIQUE / EXCLUDE constraint of its table
left join pg_constraint co on co.conindid = i.indexrelid and co.conrelid = i.indrelid
  and co.contype in ('p', 'u', 'x')
left join pg_inherits pi on pi.inhrelid = i.indexrelid
left join pg_class pc on pc.oid = pi.inhparent
left join pg_namespace pn on pn.oid = pc.relnamespace
order by i.schema, i.name`;
}
