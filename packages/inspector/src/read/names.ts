import { quoteIdent, quoteQualified } from "@pg-flux/core";

/** A collation as SQL text, always qualified (`pg_catalog."C"`), or null. */
export function collationText(schema: string | null, name: string | null): string | null {
  return schema === null || name === null ? null : quoteQualified(schema, name);
}

/**
 * An operator class as pg_get_indexdef prints it with an empty search_path: bare when it lives in
 * pg_catalog (always visible), qualified otherwise.
 */
export function opclassText(schema: string, name: string): string {
  return schema === "pg_catalog" ? quoteIdent(name) : quoteQualified(schema, name);
}
