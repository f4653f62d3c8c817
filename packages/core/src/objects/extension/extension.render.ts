import { quoteIdent, quoteLiteral } from "../../sql/quote.js";

/**
 * `CREATE EXTENSION IF NOT EXISTS name WITH SCHEMA schema;` — the version is left to the server's
 * default (a pinned version would fail on servers that ship another one); a differing version is
 * reconciled by `ALTER EXTENSION … UPDATE`.
 * https://www.postgresql.org/docs/current/sql-createextension.html
 */
export function renderCreateExtension(name: string, schema: string): string {
  return `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(name)} WITH SCHEMA ${quoteIdent(schema)};`;
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
