import { quoteIdent } from "../../sql/quote.js";
import type { TextSearchRef } from "../text-search-parser/text-search-parser.model.js";
import { textSearchName } from "../text-search-parser/text-search-parser.render.js";
import type { TextSearchConfiguration, TextSearchMapping } from "./text-search-configuration.model.js";

/**
 * `CREATE TEXT SEARCH CONFIGURATION name (PARSER = p);`
 * https://www.postgresql.org/docs/current/sql-createtsconfig.html
 */
export function renderCreateTextSearchConfiguration(configuration: TextSearchConfiguration): string {
  return `CREATE TEXT SEARCH CONFIGURATION ${textSearchName(configuration)} (PARSER = ${textSearchName(configuration.parser)});`;
}

/**
 * `DROP TEXT SEARCH CONFIGURATION name;`
 * https://www.postgresql.org/docs/current/sql-droptsconfig.html
 */
export function renderDropTextSearchConfiguration(configuration: TextSearchConfiguration): string {
  return `DROP TEXT SEARCH CONFIGURATION ${textSearchName(configuration)};`;
}

const dictionaryList = (dictionaries: readonly TextSearchRef[]) =>
  dictionaries.map(textSearchName).join(", ");

/**
 * `ALTER TEXT SEARCH CONFIGURATION name ADD | ALTER MAPPING FOR token, … WITH dictionary, …;` — one
 * statement per list of dictionaries, its token types in the parser's order.
 * https://www.postgresql.org/docs/current/sql-altertsconfig.html
 */
export function renderMappings(
  configuration: TextSearchConfiguration,
  verb: "ADD" | "ALTER",
  mappings: readonly TextSearchMapping[],
): string[] {
  const groups = new Map<string, { tokens: string[]; dictionaries: readonly TextSearchRef[] }>();
  for (const mapping of mappings) {
    const key = dictionaryList(mapping.dictionaries);
    const group = groups.get(key);
    if (group) group.tokens.push(mapping.token);
    else groups.set(key, { tokens: [mapping.token], dictionaries: mapping.dictionaries });
  }
  return [...groups.values()].map(
    ({ tokens, dictionaries }) =>
      `ALTER TEXT SEARCH CONFIGURATION ${textSearchName(configuration)} ${verb} MAPPING FOR ${tokens.map(quoteIdent).join(", ")} WITH ${dictionaryList(dictionaries)};`,
  );
}

/**
 * `ALTER TEXT SEARCH CONFIGURATION name DROP MAPPING FOR token, …;`
 * https://www.postgresql.org/docs/current/sql-altertsconfig.html
 */
export function renderDropMappings(
  configuration: TextSearchConfiguration,
  tokens: readonly string[],
): string[] {
  if (tokens.length === 0) return [];
  return [
    `ALTER TEXT SEARCH CONFIGURATION ${textSearchName(configuration)} DROP MAPPING FOR ${tokens.map(quoteIdent).join(", ")};`,
  ];
}

/**
 * The statements that turn `from`'s mappings into `to`'s (same parser): token types no longer
 * mapped dropped, changed ones altered, new ones added.
 */
export function renderMappingChanges(from: TextSearchConfiguration, to: TextSearchConfiguration): string[] {
  const before = new Map(
    from.mappings.map((mapping) => [mapping.token, dictionaryList(mapping.dictionaries)]),
  );
  const after = new Set(to.mappings.map((mapping) => mapping.token));
  const removed = from.mappings
    .filter((mapping) => !after.has(mapping.token))
    .map((mapping) => mapping.token);
  const changed = to.mappings.filter((mapping) => {
    const old = before.get(mapping.token);
    return old !== undefined && old !== dictionaryList(mapping.dictionaries);
  });
  const added = to.mappings.filter((mapping) => !before.has(mapping.token));
  return [
    ...renderDropMappings(to, removed),
    ...renderMappings(to, "ALTER", changed),
    ...renderMappings(to, "ADD", added),
  ];
}
