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
 * The managed indexes are read once, set-based (`ix`); everything else is looked up per index and
 * per key by a unique catalog key (`pg_attribute (attrelid, attnum)`, `pg_opclass`/`pg_type`/
 * `pg_collation`/`pg_namespace` by oid, `pg_inherits (inhrelid)`, `pg_constraint (conrelid)`),
 * each in a LATERAL subquery fenced with `offset 0` or a scalar subquery, so that it is planned on
 * its own as an index scan whatever the catalogs' statistics say. Two shapes were quadratic:
 * correlated subqueries joined freely (the planner could not estimate `generate_series` over a row's
 * own bounds and picked scans of the whole table's attributes, at worst of all of pg_type, per
 * index), and keys aggregated set-based then joined back to `ix` (with the statistics autovacuum
 * leaves after a big load, `ix` is estimated at a few hundred rows and the join back becomes a nested
 * loop over all keys per index: 42 s at 13,700 indexes instead of 1 s).
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
)
select i.indexrelid as oid, i.schema, i.name, i.schema as "tableSchema", i.table,
  i.relkind as "tableKind", pg_get_indexdef(i.indexrelid) as definition,
  (select am.amname from pg_am am where am.oid = i.relam) as method,
  i.indisunique as unique, i.indnullsnotdistinct as "nullsNotDistinct", i.indisprimary as primary,
  coalesce(keys.keys, '[]'::json) as keys, coalesce(include.include, '[]'::json) as include,
  pg_get_expr(i.indpred, i.indrelid) as predicate, i.reloptions as options, i.indisvalid as valid,
  -- at most one: an index backs at most one PRIMARY KEY / UNIQUE / EXCLUDE constraint of its table
  (select co.conname from pg_constraint co where co.conrelid = i.indrelid
     and co.conindid = i.indexrelid and co.contype in ('p', 'u', 'x')) as constraint,
  parent.nspname as "parentSchema", parent.relname as "parentName",
  ${commentOf("pg_class", "i.indexrelid")} as comment
from ix i
left join lateral (
  select json_agg(json_build_object(
      'expression', pg_get_indexdef(i.indexrelid, k.pos + 1, true),
      'opclassSchema', opc.nspname, 'opclassName', opc.opcname,
      'opclassIsDefault', opc.opcdefault and (
        opc.opcintype = kt.base or opc.typtype = 'p'
        or exists (select 1 from pg_cast pc where pc.castsource = kt.base and pc.casttarget = opc.opcintype
                     and pc.castmethod = 'b')),
      'collationSchema', case when i.indcollation[k.pos] <> 0
        and i.indcollation[k.pos] <> coalesce(ta.attcollation, kt.typcollation) then kco.nspname end,
      'collationName', case when i.indcollation[k.pos] <> 0
        and i.indcollation[k.pos] <> coalesce(ta.attcollation, kt.typcollation) then kco.collname end,
      'descending', (i.indoption[k.pos] & 1) <> 0,
      'nullsFirst', (i.indoption[k.pos] & 2) <> 0,
      'statisticsTarget', case when ia.attstattarget >= 0 then ia.attstattarget::int end)
      order by k.pos) as keys
  from generate_series(0, i.indnkeyatts - 1) k(pos)
  cross join lateral (
    select o.opcname, o.opcdefault, o.opcintype,
      (select n.nspname from pg_namespace n where n.oid = o.opcnamespace) as nspname,
      (select t.typtype from pg_type t where t.oid = o.opcintype) as typtype
    from pg_opclass o where o.oid = i.indclass[k.pos] offset 0) opc
  cross join lateral (
    select a.atttypid, a.attstattarget from pg_attribute a
    where a.attrelid = i.indexrelid and a.attnum = k.pos + 1 offset 0) ia
  left join lateral (
    select a.atttypid, a.attcollation from pg_attribute a
    where i.indkey[k.pos] <> 0 and a.attrelid = i.indrelid and a.attnum = i.indkey[k.pos] offset 0) ta on true
  cross join lateral (
    select case when t.typtype = 'd' then t.typbasetype else t.oid end as base, t.typcollation
    from pg_type t where t.oid = coalesce(ta.atttypid, ia.atttypid) offset 0) kt
  left join lateral (
    select co.collname, (select n.nspname from pg_namespace n where n.oid = co.collnamespace) as nspname
    from pg_collation co where co.oid = i.indcollation[k.pos] offset 0) kco on true
) keys on true
left join lateral (
  select json_agg(pg_get_indexdef(i.indexrelid, k.pos + 1, true) order by k.pos) as include
  from generate_series(i.indnkeyatts, i.indnatts - 1) k(pos)
) include on true
left join lateral (
  select pn.nspname, pc.relname from pg_inherits pi
  cross join lateral (select c.relname, c.relnamespace from pg_class c where c.oid = pi.inhparent offset 0) pc
  cross join lateral (select n.nspname from pg_namespace n where n.oid = pc.relnamespace offset 0) pn
  where pi.inhrelid = i.indexrelid offset 0
) parent on true
order by i.schema, i.name`;
}
