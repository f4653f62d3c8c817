import type { Privilege, SequenceOptions } from "@pg-flux/core";
import type { Capabilities } from "../capabilities.js";
import {
  commentOf,
  managedNamespace,
  notExtensionMember,
  privilegesOf,
  schemaRelations,
} from "./fragments.js";
import { sequenceOptionsJson } from "./sequence-options.js";

export interface SequenceRow {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly persistence: string;
  readonly options: SequenceOptions;
  readonly ownedBySchema: string | null;
  readonly ownedByTable: string | null;
  readonly ownedByColumn: string | null;
  readonly owner: string;
  readonly comment: string | null;
  readonly privileges: readonly Privilege[];
}

/**
 * Sequences, without identity sequences (an `internal` dependency on a column): those belong to
 * their column's `identity`. `OWNED BY` is the `auto` dependency on a column.
 */
export function sequencesQuery(_caps: Capabilities): string {
  return `
select c.oid, n.nspname as schema, c.relname as name, c.relpersistence as persistence,
  ${sequenceOptionsJson("s")} as options,
  own.schema as "ownedBySchema", own.table as "ownedByTable", own.column as "ownedByColumn",
  pg_get_userbyid(c.relowner) as owner, ${commentOf("pg_class", "c.oid")} as comment,
  ${privilegesOf("c.relacl", "c.relowner", "s")} as privileges
from ${schemaRelations("c", "n")}
join pg_sequence s on s.seqrelid = c.oid
left join lateral (
  select tn.nspname as schema, tc.relname as table, ta.attname as column
  from pg_depend d
  join pg_class tc on tc.oid = d.refobjid
  join pg_namespace tn on tn.oid = tc.relnamespace
  join pg_attribute ta on ta.attrelid = d.refobjid and ta.attnum = d.refobjsubid
  where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.refclassid = 'pg_class'::regclass
    and d.refobjsubid > 0 and d.deptype = 'a'
  limit 1) own on true
where c.relkind = 'S' and ${managedNamespace("n")} and ${notExtensionMember("pg_class", "c.oid")}
  and not exists (select 1 from pg_depend i where i.classid = 'pg_class'::regclass and i.objid = c.oid
    and i.refclassid = 'pg_class'::regclass and i.refobjsubid > 0 and i.deptype = 'i')
order by n.nspname, c.relname`;
}
