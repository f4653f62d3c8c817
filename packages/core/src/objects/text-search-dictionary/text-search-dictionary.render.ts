import { PgFluxError } from "../../errors.js";
import { quoteIdent, quoteLiteral } from "../../sql/quote.js";
import { textSearchName } from "../text-search-parser/text-search-parser.render.js";
import type { TextSearchDictionary, TextSearchDictionaryOption } from "./text-search-dictionary.model.js";

/** A number as PostgreSQL's grammar reads one (`NumericOnly`), the form it serializes numbers in. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** `option = 'value'`, or `option = 1` for a number (PostgreSQL keeps it a number only unquoted). */
function optionSql(option: TextSearchDictionaryOption): string {
  if (option.numeric && !NUMBER.test(option.value))
    throw new PgFluxError(`text search dictionary option ${option.name}: "${option.value}" is not a number`, {
      code: "invalid_input",
    });
  return `${quoteIdent(option.name)} = ${option.numeric ? option.value : quoteLiteral(option.value)}`;
}

/**
 * `CREATE TEXT SEARCH DICTIONARY name (TEMPLATE = t, option = value, …);`
 * https://www.postgresql.org/docs/current/sql-createtsdictionary.html
 */
export function renderCreateTextSearchDictionary(dictionary: TextSearchDictionary): string {
  const options = [`TEMPLATE = ${textSearchName(dictionary.template)}`, ...dictionary.options.map(optionSql)];
  return `CREATE TEXT SEARCH DICTIONARY ${textSearchName(dictionary)} (${options.join(", ")});`;
}

/**
 * `ALTER TEXT SEARCH DICTIONARY name (option = value, removed_option);` — the options that differ;
 * an option written without a value goes back to the template's default. Null when none differs.
 * https://www.postgresql.org/docs/current/sql-altertsdictionary.html
 */
export function renderAlterTextSearchDictionaryOptions(
  from: TextSearchDictionary,
  to: TextSearchDictionary,
): string | null {
  const before = new Map(from.options.map((option) => [option.name, option]));
  const after = new Set(to.options.map((option) => option.name));
  const changes = [
    ...to.options
      .filter((option) => {
        const old = before.get(option.name);
        return old === undefined || old.value !== option.value || old.numeric !== option.numeric;
      })
      .map(optionSql),
    ...from.options.filter((option) => !after.has(option.name)).map((option) => quoteIdent(option.name)),
  ];
  if (changes.length === 0) return null;
  return `ALTER TEXT SEARCH DICTIONARY ${textSearchName(to)} (${changes.join(", ")});`;
}

/**
 * `DROP TEXT SEARCH DICTIONARY name;`
 * https://www.postgresql.org/docs/current/sql-droptsdictionary.html
 */
export function renderDropTextSearchDictionary(dictionary: TextSearchDictionary): string {
  return `DROP TEXT SEARCH DICTIONARY ${textSearchName(dictionary)};`;
}
