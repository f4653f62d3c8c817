import { type CollectionModels, ids } from "@pg-flux/core";
import type { Capabilities } from "../capabilities.js";
import { commentOf, managedNamespace, notExtensionMember } from "./fragments.js";
import type { KindQuery } from "./kind-query.js";

type TextSearchParser = CollectionModels["textSearchParsers"];
type ProcedureRef = TextSearchParser["start"];

/** A function a text search parser or template calls: its identity arguments when a user routine. */
export interface FunctionRow {
  readonly schema: string;
  readonly name: string;
  /** pg_get_function_identity_arguments for a user routine (oid >= 16384), else null. */
  readonly arguments: string | null;
}

/** The function `oid` names, as a FunctionRow (json). */
export function functionRow(oid: string): string {
  return `(select json_build_object('schema', fn.nspname, 'name', f.proname, 'arguments',
    case when f.oid >= 16384 then pg_get_function_identity_arguments(f.oid) end)
    from pg_proc f join pg_namespace fn on fn.oid = f.pronamespace where f.oid = ${oid})`;
}

export function procedureRef(row: FunctionRow): ProcedureRef {
  return { schema: row.schema, name: row.name };
}

/** The ids of the user routines among the functions (their CREATE comes first), sorted. */
export function userFunctionIds(rows: readonly (FunctionRow | null)[]): readonly string[] {
  const found = rows.flatMap((row) =>
    row?.arguments == null ? [] : [ids.function(row.schema, row.name, row.arguments)],
  );
  return [...new Set(found)].sort();
}

export interface TextSearchParserRow {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly start: FunctionRow;
  readonly gettoken: FunctionRow;
  readonly end: FunctionRow;
  readonly lextypes: FunctionRow;
  readonly headline: FunctionRow | null;
  readonly comment: string | null;
}

/** Text search parsers (pg_ts_parser) in the managed schemas. The same on PostgreSQL 14–18. */
function textSearchParsersQuery(_caps: Capabilities): string {
  return `
select p.oid, n.nspname as schema, p.prsname as name,
  ${functionRow("p.prsstart")} as start, ${functionRow("p.prstoken")} as gettoken,
  ${functionRow("p.prsend")} as "end", ${functionRow("p.prslextype")} as lextypes,
  ${functionRow("p.prsheadline")} as headline,
  ${commentOf("pg_ts_parser", "p.oid")} as comment
from pg_ts_parser p
join pg_namespace n on n.oid = p.prsnamespace
where ${managedNamespace("n")} and ${notExtensionMember("pg_ts_parser", "p.oid")}
order by n.nspname, p.prsname`;
}

function readTextSearchParser(row: TextSearchParserRow): Omit<TextSearchParser, "id"> {
  return {
    kind: "text_search_parser",
    schema: row.schema,
    name: row.name,
    start: procedureRef(row.start),
    gettoken: procedureRef(row.gettoken),
    end: procedureRef(row.end),
    lextypes: procedureRef(row.lextypes),
    headline: row.headline === null ? null : procedureRef(row.headline),
    functionIds: userFunctionIds([row.start, row.gettoken, row.end, row.lextypes, row.headline]),
    comment: row.comment,
  };
}

export const textSearchParsersKind: KindQuery<"textSearchParsers", TextSearchParserRow> = {
  catalog: "pg_ts_parser",
  query: textSearchParsersQuery,
  read: readTextSearchParser,
};
