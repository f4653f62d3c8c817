import { quoteIdent } from "../../sql/quote.js";

/**
 * `CREATE SCHEMA IF NOT EXISTS name;` — always IF NOT EXISTS, as the seed's schema-move recipe
 * writes it: a schema that already exists outside the managed list is not an error.
 * https://www.postgresql.org/docs/current/sql-createschema.html
 */
export function renderCreateSchema(name: string): string {
  return `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(name)};`;
}

/**
 * `DROP SCHEMA name;` — never CASCADE: the objects in it are dropped by their own steps first, so an
 * object the plan does not know about makes the drop fail instead of vanishing.
 * https://www.postgresql.org/docs/current/sql-dropschema.html
 */
export function renderDropSchema(name: string): string {
  return `DROP SCHEMA ${quoteIdent(name)};`;
}

/**
 * `ALTER SCHEMA name RENAME TO new_name;`
 * https://www.postgresql.org/docs/current/sql-alterschema.html
 */
export function renderRenameSchema(from: string, to: string): string {
  return `ALTER SCHEMA ${quoteIdent(from)} RENAME TO ${quoteIdent(to)};`;
}
