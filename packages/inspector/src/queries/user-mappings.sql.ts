import { type CollectionModels, isSecretOption, parseOptions } from "@pg-flux/core";
import type { Capabilities } from "../capabilities.js";
import type { KindQuery } from "./kind-query.js";

type UserMapping = CollectionModels["userMappings"];

export interface UserMappingRow {
  readonly oid: number;
  readonly user: string;
  readonly server: string;
  readonly options: readonly string[] | null;
}

/**
 * User mappings of the user's servers, through the `pg_user_mappings` view (pg_user_mapping itself
 * is readable by superusers only). The view shows a mapping's options to a superuser, to the mapped
 * role and to the server's owner; to any other role they read as none. The same on PostgreSQL 14–18.
 */
function userMappingsQuery(_caps: Capabilities): string {
  return `
select m.umid as oid, case when m.umuser = 0 then 'PUBLIC' else m.usename end as user,
  m.srvname as server, m.umoptions as options
from pg_user_mappings m
where m.srvid >= 16384
order by m.srvname, 2`;
}

/** The secret options (`isSecretOption`: password, passfile, …) are dropped here: never in a state. */
function readUserMapping(row: UserMappingRow): Omit<UserMapping, "id"> {
  return {
    kind: "user_mapping",
    user: row.user,
    server: row.server,
    options: parseOptions(row.options).filter((option) => !isSecretOption(option.name)),
    comment: null,
  };
}

export const userMappingsKind: KindQuery<"userMappings", UserMappingRow> = {
  catalog: "pg_user_mapping",
  query: userMappingsQuery,
  read: readUserMapping,
};
