import type { Privilege, SequenceOptions } from "@pg-flux/core";
import type { Capabilities } from "../capabilities.js";
import { managedNamespace, notExtensionMember, privilegesOf, schemaRelations } from "./fragments.js";
import { sequenceOptionsJson } from "./sequence-options.js";

export interface ColumnRow {
  readonly tableOid: number;
  readonly schema: string;
  readonly table: string;
  readonly name: string;
  readonly position: number;
  readonly typeText: string;
  readonly typeSchema: string;
  readonly typeName: string;
  readonly typmod: number;
  readonly arrayDimensions: number;
  readonly category: string;
  readonly typeStorage: string;
  readonly storage: string;
  readonly statisticsTarget: number | null;
  readonly options: readonly string[] | null;
  readonly collationSchema: string | null;
  readonly collationName: string | null;
  readonly notNull: boolean;
  readonly notNullConstraint: string | null;
  readonly default: string | null;
  readonly identity: string;
  readonly identitySequence: SequenceOptions | null;
  readonly generated: string;
  readonly generatedExpression: string | null;
  readonly isLocal: boolean;
  readonly compression: string;
  readonly comment: string | null;
  readonly privileges: readonly Privilege[];
}

/**
 * Columns of every managed table, in attnum order. The NOT NULL constraint (PG 18: at most one per
 * column) and the comment are joined rather than looked up per column; a column without an ACL has
 * no privileges of its own, so `aclexplode` runs only for columns that have one.
 */
export function columnsQuery(caps: Capabilities): string {
  const notNullConstraint = caps.notNullConstraints ? "nn.conname" : "null::name";
  const notNullJoin = caps.notNullConstraints
    ? `
left join pg_constraint nn on nn.conrelid = a.attrelid and nn.contype = 'n' and nn.conkey[1] = a.attnum`
    : "";
  return `
select c.oid as "tableOid", n.nspname as schema, c.relname as table, a.attname as name,
  a.attnum as position, format_type(a.atttypid, a.atttypmod) as "typeText",
  etn.nspname as "typeSchema", et.typname as "typeName", a.atttypmod as typmod,
  a.attndims as "arrayDimensions", et.typcategory as category,
  t.typstorage as "typeStorage", a.attstorage as storage,
  case when a.attstattarget >= 0 then a.attstattarget::int end as "statisticsTarget",
  a.attoptions as options,
  case when a.attcollation <> 0 and a.attcollation <> t.typcollation then cn.nspname end as "collationSchema",
  case when a.attcollation <> 0 and a.attcollation <> t.typcollation then co.collname end as "collationName",
  a.attnotnull as "notNull", ${notNullConstraint} as "notNullConstraint",
  case when a.attgenerated = '' then pg_get_expr(ad.adbin, ad.adrelid) end as default,
  a.attidentity as identity,
  (select ${sequenceOptionsJson("s")} from pg_depend d join pg_sequence s on s.seqrelid = d.objid
     where d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass
       and d.refobjid = a.attrelid and d.refobjsubid = a.attnum and d.deptype = 'i'
       and a.attidentity <> '' limit 1) as "identitySequence",
  a.attgenerated as generated,
  case when a.attgenerated <> '' then pg_get_expr(ad.adbin, ad.adrelid) end as "generatedExpression",
  a.attislocal as "isLocal", a.attcompression as compression,
  cd.description as comment,
  case when a.attacl is null then '[]'::json
    else ${privilegesOf("a.attacl", "c.relowner", null)} end as privileges
from ${schemaRelations("c", "n")}
join pg_attribute a on a.attrelid = c.oid
join pg_type t on t.oid = a.atttypid
join pg_type et on et.oid = case when t.typsubscript = 'array_subscript_handler'::regproc then t.typelem else t.oid end
join pg_namespace etn on etn.oid = et.typnamespace
left join pg_collation co on co.oid = a.attcollation
left join pg_namespace cn on cn.oid = co.collnamespace
left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum${notNullJoin}
left join pg_description cd on cd.classoid = 'pg_class'::regclass and cd.objoid = c.oid and cd.objsubid = a.attnum
where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p')
  and ${managedNamespace("n")} and ${notExtensionMember("pg_class", "c.oid")}
order by n.nspname, c.relname, a.attnum`;
}
