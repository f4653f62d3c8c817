import { textSearchName } from "../text-search-parser/text-search-parser.render.js";
import type { TextSearchTemplate } from "./text-search-template.model.js";

/**
 * `CREATE TEXT SEARCH TEMPLATE name (INIT = f, LEXIZE = f);`
 * https://www.postgresql.org/docs/current/sql-createtstemplate.html
 */
export function renderCreateTextSearchTemplate(template: TextSearchTemplate): string {
  const options = [
    ...(template.init ? [`INIT = ${textSearchName(template.init)}`] : []),
    `LEXIZE = ${textSearchName(template.lexize)}`,
  ];
  return `CREATE TEXT SEARCH TEMPLATE ${textSearchName(template)} (${options.join(", ")});`;
}

/**
 * `DROP TEXT SEARCH TEMPLATE name;`
 * https://www.postgresql.org/docs/current/sql-droptstemplate.html
 */
export function renderDropTextSearchTemplate(template: TextSearchTemplate): string {
  return `DROP TEXT SEARCH TEMPLATE ${textSearchName(template)};`;
}
