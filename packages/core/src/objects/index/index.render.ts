import type { Index } from "../../model/state.js";
import { quoteIdent } from "../../sql/quote.js";
import { relationName } from "../sql.js";

type Named = { readonly schema: string; readonly name: string };

/**
 * ```
 * CREATE [UNIQUE] INDEX [CONCURRENTLY] name
 * ON table [USING method] (keys) [INCLUDE (…)] [NULLS NOT DISTINCT] [WITH (…)] [WHERE …];
 * ```
 * Two lines, as the seed prints its unique recipe; `USING btree` is left out. Everything after the
 * method is the server's own `pg_get_indexdef` text.
 * https://www.postgresql.org/docs/current/sql-createindex.html
 */
export function renderCreateIndex(
  index: Index,
  table: Named,
  options: { readonly concurrently: boolean; readonly name?: string },
): string {
  const unique = index.unique ? "UNIQUE " : "";
  const concurrently = options.concurrently ? "CONCURRENTLY " : "";
  const method = index.method === "btree" ? "" : ` USING ${index.method}`;
  return `CREATE ${unique}INDEX ${concurrently}${quoteIdent(options.name ?? index.name)}\nON ${relationName(table.schema, table.name)}${method} ${indexBody(index)};`;
}

/** `(keys) INCLUDE … WITH … WHERE …`: the part of the definition after `USING <method> `. */
export function indexBody(index: Index): string {
  const marker = ` USING ${index.method} `;
  const at = index.definition.indexOf(marker);
  if (at !== -1) return index.definition.slice(at + marker.length);
  const keys = index.keys.map((key) => key.expression + (key.descending ? " DESC" : "")).join(", ");
  return `(${keys})${index.predicate ? ` WHERE ${index.predicate}` : ""}`;
}

/**
 * `DROP INDEX [CONCURRENTLY] [IF EXISTS] name;`
 * https://www.postgresql.org/docs/current/sql-dropindex.html
 */
export function renderDropIndex(
  index: Named,
  concurrently: boolean,
  options: { readonly ifExists?: boolean } = {},
): string {
  const ifExists = options.ifExists ? "IF EXISTS " : "";
  return `DROP INDEX ${concurrently ? "CONCURRENTLY " : ""}${ifExists}${relationName(index.schema, index.name)};`;
}

/**
 * `ALTER INDEX name RENAME TO new;`
 * https://www.postgresql.org/docs/current/sql-alterindex.html
 */
export function renderRenameIndex(schema: string, from: string, to: string): string {
  return `ALTER INDEX ${relationName(schema, from)} RENAME TO ${quoteIdent(to)};`;
}

/**
 * `ALTER INDEX name ALTER COLUMN n SET STATISTICS t;` (-1: back to default_statistics_target)
 * https://www.postgresql.org/docs/current/sql-alterindex.html
 */
export function renderIndexStatistics(index: Named, column: number, target: number | null): string {
  return `ALTER INDEX ${relationName(index.schema, index.name)} ALTER COLUMN ${column} SET STATISTICS ${target ?? -1};`;
}

/** The temporary name a replacement index is built under (63-byte limit kept). */
export function replacementName(name: string): string {
  const suffix = "_pgflux_new";
  let base = name;
  while (new TextEncoder().encode(base + suffix).length > 63) base = base.slice(0, -1);
  return base + suffix;
}
