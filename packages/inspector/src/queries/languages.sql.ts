import type { CollectionModels, Privilege } from "@pg-flux/core";
import type { Capabilities } from "../capabilities.js";
import { readPrivileges } from "../read/privileges.js";
import { commentOf, notExtensionMember, privilegesOf } from "./fragments.js";
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
  readonly privileges: readonly Privilege[];
  readonly comment: string | null;
}

/**
 * The languages pg-flux manages, of pg_language aliased `alias`: those a user created (oid >= 16384;
 * internal, c and sql are built in), extension members (plpgsql, plperl, …) left out. The grants of
 * the others are listed as unmanaged (unmanaged.sql.ts) when they differ from their initial ones.
 */
export function managedLanguage(alias: string): string {
  return `${alias}.oid >= 16384 and ${alias}.lanispl and ${notExtensionMember("pg_language", `${alias}.oid`)}`;
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
  pg_get_userbyid(l.lanowner) as owner, ${privilegesOf("l.lanacl", "l.lanowner", "l")} as privileges,
  ${commentOf("pg_language", "l.oid")} as comment
from pg_language l
where ${managedLanguage("l")}
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
    privileges: readPrivileges(row.privileges),
    comment: row.comment,
  };
}

export const languagesKind: KindQuery<"languages", LanguageRow> = {
  catalog: "pg_language",
  query: languagesQuery,
  read: readLanguage,
};
