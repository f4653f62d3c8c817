import { type CollectionModels, ids, type Privilege, parseOptions } from "@pg-flux/core";
import type { Capabilities } from "../capabilities.js";
import { readPrivileges } from "../read/privileges.js";
import { commentOf, notExtensionMember, privilegesOf } from "./fragments.js";
import type { KindQuery } from "./kind-query.js";

type ForeignDataWrapper = CollectionModels["foreignDataWrappers"];

/** A wrapper's HANDLER or VALIDATOR; `user` when it is a user routine of the state (its id is needed). */
interface FunctionRef {
  readonly schema: string;
  readonly name: string;
  readonly arguments: string;
  readonly user: boolean;
}

export interface ForeignDataWrapperRow {
  readonly oid: number;
  readonly name: string;
  readonly handler: FunctionRef | null;
  readonly validator: FunctionRef | null;
  readonly options: readonly string[] | null;
  readonly owner: string;
  readonly privileges: readonly Privilege[];
  readonly comment: string | null;
}

/** The JSON of the function `oid` names (0: none); `user` for a routine not made by initdb or an extension. */
function functionRef(oid: string): string {
  return `(select json_build_object('schema', n.nspname, 'name', p.proname,
    'arguments', pg_get_function_identity_arguments(p.oid),
    'user', p.oid >= 16384 and ${notExtensionMember("pg_proc", "p.oid")})
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace where p.oid = ${oid})`;
}

/**
 * Wrappers the user created (pg_foreign_data_wrapper, oid >= 16384): those of extensions
 * (postgres_fdw, file_fdw) left out. They belong to the database; the same on PostgreSQL 14–18.
 */
function foreignDataWrappersQuery(_caps: Capabilities): string {
  return `
select w.oid, w.fdwname as name, ${functionRef("w.fdwhandler")} as handler,
  ${functionRef("w.fdwvalidator")} as validator, w.fdwoptions as options,
  pg_get_userbyid(w.fdwowner) as owner, ${privilegesOf("w.fdwacl", "w.fdwowner", "F")} as privileges,
  ${commentOf("pg_foreign_data_wrapper", "w.oid")} as comment
from pg_foreign_data_wrapper w
where w.oid >= 16384 and ${notExtensionMember("pg_foreign_data_wrapper", "w.oid")}
order by w.fdwname`;
}

function readForeignDataWrapper(row: ForeignDataWrapperRow): Omit<ForeignDataWrapper, "id"> {
  const ref = (fn: FunctionRef | null) => (fn === null ? null : { schema: fn.schema, name: fn.name });
  return {
    kind: "foreign_data_wrapper",
    name: row.name,
    handler: ref(row.handler),
    validator: ref(row.validator),
    functionIds: [row.handler, row.validator].flatMap((fn) =>
      fn?.user ? [ids.function(fn.schema, fn.name, fn.arguments)] : [],
    ),
    options: parseOptions(row.options),
    owner: row.owner,
    privileges: readPrivileges(row.privileges),
    comment: row.comment,
  };
}

export const foreignDataWrappersKind: KindQuery<"foreignDataWrappers", ForeignDataWrapperRow> = {
  catalog: "pg_foreign_data_wrapper",
  query: foreignDataWrappersQuery,
  read: readForeignDataWrapper,
};
