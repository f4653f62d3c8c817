import type { Capabilities } from "../capabilities.js";
import { commentOf, managedNamespace, notExtensionMember } from "./fragments.js";

export interface ConstraintRow {
  readonly oid: number;
  readonly schema: string;
  readonly table: string;
  readonly name: string;
  readonly type: string;
  readonly definition: string;
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
  readonly validated: boolean;
  readonly isLocal: boolean;
  readonly noInherit: boolean;
  readonly comment: string | null;
  readonly columns: readonly string[];
  readonly referencedSchema: string | null;
  readonly referencedTable: string | null;
  readonly referencedColumns: readonly string[];
  readonly match: string;
  readonly onUpdate: string;
  readonly onDelete: string;
  readonly indexSchema: string | null;
  readonly indexName: string | null;
  readonly nullsNotDistinct: boolean;
  readonly expression: string | null;
}

function attributeNames(keys: string, relation: string): string {
  return (
    `(select coalesce(json_agg(att.attname order by k.ord), '[]'::json)` +
    ` from unnest(${keys}) with ordinality k(attnum, ord)` +
    ` join pg_attribute att on att.attrelid = ${relation} and att.attnum = k.attnum)`
  );
}

/**
 * Table constraints (domain checks are read with their domain). Left out: the constraint rows
 * PostgreSQL adds on the referencing table for each partition of a referenced partitioned table
 * (`conparentid` pointing at a constraint of the same table): they are an implementation detail of
 * the one FOREIGN KEY the user wrote, and their names differ between versions.
 */
export function constraintsQuery(caps: Capabilities): string {
  const types = caps.notNullConstraints ? "'p', 'u', 'c', 'f', 'x', 'n'" : "'p', 'u', 'c', 'f', 'x'";
  const nullsNotDistinct = caps.nullsNotDistinct
    ? "coalesce((select i.indnullsnotdistinct from pg_index i where i.indexrelid = co.conindid), false)"
    : "false";
  return `
select co.oid, n.nspname as schema, c.relname as table, co.conname as name, co.contype as type,
  pg_get_constraintdef(co.oid) as definition, co.condeferrable as deferrable,
  co.condeferred as "initiallyDeferred", co.convalidated as validated, co.conislocal as "isLocal",
  co.connoinherit as "noInherit", ${commentOf("pg_constraint", "co.oid")} as comment,
  ${attributeNames("co.conkey", "co.conrelid")} as columns,
  rn.nspname as "referencedSchema", rc.relname as "referencedTable",
  ${attributeNames("co.confkey", "co.confrelid")} as "referencedColumns",
  co.confmatchtype as match, co.confupdtype as "onUpdate", co.confdeltype as "onDelete",
  ixn.nspname as "indexSchema", ix.relname as "indexName",
  ${nullsNotDistinct} as "nullsNotDistinct",
  case when co.contype = 'c' then pg_get_expr(co.conbin, co.conrelid) end as expression
from pg_constraint co
join pg_class c on c.oid = co.conrelid
join pg_namespace n on n.oid = c.relnamespace
left join pg_class rc on rc.oid = co.confrelid
left join pg_namespace rn on rn.oid = rc.relnamespace
left join pg_class ix on ix.oid = co.conindid
left join pg_namespace ixn on ixn.oid = ix.relnamespace
where co.contype in (${types}) and c.relkind in ('r', 'p')
  and ${managedNamespace("n")} and ${notExtensionMember("pg_class", "c.oid")}
  and not (co.conparentid <> 0 and exists (
    select 1 from pg_constraint pco where pco.oid = co.conparentid and pco.conrelid = co.conrelid))
order by n.nspname, c.relname, co.conname`;
}
