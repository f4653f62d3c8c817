import type { Cast } from "./cast.model.js";

/** `(source AS target)`: how DROP and COMMENT name a cast (types are the server's format_type text). */
export function castSignature(cast: Cast): string {
  return `(${cast.source} AS ${cast.target})`;
}

/**
 * `CREATE CAST (source AS target) WITH FUNCTION f(args) | WITH INOUT | WITHOUT FUNCTION
 * [AS ASSIGNMENT | AS IMPLICIT];`
 * https://www.postgresql.org/docs/current/sql-createcast.html
 */
export function renderCreateCast(cast: Cast): string {
  const method =
    cast.method === "function"
      ? `WITH FUNCTION ${cast.function}`
      : cast.method === "inout"
        ? "WITH INOUT"
        : "WITHOUT FUNCTION";
  const context = cast.context === "explicit" ? "" : ` AS ${cast.context.toUpperCase()}`;
  return `CREATE CAST ${castSignature(cast)} ${method}${context};`;
}

/**
 * `DROP CAST (source AS target);`
 * https://www.postgresql.org/docs/current/sql-dropcast.html
 */
export function renderDropCast(cast: Cast): string {
  return `DROP CAST ${castSignature(cast)};`;
}
