import type { CollectionModels } from "@pg-flux/core";
import type { Capabilities } from "../capabilities.js";
import { decode } from "../read/codes.js";
import { commentOf, notExtensionMember } from "./fragments.js";
import type { KindQuery } from "./kind-query.js";
import { type FunctionRow, functionRow, procedureRef, userFunctionIds } from "./text-search-parsers.sql.js";

type AccessMethod = CollectionModels["accessMethods"];

export interface AccessMethodRow {
  readonly oid: number;
  readonly name: string;
  /** amtype: `i` index, `t` table. */
  readonly type: string;
  readonly handler: FunctionRow;
  readonly comment: string | null;
}

/**
 * User access methods (pg_am, oid >= 16384), extension members left out. They belong to the
 * database: core's `schemas` filter keeps them only when every schema is managed. The same on
 * PostgreSQL 14–18.
 */
function accessMethodsQuery(_caps: Capabilities): string {
  return `
select a.oid, a.amname as name, a.amtype::text as type, ${functionRow("a.amhandler")} as handler,
  ${commentOf("pg_am", "a.oid")} as comment
from pg_am a
where a.oid >= 16384 and ${notExtensionMember("pg_am", "a.oid")}
order by a.amname`;
}

const AM_TYPE = { i: "index", t: "table" } as const;

function readAccessMethod(row: AccessMethodRow): Omit<AccessMethod, "id"> {
  return {
    kind: "access_method",
    name: row.name,
    type: decode("access method type", AM_TYPE, row.type),
    handler: procedureRef(row.handler),
    handlerId: userFunctionIds([row.handler])[0] ?? null,
    comment: row.comment,
  };
}

export const accessMethodsKind: KindQuery<"accessMethods", AccessMethodRow> = {
  catalog: "pg_am",
  query: accessMethodsQuery,
  read: readAccessMethod,
};
