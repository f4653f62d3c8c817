import { quoteIdent, quoteLiteral } from "../../sql/quote.js";

/**
 * `CREATE EXTENSION IF NOT EXISTS name WITH SCHEMA schema VERSION 'v';` — the version the desired
 * state was loaded with, so the result equals it (the scratch server normally ships the same ones).
 * https://www.postgresql.org/docs/current/sql-createextension.html
 */
export function renderCreateExtension(name: string, schema: string, version: string): string {
  return `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(name)} WITH SCHEMA ${quoteIdent(schema)} VERSION ${quoteLiteral(version)};`;
}

/**
 * `DROP EXTENSION name;`
 * https://www.postgresql.org/docs/current/sql-dropextension.html
 */
export function renderDropExtension(name: string): string {
  return `DROP EXTENSION ${quoteIdent(name)};`;
}

/**
 * `ALTER EXTENSION name UPDATE TO 'version';` / `ALTER EXTENSION name SET SCHEMA schema;`
 * https://www.postgresql.org/docs/current/sql-alterextension.html
 */
export function renderUpdateExtension(name: string, version: string): string {
  return `ALTER EXTENSION ${quoteIdent(name)} UPDATE TO ${quoteLiteral(version)};`;
}

export function renderExtensionSetSchema(name: string, schema: string): string {
  return `ALTER EXTENSION ${quoteIdent(name)} SET SCHEMA ${quoteIdent(schema)};`;
}
