import { type CollectionModels, PgFluxError } from "@pg-flux/core";
import type { Capabilities } from "../capabilities.js";
import { commentOf, managedNamespace, notExtensionMember } from "./fragments.js";
import type { KindQuery } from "./kind-query.js";

type TextSearchDictionary = CollectionModels["textSearchDictionaries"];
type TextSearchDictionaryOption = TextSearchDictionary["options"][number];

export interface TextSearchDictionaryRow {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly template: { readonly schema: string; readonly name: string };
  /** dictinitoption: the options as the server serialized them (`stopwords = 'english', x = 1`). */
  readonly options: string | null;
  readonly owner: string;
  readonly comment: string | null;
}

/**
 * Text search dictionaries (pg_ts_dict) in the managed schemas. The same on PostgreSQL 14–18. (`td`:
 * commentOf's subquery is aliased `d`.)
 */
function textSearchDictionariesQuery(_caps: Capabilities): string {
  return `
select td.oid, n.nspname as schema, td.dictname as name,
  json_build_object('schema', tn.nspname, 'name', t.tmplname) as template,
  td.dictinitoption as options, pg_get_userbyid(td.dictowner) as owner,
  ${commentOf("pg_ts_dict", "td.oid")} as comment
from pg_ts_dict td
join pg_namespace n on n.oid = td.dictnamespace
join pg_ts_template t on t.oid = td.dicttemplate
join pg_namespace tn on tn.oid = t.tmplnamespace
where ${managedNamespace("n")} and ${notExtensionMember("pg_ts_dict", "td.oid")}
order by n.nspname, td.dictname`;
}

/**
 * `dictinitoption` read back into options, sorted by name (PostgreSQL's ALTER appends a changed
 * option at the end, so the order is not part of the definition). The server writes it with
 * `serialize_deflist`: `name = value` joined by `, `, the name as quote_identifier makes it, a
 * number bare, any other value in single quotes (`''` for a quote, and `E'…'` with `\\` for a
 * backslash).
 */
export function readDictionaryOptions(text: string | null): readonly TextSearchDictionaryOption[] {
  if (text === null || text.trim() === "") return [];
  const options: TextSearchDictionaryOption[] = [];
  let at = 0;
  const fail = (): never => {
    throw new PgFluxError(`cannot read text search dictionary options: ${text}`, { code: "runtime" });
  };
  const skipSpace = () => {
    while (text[at] === " ") at++;
  };
  while (at < text.length) {
    skipSpace();
    let name = "";
    if (text[at] === '"') {
      at++;
      for (;;) {
        const close = text.indexOf('"', at);
        if (close === -1) fail();
        name += text.slice(at, close);
        at = close + 1;
        if (text[at] !== '"') break;
        name += '"';
        at++;
      }
    } else {
      const match = /^[^\s=]+/.exec(text.slice(at)) ?? fail();
      name = match[0];
      at += name.length;
    }
    skipSpace();
    if (text[at] !== "=") fail();
    at++;
    skipSpace();
    const escaped = text[at] === "E" && text[at + 1] === "'";
    if (escaped) at++;
    if (text[at] === "'") {
      at++;
      let value = "";
      for (;;) {
        const ch = text[at] ?? fail();
        at++;
        if (ch === "'") {
          if (text[at] !== "'") break;
          at++;
        } else if (ch === "\\" && escaped) {
          if (text[at] !== "\\") fail();
          at++;
        }
        value += ch;
      }
      options.push({ name, value, numeric: false });
    } else {
      const match = /^[^,\s]+/.exec(text.slice(at)) ?? fail();
      options.push({ name, value: match[0], numeric: true });
      at += match[0].length;
    }
    skipSpace();
    if (at < text.length) {
      if (text[at] !== ",") fail();
      at++;
    }
  }
  return options.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function readTextSearchDictionary(row: TextSearchDictionaryRow): Omit<TextSearchDictionary, "id"> {
  return {
    kind: "text_search_dictionary",
    schema: row.schema,
    name: row.name,
    template: row.template,
    options: readDictionaryOptions(row.options),
    owner: row.owner,
    comment: row.comment,
  };
}

export const textSearchDictionariesKind: KindQuery<"textSearchDictionaries", TextSearchDictionaryRow> = {
  catalog: "pg_ts_dict",
  query: textSearchDictionariesQuery,
  read: readTextSearchDictionary,
};
