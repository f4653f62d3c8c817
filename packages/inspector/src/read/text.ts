/**
 * Small parsers for the few facts the catalog only offers inside deparsed SQL text. They track
 * quotes and parentheses, so a comma or parenthesis inside a literal or identifier never counts.
 */

/** Splits at commas that sit outside parentheses, brackets, quotes and identifiers. */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      i = skipQuoted(text, i);
      continue;
    }
    if (ch === "(" || ch === "[") depth++;
    else if (ch === ")" || ch === "]") depth--;
    else if (ch === "," && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start).trim();
  if (last !== "" || parts.length > 0) parts.push(last);
  return parts;
}

/** Index of the closing quote of the quoted run that starts at `open` (doubled quotes escape). */
export function skipQuoted(text: string, open: number): number {
  const quote = text[open];
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] !== quote) continue;
    if (text[i + 1] === quote) {
      i++;
      continue;
    }
    return i;
  }
  return text.length;
}

/** Index just past the parenthesis that closes the one at `open`. */
function matchParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      i = skipQuoted(text, i);
      continue;
    }
    if (ch === "(") depth++;
    else if (ch === ")") {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
}

/** The keys of `pg_get_partkeydef` output: `RANGE (a, lower(b))` → `["a", "lower(b)"]`. */
export function partitionKeys(definition: string): string[] {
  const open = definition.indexOf("(");
  if (open === -1) return [];
  const close = matchParen(definition, open);
  return splitTopLevel(definition.slice(open + 1, close - 1));
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
  const close = matchParen(definition, open);
  return definition.slice(open + 1, close - 1);
}

/** `tgargs` (hex of NUL-terminated strings) → the trigger's arguments. */
export function triggerArguments(hex: string, count: number): string[] {
  if (count === 0) return [];
  const parts = Buffer.from(hex, "hex").toString("utf8").split("\u0000");
  return parts.slice(0, count);
}
