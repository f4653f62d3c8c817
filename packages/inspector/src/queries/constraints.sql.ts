import type { Capabilities } from "../capabilities.js";
import { managedNamespace, notExtensionMember, schemaRelations } from "./fragments.js";

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
  readonly enforced: boolean;
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

/**
 * Names of the attributes `keys` (an int2[] column) of `relation`, in key order, as a JSON array;
 * numbers without an attribute (0 stands for an expression in an EXCLUDE key) are left out. One
 * index lookup per key: joining the relation's attributes and aggregating with json_agg cost a hash
 * table and a sort per constraint, most of the query's time on large schemas.
 */
function attributeNames(keys: string, relation: string): string {
  return (
    `array_to_json(array_remove(array(select (select att.attname from pg_attribute att` +
    ` where att.attrelid = ${relation} and att.attnum = k.attnum)` +
    ` from unnest(${keys}) with ordinality k(attnum, ord) order by k.ord), null))`
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
  const enforced = caps.enforcedConstraints ? "co.conenforced" : "true";
  const nullsNotDistinct = caps.nullsNotDistinct ? "coalesce(i.indnullsnotdistinct, false)" : "false";
  return `
select co.oid, n.nspname as schema, c.relname as table, co.conname as name, co.contype as type,
  pg_get_constraintdef(co.oid) as definition, co.condeferrable as deferrable,
  co.condeferred as "initiallyDeferred", co.convalidated as validated, ${enforced} as enforced, co.conislocal as "isLocal",
  co.connoinherit as "noInherit", d.description as comment,
  ${attributeNames("co.conkey", "co.conrelid")} as columns,
  rn.nspname as "referencedSchema", rc.relname as "referencedTable",
  case when co.confkey is null then '[]'::json
    else ${attributeNames("co.confkey", "co.confrelid")} end as "referencedColumns",
  co.confmatchtype as match, co.confupdtype as "onUpdate", co.confdeltype as "onDelete",
  ixn.nspname as "indexSchema", ix.relname as "indexName",
  ${nullsNotDistinct} as "nullsNotDistinct",
  case when co.contype = 'c' then pg_get_expr(co.conbin, co.conrelid) end as expression
from ${schemaRelations("c", "n")}
join pg_constraint co on co.conrelid = c.oid
left join pg_class rc on rc.oid = co.confrelid
left join pg_namespace rn on rn.oid = rc.relnamespace
left join pg_class ix on ix.oid = co.conindid
left join pg_namespace ixn on ixn.oid = ix.relnamespace
left join pg_index i on i.indexrelid = co.conindid
left join pg_description d on d.classoid = 'pg_constraint'::regclass and d.objoid = co.oid and d.objsubid = 0
where co.contype in (${types}) and c.relkind in ('r', 'p')
  and ${managedNamespace("n")} and ${notExtensionMember("pg_class", "c.oid")}
  and not (co.conparentid <> 0 and exists (
    select 1 from pg_constraint pco where pco.oid = co.conparentid and pco.conrelid = co.conrelid))
order by n.nspname, c.relname, co.conname`;
}
