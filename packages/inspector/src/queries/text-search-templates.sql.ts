import type { CollectionModels } from "@pg-flux/core";
import type { Capabilities } from "../capabilities.js";
import { commentOf, managedNamespace, notExtensionMember } from "./fragments.js";
import type { KindQuery } from "./kind-query.js";
import { type FunctionRow, functionRow, procedureRef, userFunctionIds } from "./text-search-parsers.sql.js";

type TextSearchTemplate = CollectionModels["textSearchTemplates"];

export interface TextSearchTemplateRow {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly init: FunctionRow | null;
  readonly lexize: FunctionRow;
  readonly comment: string | null;
}

/** Text search templates (pg_ts_template) in the managed schemas. The same on PostgreSQL 14–18. */
function textSearchTemplatesQuery(_caps: Capabilities): string {
  return `
select t.oid, n.nspname as schema, t.tmplname as name,
  ${functionRow("t.tmplinit")} as init, ${functionRow("t.tmpllexize")} as lexize,
  ${commentOf("pg_ts_template", "t.oid")} as comment
from pg_ts_template t
join pg_namespace n on n.oid = t.tmplnamespace
where ${managedNamespace("n")} and ${notExtensionMember("pg_ts_template", "t.oid")}
order by n.nspname, t.tmplname`;
}

function readTextSearchTemplate(row: TextSearchTemplateRow): Omit<TextSearchTemplate, "id"> {
  return {
    kind: "text_search_template",
    schema: row.schema,
    name: row.name,
    init: row.init === null ? null : procedureRef(row.init),
    lexize: procedureRef(row.lexize),
    functionIds: userFunctionIds([row.init, row.lexize]),
    comment: row.comment,
  };
}

export const textSearchTemplatesKind: KindQuery<"textSearchTemplates", TextSearchTemplateRow> = {
  catalog: "pg_ts_template",
  query: textSearchTemplatesQuery,
  read: readTextSearchTemplate,
};
