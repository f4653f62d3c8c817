/**
 * The one lexical scanner of SQL text in pg-flux. Everything that looks inside SQL without parsing
 * it — the psql-style script splitter (parser), the deparsed-text readers (inspector), the type
 * rename rewriter and the few comparisons of deparsed text (core), the migration file reader
 * (ledger) — steps through text with it, so a quote, comment, quoted identifier or dollar-quoted
 * body is never mistaken for a comma, parenthesis, semicolon or keyword, and every one of them
 * agrees on where such a run ends.
 *
 * Tokens follow PostgreSQL's lexer (scan.l) as far as the callers need it:
 * - `'…'` strings with `''` doubled; `E'…'` (an `e`/`E` standing alone right before the quote)
 *   also with backslash escapes; `$tag$…$tag$` dollar quotes;
 * - `"…"` quoted identifiers with `""` doubled;
 * - `-- …` line comments (up to, not including, the newline) and nested block comments;
 * - words: an identifier or keyword (`[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*`);
 * - everything else one character at a time (`symbol`), whitespace runs as `space`.
 * An unterminated string, identifier or comment runs to the end of the text with `terminated:
 * false`, so a caller can report it instead of reading past it.
 */

export type SqlTokenKind =
  | "space"
  | "line_comment"
  | "block_comment"
  | "string"
  | "dollar_string"
  | "quoted_identifier"
  | "word"
  | "symbol";

export interface SqlToken {
  readonly kind: SqlTokenKind;
  /** UTF-16 offsets into the text: `text.slice(start, end)` is the token. */
  readonly start: number;
  readonly end: number;
  /** False for a string, identifier or comment whose closing delimiter is missing. */
  readonly terminated: boolean;
}

const IDENT_START = /[A-Za-z_\u0080-\uffff]/;
const IDENT_CHAR = /[A-Za-z0-9_$\u0080-\uffff]/;
const SPACE = /\s/;
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;

/** Is `ch` a character that can continue an identifier? */
export function isIdentifierChar(ch: string | undefined): boolean {
  return ch !== undefined && IDENT_CHAR.test(ch);
}

/** The token that starts at `at` (`at < text.length`). */
export function scanToken(text: string, at: number): SqlToken {
  const ch = text[at] as string;
  const next = text[at + 1];
  if (SPACE.test(ch)) {
    let end = at + 1;
    while (end < text.length && SPACE.test(text[end] as string)) end++;
    return token("space", at, end);
  }
  if (ch === "-" && next === "-") {
    const eol = text.indexOf("\n", at);
    return token("line_comment", at, eol === -1 ? text.length : eol);
  }
  if (ch === "/" && next === "*") return blockComment(text, at);
  if (ch === "'") return quoted(text, at, "string", escapePrefixed(text, at));
  if (ch === '"') return quoted(text, at, "quoted_identifier", false);
  if ((ch === "e" || ch === "E") && next === "'" && !isIdentifierChar(text[at - 1])) {
    const string = quoted(text, at + 1, "string", true);
    return token("string", at, string.end, string.terminated);
  }
  // A `$` inside an identifier (`a$b`) never gets here: the word took it.
  if (ch === "$") {
    DOLLAR_TAG.lastIndex = at;
    const tag = DOLLAR_TAG.exec(text);
    if (tag) {
      const close = text.indexOf(tag[0], at + tag[0].length);
      return close === -1
        ? token("dollar_string", at, text.length, false)
        : token("dollar_string", at, close + tag[0].length);
    }
  }
  if (IDENT_START.test(ch)) {
    let end = at + 1;
    while (end < text.length && IDENT_CHAR.test(text[end] as string)) end++;
    return token("word", at, end);
  }
  return token("symbol", at, at + 1);
}

/** Every token of `text` from `from` on, in order. */
export function* sqlTokens(text: string, from = 0): Generator<SqlToken> {
  for (let at = from; at < text.length; ) {
    const next = scanToken(text, at);
    yield next;
    at = next.end;
  }
}

/** Past whitespace and comments from `at`: where the next token of substance starts. */
export function skipSpaceAndComments(text: string, at: number): number {
  let i = at;
  while (i < text.length) {
    const next = scanToken(text, i);
    if (next.kind !== "space" && next.kind !== "line_comment" && next.kind !== "block_comment") return i;
    i = next.end;
  }
  return i;
}

const CLOSERS: Readonly<Record<string, string>> = { "(": ")", "[": "]" };

/**
 * The index of the `)` or `]` that closes the bracket at `open`, skipping strings, identifiers,
 * comments and nested brackets of either kind; -1 when it is not closed.
 */
export function closingBracket(text: string, open: number): number {
  const stack: string[] = [];
  for (let at = open; at < text.length; ) {
    const next = scanToken(text, at);
    if (next.kind === "symbol") {
      const ch = text[at] as string;
      const closer = CLOSERS[ch];
      if (closer !== undefined) stack.push(closer);
      else if (ch === ")" || ch === "]") {
        stack.pop();
        if (stack.length === 0) return at;
      }
    }
    at = next.end;
  }
  return -1;
}

/**
 * The first index from `from` on, outside strings, identifiers, comments and brackets, where
 * `test` holds (it is asked at the start of every top-level token); -1 when none. A bracket is
 * skipped whole, up to its closing bracket (or the end of the text when it is not closed).
 */
export function findTopLevel(
  text: string,
  test: (index: number, token: SqlToken) => boolean,
  from = 0,
): number {
  for (let at = from; at < text.length; ) {
    const next = scanToken(text, at);
    if (test(at, next)) return at;
    if (next.kind === "symbol" && CLOSERS[text[at] as string] !== undefined) {
      const close = closingBracket(text, at);
      if (close === -1) return -1;
      at = close + 1;
    } else at = next.end;
  }
  return -1;
}

/**
 * Splits at commas outside brackets, strings, identifiers and comments; items are trimmed, and
 * text that is empty or all whitespace gives no items.
 */
export function splitTopLevel(text: string): string[] {
  const items: string[] = [];
  let start = 0;
  let depth = 0;
  for (const next of sqlTokens(text)) {
    if (next.kind !== "symbol") continue;
    const ch = text[next.start];
    if (ch === "(" || ch === "[") depth++;
    else if (ch === ")" || ch === "]") depth--;
    else if (ch === "," && depth === 0) {
      items.push(text.slice(start, next.start).trim());
      start = next.end;
    }
  }
  const last = text.slice(start).trim();
  if (last !== "" || items.length > 0) items.push(last);
  return items;
}

/** `(a * b)` → `a * b`: one pair of parentheses around the whole text removed, else the text trimmed. */
export function stripOuterParens(expression: string): string {
  const text = expression.trim();
  if (!text.startsWith("(") || closingBracket(text, 0) !== text.length - 1) return text;
  return text.slice(1, -1).trim();
}

/**
 * The names of a possibly qualified name as SQL writes it (`app."My Table"`, `users`): quoted
 * parts unquoted, bare parts folded to lower case as PostgreSQL folds them; null when the text is
 * not such a name.
 */
export function splitQualifiedName(text: string): string[] | null {
  const parts: string[] = [];
  let at = 0;
  for (;;) {
    if (at >= text.length) return null;
    const next = scanToken(text, at);
    if (next.kind === "quoted_identifier" && next.terminated && next.end - next.start > 2) {
      parts.push(unquoteIdentifier(text.slice(next.start, next.end)));
    } else if (next.kind === "word") {
      parts.push(text.slice(next.start, next.end).toLowerCase());
    } else return null;
    at = next.end;
    if (at === text.length) return parts;
    if (text[at] !== ".") return null;
    at++;
  }
}

/** `"Mixed ""Case"""` → `Mixed "Case"`; anything not in double quotes is returned as it is. */
export function unquoteIdentifier(text: string): string {
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"')
    ? text.slice(1, -1).replaceAll('""', '"')
    : text;
}

function token(kind: SqlTokenKind, start: number, end: number, terminated = true): SqlToken {
  return { kind, start, end, terminated };
}

/** Is the quote at `at` the opening of an `E'…'` string (an `e`/`E` standing alone before it)? */
function escapePrefixed(text: string, at: number): boolean {
  const prefix = text[at - 1];
  return (prefix === "e" || prefix === "E") && !isIdentifierChar(text[at - 2]);
}

/** A run quoted by the character at `open`, the quote doubled inside; with `escapes`, `\x` too. */
function quoted(
  text: string,
  open: number,
  kind: "string" | "quoted_identifier",
  escapes: boolean,
): SqlToken {
  const quote = text[open];
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i];
    if (escapes && ch === "\\") i++;
    else if (ch === quote) {
      if (text[i + 1] !== quote) return token(kind, open, i + 1);
      i++;
    }
  }
  return token(kind, open, text.length, false);
}

/** A block comment, nested ones included (`/* a /* b *\/ c *\/`). */
function blockComment(text: string, open: number): SqlToken {
  let depth = 0;
  for (let i = open; i < text.length; ) {
    if (text[i] === "/" && text[i + 1] === "*") {
      depth++;
      i += 2;
    } else if (text[i] === "*" && text[i + 1] === "/") {
      depth--;
      i += 2;
      if (depth === 0) return token("block_comment", open, i);
    } else i++;
  }
  return token("block_comment", open, text.length, false);
}
