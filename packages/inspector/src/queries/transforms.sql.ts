import type { CollectionModels } from "@pg-flux/core";
import type { Capabilities } from "../capabilities.js";
import { commentOf, EXCLUDED_SCHEMAS, notExtensionMember } from "./fragments.js";
import type { KindQuery } from "./kind-query.js";
import { type FunctionRow, functionRow, procedureRef, userFunctionIds } from "./text-search-parsers.sql.js";

type Transform = CollectionModels["transforms"];

export interface TransformRow {
  readonly oid: number;
  readonly type: string;
  readonly language: string;
  readonly fromSql: FunctionRow | null;
  readonly toSql: FunctionRow | null;
  readonly schemas: readonly string[];
  readonly comment: string | null;
}

/**
 * User transforms (pg_transform, oid >= 16384), extension members left out (hstore_plperl,
 * jsonb_plpython3u, … create theirs). Transforms belong to the database: the `schemas` filter is
 * applied by core (a transform is kept when its type's or a function's schema is managed). The same
 * on PostgreSQL 14–18.
 */
function transformsQuery(_caps: Capabilities): string {
  const excluded = [...EXCLUDED_SCHEMAS].map((name) => `'${name}'`).join(", ");
  return `
select t.oid, format_type(t.trftype, null) as type, l.lanname as language,
  ${functionRow("nullif(t.trffromsql, 0)")} as "fromSql", ${functionRow("nullif(t.trftosql, 0)")} as "toSql",
  array(select distinct n.nspname::text from pg_namespace n
    where n.oid in (ty.typnamespace,
      (select f.pronamespace from pg_proc f where f.oid = t.trffromsql),
      (select f.pronamespace from pg_proc f where f.oid = t.trftosql))
      and n.nspname not in (${excluded})
    order by 1) as schemas,
  ${commentOf("pg_transform", "t.oid")} as comment
from pg_transform t
join pg_type ty on ty.oid = t.trftype
join pg_language l on l.oid = t.trflang
where t.oid >= 16384 and ${notExtensionMember("pg_transform", "t.oid")}
order by 2, 3`;
}

function readTransform(row: TransformRow): Omit<Transform, "id"> {
  return {
    kind: "transform",
    type: row.type,
    language: row.language,
    fromSql: row.fromSql === null ? null : procedureRef(row.fromSql),
    toSql: row.toSql === null ? null : procedureRef(row.toSql),
    functionIds: userFunctionIds([row.fromSql, row.toSql]),
    schemas: row.schemas,
    comment: row.comment,
  };
}

export const transformsKind: KindQuery<"transforms", TransformRow> = {
  catalog: "pg_transform",
  query: transformsQuery,
  read: readTransform,
};
