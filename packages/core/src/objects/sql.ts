import { quoteIdent, quoteLiteral, quoteQualified } from "../sql/quote.js";

/**
 * Naming rule of every renderer: objects in `public` are printed unqualified (`ALTER TABLE users
 * …`, as the seed's recipes read), objects in any other schema qualified (`app.users`). The runner
 * pins `search_path` to `public` (plus the implicit pg_catalog) while applying, so an unqualified
 * name always means `public.<name>` and a plan does not depend on the session's search_path.
 * The one exception is the source of `SET SCHEMA`, always qualified (`ALTER TABLE public.users SET
 * SCHEMA app;`) because the point of the statement is the schema.
 *
 * All quoting goes through ../sql/quote.ts.
 */
export function relationName(schema: string, name: string): string {
  return schema === "public" ? quoteIdent(name) : quoteQualified(schema, name);
}

/** Always schema-qualified (SET SCHEMA sources). */
export function qualifiedName(schema: string, name: string): string {
  return quoteQualified(schema, name);
}

export function identList(names: readonly string[]): string {
  return names.map(quoteIdent).join(", ");
}

/**
 * A type as written in SQL: the server's `format_type` text, whose user types arrive qualified
 * (`public.status`); the `public.` prefix is dropped by the same rule as relation names.
 */
export function typeName(text: string, schema: string): string {
  return schema === "public" && text.startsWith("public.") ? text.slice("public.".length) : text;
}

/** `COMMENT ON … IS …` value: a literal or NULL. */
export function commentValue(comment: string | null): string {
  return comment === null ? "NULL" : quoteLiteral(comment);
}
