import type { Privilege } from "@pg-flux/core";
import type { Capabilities } from "../capabilities.js";
import {
  commentOf,
  managedNamespace,
  notExtensionMember,
  privilegesOf,
  schemaRelations,
} from "./fragments.js";

export interface ViewRow {
  readonly oid: number;
  /** The row type's pg_type oid. */
  readonly reltype: number;
  readonly schema: string;
  readonly name: string;
  /** `v` view, `m` materialized view. */
  readonly relkind: string;
  readonly definition: string;
  readonly columns: readonly string[];
  readonly options: readonly string[] | null;
  readonly populated: boolean;
  /** A materialized view's table access method (`USING am`) when it is not heap, else null. */
  readonly accessMethod: string | null;
  /** A materialized view's columns with a storage, statistics target or attribute options of their own. */
  readonly columnSettings: Readonly<
    Record<
      string,
      {
        readonly storage: string;
        readonly typeStorage: string;
        readonly statisticsTarget: number | null;
        readonly options: readonly string[] | null;
      }
    >
  >;
  readonly owner: string;
  readonly comment: string | null;
  readonly columnComments: Readonly<Record<string, string>>;
  readonly privileges: readonly Privilege[];
  /** `pg_relation_is_updatable` bits (4 UPDATE, 8 INSERT) counting INSTEAD OF triggers and rules; 0 for a materialized view. */
  readonly writeEvents: number;
  /** The same by PostgreSQL's automatic view updating alone. */
  readonly autoWriteEvents: number;
  /** Columns automatic updating can write (`pg_column_is_updatable`). */
  readonly autoWritableColumns: readonly string[];
}

/** Views and materialized views, with their columns, column comments and what a view lets INSERT and UPDATE write. */
export function viewsQuery(_caps: Capabilities): string {
  const writable = `c.relkind = 'v' and not ${readsHandlerlessForeignTable("c.oid")}`;
  return `
select c.oid, c.reltype, n.nspname as schema, c.relname as name, c.relkind,
  pg_get_viewdef(c.oid, true) as definition,
  (select coalesce(json_agg(a.attname order by a.attnum), '[]'::json) from pg_attribute a
     where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns,
  c.reloptions as options, c.relispopulated as populated,
  (select am.amname from pg_am am where c.relkind = 'm' and am.oid = c.relam and am.amname <> 'heap') as "accessMethod", pg_get_userbyid(c.relowner) as owner,
  (select coalesce(json_object_agg(a.attname, json_build_object(
       'storage', a.attstorage, 'typeStorage', t.typstorage,
       'statisticsTarget', case when a.attstattarget >= 0 then a.attstattarget::int end,
       'options', a.attoptions) order by a.attnum), '{}'::json)
     from pg_attribute a join pg_type t on t.oid = a.atttypid
     where c.relkind = 'm' and a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
       and (a.attstorage <> t.typstorage or a.attstattarget >= 0 or a.attoptions is not null))
    as "columnSettings",
  ${commentOf("pg_class", "c.oid")} as comment,
  (select coalesce(json_object_agg(a.attname, d.description order by a.attnum), '{}'::json)
     from pg_attribute a join pg_description d on d.classoid = 'pg_class'::regclass
       and d.objoid = c.oid and d.objsubid = a.attnum
     where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as "columnComments",
  ${privilegesOf("c.relacl", "c.relowner", "r")} as privileges,
  case when ${writable} then pg_relation_is_updatable(c.oid, true) else 0 end as "writeEvents",
  case when ${writable} then pg_relation_is_updatable(c.oid, false) else 0 end as "autoWriteEvents",
  (select coalesce(json_agg(a.attname order by a.attnum), '[]'::json) from pg_attribute a
     where ${writable} and a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
       and pg_column_is_updatable(c.oid, a.attnum, false)) as "autoWritableColumns"
from ${schemaRelations("c", "n")}
where c.relkind in ('v', 'm') and ${managedNamespace("n")} and ${notExtensionMember("pg_class", "c.oid")}
order by n.nspname, c.relname`;
}

/**
 * True when the view (`view`: its oid) reads, directly or through other views, a foreign table of a
 * wrapper without a HANDLER. `pg_relation_is_updatable` and `pg_column_is_updatable` ask such a
 * table's wrapper what it can write and fail ("foreign-data wrapper … has no handler"); nothing can
 * be read or written through it, so the view writes nothing.
 */
function readsHandlerlessForeignTable(view: string): string {
  return `exists (
    with recursive reads(rel) as (
      select d.refobjid from pg_rewrite r
      join pg_depend d on d.classid = 'pg_rewrite'::regclass and d.objid = r.oid
        and d.refclassid = 'pg_class'::regclass and d.refobjid <> r.ev_class
      where r.ev_class = ${view}
      union
      select d.refobjid from reads
      join pg_rewrite r on r.ev_class = reads.rel
      join pg_depend d on d.classid = 'pg_rewrite'::regclass and d.objid = r.oid
        and d.refclassid = 'pg_class'::regclass and d.refobjid <> r.ev_class
    )
    select 1 from reads
    join pg_foreign_table ft on ft.ftrelid = reads.rel
    join pg_foreign_server s on s.oid = ft.ftserver
    join pg_foreign_data_wrapper w on w.oid = s.srvfdw
    where w.fdwhandler = 0)`;
}
