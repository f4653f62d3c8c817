import type { CollectionModels } from "@pg-flux/core";
import type { Capabilities } from "../capabilities.js";
import { commentOf, notExtensionMember } from "./fragments.js";
import type { KindQuery } from "./kind-query.js";
import { type FunctionRow, functionRow, procedureRef, userFunctionIds } from "./text-search-parsers.sql.js";

type Language = CollectionModels["languages"];

export interface LanguageRow {
  readonly oid: number;
  readonly name: string;
  readonly trusted: boolean;
  readonly handler: FunctionRow;
  readonly inline: FunctionRow | null;
  readonly validator: FunctionRow | null;
  readonly owner: string;
  readonly comment: string | null;
}

/**
 * User procedural languages (pg_language, oid >= 16384: internal, c and sql are built in),
 * extension members (plpgsql, plperl, …) left out. They belong to the database: core's `schemas`
 * filter keeps them only when every schema is managed. The same on PostgreSQL 14–18.
 */
function languagesQuery(_caps: Capabilities): string {
  return `
select l.oid, l.lanname as name, l.lanpltrusted as trusted, ${functionRow("l.lanplcallfoid")} as handler,
  ${functionRow("l.laninline")} as inline, ${functionRow("l.lanvalidator")} as validator,
  pg_get_userbyid(l.lanowner) as owner, ${commentOf("pg_language", "l.oid")} as comment
from pg_language l
where l.oid >= 16384 and l.lanispl and ${notExtensionMember("pg_language", "l.oid")}
order by l.lanname`;
}

function readLanguage(row: LanguageRow): Omit<Language, "id"> {
  return {
    kind: "language",
    name: row.name,
    trusted: row.trusted,
    handler: procedureRef(row.handler),
    inline: row.inline === null ? null : procedureRef(row.inline),
    validator: row.validator === null ? null : procedureRef(row.validator),
    functionIds: userFunctionIds([row.handler, row.inline, row.validator]),
    owner: row.owner,
    comment: row.comment,
  };
}

export const languagesKind: KindQuery<"languages", LanguageRow> = {
  catalog: "pg_language",
  query: languagesQuery,
  read: readLanguage,
};
