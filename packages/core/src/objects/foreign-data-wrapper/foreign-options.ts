import { quoteIdent, quoteLiteral } from "../../sql/quote.js";

/**
 * One generic option of a foreign-data wrapper, server, user mapping, foreign table or foreign
 * table column (`OPTIONS (host 'db1', port '5432')`): PostgreSQL keeps them as `name=value` text.
 */
export interface ForeignOption {
  readonly name: string;
  readonly value: string;
}

/** Options sorted by name: the model's order, so two states with the same options compare equal. */
export function sortOptions(options: readonly ForeignOption[]): readonly ForeignOption[] {
  return [...options].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** `pg_options_to_table`-style `name=value` text (the catalogs' `text[]`) into options, sorted. */
export function parseOptions(entries: readonly string[] | null): readonly ForeignOption[] {
  return sortOptions(
    (entries ?? []).map((entry) => {
      const at = entry.indexOf("=");
      return { name: entry.slice(0, at), value: entry.slice(at + 1) };
    }),
  );
}

/** ` OPTIONS (host 'db1', port '5432')` for a CREATE, empty for no options (leading space included). */
export function optionsClause(options: readonly ForeignOption[]): string {
  if (options.length === 0) return "";
  return ` OPTIONS (${options.map((o) => `${quoteIdent(o.name)} ${quoteLiteral(o.value)}`).join(", ")})`;
}

/**
 * `OPTIONS (ADD x 'v', SET y 'w', DROP z)`: what turns the options `from` into `to` (ALTER … of
 * every foreign-data object), or null when they are the same. Drops first, then sets, then adds,
 * each by name.
 * https://www.postgresql.org/docs/current/sql-alterserver.html
 */
export function alterOptionsClause(
  from: readonly ForeignOption[],
  to: readonly ForeignOption[],
): string | null {
  const before = new Map(from.map((o) => [o.name, o.value] as const));
  const after = new Map(to.map((o) => [o.name, o.value] as const));
  const actions = [
    ...from.filter((o) => !after.has(o.name)).map((o) => `DROP ${quoteIdent(o.name)}`),
    ...to
      .filter((o) => before.has(o.name) && before.get(o.name) !== o.value)
      .map((o) => `SET ${quoteIdent(o.name)} ${quoteLiteral(o.value)}`),
    ...to.filter((o) => !before.has(o.name)).map((o) => `ADD ${quoteIdent(o.name)} ${quoteLiteral(o.value)}`),
  ];
  return actions.length === 0 ? null : `OPTIONS (${actions.join(", ")})`;
}
