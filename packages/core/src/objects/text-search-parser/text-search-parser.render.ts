import type { ProcedureRef } from "../operator/operator.model.js";
import { relationName } from "../sql.js";
import type { TextSearchParser, TextSearchRef } from "./text-search-parser.model.js";

/** A text search object or a function named by schema and name: public unqualified (objects/sql.ts). */
export function textSearchName(ref: TextSearchRef | ProcedureRef): string {
  return relationName(ref.schema, ref.name);
}

/**
 * `CREATE TEXT SEARCH PARSER name (START = f, GETTOKEN = f, END = f, LEXTYPES = f, HEADLINE = f);`
 * https://www.postgresql.org/docs/current/sql-createtsparser.html
 */
export function renderCreateTextSearchParser(parser: TextSearchParser): string {
  const options = [
    `START = ${textSearchName(parser.start)}`,
    `GETTOKEN = ${textSearchName(parser.gettoken)}`,
    `END = ${textSearchName(parser.end)}`,
    `LEXTYPES = ${textSearchName(parser.lextypes)}`,
    ...(parser.headline ? [`HEADLINE = ${textSearchName(parser.headline)}`] : []),
  ];
  return `CREATE TEXT SEARCH PARSER ${textSearchName(parser)} (${options.join(", ")});`;
}

/**
 * `DROP TEXT SEARCH PARSER name;`
 * https://www.postgresql.org/docs/current/sql-droptsparser.html
 */
export function renderDropTextSearchParser(parser: TextSearchParser): string {
  return `DROP TEXT SEARCH PARSER ${textSearchName(parser)};`;
}
