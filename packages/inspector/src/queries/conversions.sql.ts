import type { CollectionModels } from "@pg-flux/core";
import type { Capabilities } from "../capabilities.js";
import { commentOf, managedNamespace, notExtensionMember } from "./fragments.js";
import type { KindQuery } from "./kind-query.js";
import { type FunctionRow, functionRow, procedureRef, userFunctionIds } from "./text-search-parsers.sql.js";

type Conversion = CollectionModels["conversions"];

export interface ConversionRow {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly source: string;
  readonly target: string;
  readonly function: FunctionRow;
  readonly isDefault: boolean;
  readonly owner: string;
  readonly comment: string | null;
}

/**
 * Conversions (pg_conversion) in the managed schemas, extension members left out (the built-in
 * ones live in pg_catalog). The same on PostgreSQL 14–18.
 */
function conversionsQuery(_caps: Capabilities): string {
  return `
select c.oid, n.nspname as schema, c.conname as name,
  pg_encoding_to_char(c.conforencoding) as source, pg_encoding_to_char(c.contoencoding) as target,
  ${functionRow("c.conproc")} as function, c.condefault as "isDefault",
  pg_get_userbyid(c.conowner) as owner, ${commentOf("pg_conversion", "c.oid")} as comment
from pg_conversion c
join pg_namespace n on n.oid = c.connamespace
where ${managedNamespace("n")} and ${notExtensionMember("pg_conversion", "c.oid")}
order by n.nspname, c.conname`;
}

function readConversion(row: ConversionRow): Omit<Conversion, "id"> {
  return {
    kind: "conversion",
    schema: row.schema,
    name: row.name,
    source: row.source,
    target: row.target,
    function: procedureRef(row.function),
    functionId: userFunctionIds([row.function])[0] ?? null,
    isDefault: row.isDefault,
    owner: row.owner,
    comment: row.comment,
  };
}

export const conversionsKind: KindQuery<"conversions", ConversionRow> = {
  catalog: "pg_conversion",
  query: conversionsQuery,
  read: readConversion,
};
