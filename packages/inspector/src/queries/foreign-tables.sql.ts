import { type CollectionModels, type Privilege, parseOptions } from "@pg-flux/core";
import type { Capabilities } from "../capabilities.js";
import { collationText } from "../read/names.js";
import { readPrivileges } from "../read/privileges.js";
import { commentOf, managedNamespace, notExtensionMember, privilegesOf } from "./fragments.js";
import type { KindQuery } from "./kind-query.js";

type ForeignTable = CollectionModels["foreignTables"];

interface ForeignColumnRow {
  readonly name: string;
  readonly type: string;
  readonly collationSchema: string | null;
  readonly collationName: string | null;
  readonly notNull: boolean;
  readonly default: string | null;
  readonly options: readonly string[] | null;
  readonly comment: string | null;
}

export interface ForeignTableRow {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly server: string;
  readonly columns: readonly ForeignColumnRow[];
  readonly options: readonly string[] | null;
  readonly owner: string;
  readonly privileges: readonly Privilege[];
  readonly comment: string | null;
}

/**
 * Foreign tables (pg_class relkind `f`) in the managed schemas, their columns in attnum order. The
 * same on PostgreSQL 14–18.
 */
function foreignTablesQuery(_caps: Capabilities): string {
  return `
select c.oid, n.nspname as schema, c.relname as name, s.srvname as server,
  (select coalesce(json_agg(json_build_object('name', a.attname,
      'type', format_type(a.atttypid, a.atttypmod),
      'collationSchema', case when a.attcollation <> 0 and a.attcollation <> t.typcollation then cn.nspname end,
      'collationName', case when a.attcollation <> 0 and a.attcollation <> t.typcollation then co.collname end,
      'notNull', a.attnotnull, 'default', pg_get_expr(ad.adbin, ad.adrelid),
      'options', a.attfdwoptions, 'comment', ${commentOf("pg_class", "c.oid", "a.attnum")})
      order by a.attnum), '[]'::json)
    from pg_attribute a
    join pg_type t on t.oid = a.atttypid
    left join pg_collation co on co.oid = a.attcollation
    left join pg_namespace cn on cn.oid = co.collnamespace
    left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
    where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns,
  ft.ftoptions as options, pg_get_userbyid(c.relowner) as owner,
  ${privilegesOf("c.relacl", "c.relowner", "r")} as privileges,
  ${commentOf("pg_class", "c.oid")} as comment
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
join pg_foreign_table ft on ft.ftrelid = c.oid
join pg_foreign_server s on s.oid = ft.ftserver
where c.relkind = 'f' and ${managedNamespace("n")} and ${notExtensionMember("pg_class", "c.oid")}
order by n.nspname, c.relname`;
}

function readForeignTable(row: ForeignTableRow): Omit<ForeignTable, "id"> {
  return {
    kind: "foreign_table",
    schema: row.schema,
    name: row.name,
    server: row.server,
    columns: row.columns.map((column) => ({
      name: column.name,
      type: column.type,
      collation: collationText(column.collationSchema, column.collationName),
      notNull: column.notNull,
      default: column.default,
      options: parseOptions(column.options),
      comment: column.comment,
    })),
    options: parseOptions(row.options),
    owner: row.owner,
    privileges: readPrivileges(row.privileges),
    comment: row.comment,
  };
}

export const foreignTablesKind: KindQuery<"foreignTables", ForeignTableRow> = {
  catalog: "pg_class",
  query: foreignTablesQuery,
  read: readForeignTable,
};
