import { type CollectionModels, type Privilege, parseOptions } from "@pg-flux/core";
import type { Capabilities } from "../capabilities.js";
import { readPrivileges } from "../read/privileges.js";
import { commentOf, notExtensionMember, privilegesOf } from "./fragments.js";
import type { KindQuery } from "./kind-query.js";

type ForeignServer = CollectionModels["foreignServers"];

export interface ForeignServerRow {
  readonly oid: number;
  readonly name: string;
  readonly wrapper: string;
  readonly type: string | null;
  readonly version: string | null;
  readonly options: readonly string[] | null;
  readonly owner: string;
  readonly privileges: readonly Privilege[];
  readonly comment: string | null;
}

/** Servers the user created (pg_foreign_server): database-wide; the same on PostgreSQL 14–18. */
function foreignServersQuery(_caps: Capabilities): string {
  return `
select s.oid, s.srvname as name, w.fdwname as wrapper, s.srvtype as type, s.srvversion as version,
  s.srvoptions as options, pg_get_userbyid(s.srvowner) as owner,
  ${privilegesOf("s.srvacl", "s.srvowner", "S")} as privileges,
  ${commentOf("pg_foreign_server", "s.oid")} as comment
from pg_foreign_server s
join pg_foreign_data_wrapper w on w.oid = s.srvfdw
where s.oid >= 16384 and ${notExtensionMember("pg_foreign_server", "s.oid")}
order by s.srvname`;
}

function readForeignServer(row: ForeignServerRow): Omit<ForeignServer, "id"> {
  return {
    kind: "foreign_server",
    name: row.name,
    wrapper: row.wrapper,
    type: row.type,
    version: row.version,
    options: parseOptions(row.options),
    owner: row.owner,
    privileges: readPrivileges(row.privileges),
    comment: row.comment,
  };
}

export const foreignServersKind: KindQuery<"foreignServers", ForeignServerRow> = {
  catalog: "pg_foreign_server",
  query: foreignServersQuery,
  read: readForeignServer,
};
