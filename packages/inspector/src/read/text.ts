import { closingBracket, splitTopLevel } from "@pg-flux/core";

/**
 * Small parsers for the few facts the catalog only offers inside deparsed SQL text. They step
 * through it with core's SQL scanner (sql/scan.ts), so a comma or parenthesis inside a literal or
 * identifier never counts.
 */

/** The keys of `pg_get_partkeydef` output: `RANGE (a, lower(b))` → `["a", "lower(b)"]`. */
export function partitionKeys(definition: string): string[] {
  const open = definition.indexOf("(");
  if (open === -1) return [];
  const close = closingBracket(definition, open);
  return splitTopLevel(definition.slice(open + 1, close === -1 ? definition.length : close));
}

/**
 * The WHEN condition of a `pg_get_triggerdef` statement, without its parentheses, or null. The
 * condition is only available deparsed: `tgqual` refers to OLD and NEW, which pg_get_expr cannot
 * print. It sits between `FOR EACH ROW|STATEMENT` and `EXECUTE`.
 */
export function triggerWhen(definition: string): string | null {
  const forEach = /\bFOR EACH (?:ROW|STATEMENT) WHEN \(/.exec(definition);
  if (!forEach) return null;
  const open = forEach.index + forEach[0].length - 1;
  const close = closingBracket(definition, open);
  return definition.slice(open + 1, close === -1 ? definition.length : close);
}

/** `tgargs` (hex of NUL-terminated strings) → the trigger's arguments. */
export function triggerArguments(hex: string, count: number): string[] {
  if (count === 0) return [];
  const parts = Buffer.from(hex, "hex").toString("utf8").split("\u0000");
  return parts.slice(0, count);
}
