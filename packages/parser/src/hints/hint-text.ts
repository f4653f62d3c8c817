import { editDistance, nearest, scanToken, unquoteIdentifier } from "@pg-flux/core";
import {
  DATABASE_WIDE_HINT_KINDS,
  HINT_KEYWORDS,
  type HintKind,
  type HintName,
  NOT_RENAMEABLE,
} from "./hint.model.js";

/**
 * A hint comment's text, parsed up to its kind. Keywords are case-sensitive. `kind` is null for bare
 * `@renamed`, whose kind comes from where it sits; `fromText` is parsed with {@link parseHintFrom}
 * once the kind is known (enum labels and names are read differently).
 */
export type HintText =
  | {
      readonly ok: true;
      readonly keyword: string;
      readonly kind: HintKind | null;
      readonly fromText: string;
    }
  | { readonly ok: false; readonly message: string; readonly hint: string };

export type HintFrom = HintName | { readonly message: string; readonly hint: string };

const KINDS =
  "table, index, view, materialized-view, sequence, type, enum, domain, function, procedure, aggregate, policy, trigger, constraint, schema, value, publication, foreign-data-wrapper, server, foreign-table, text-search-parser, text-search-template, text-search-dictionary, text-search-configuration, operator-family, operator-class, operator, conversion, language, rule, statistics, event-trigger";

/**
 * Whether a comment is meant as a hint: it starts with `@renamed`, or with a near miss of it
 * (`@Renamed`, `@RENAMED-TABLE`, `@renamd`, `@rename`), which is then reported instead of being
 * silently read as an ordinary comment.
 */
export function isHintComment(text: string): boolean {
  const word = /^\s*@([A-Za-z_-]+)/.exec(text)?.[1];
  if (word === undefined) return false;
  const base = word.toLowerCase().split(/[-_]/)[0] ?? "";
  return base.startsWith("renam") || editDistance(base, "renamed") <= 2;
}

/** Parses `@renamed[-kind] from=<name>` up to the name (see {@link parseHintFrom}). */
export function parseHintText(text: string): HintText {
  const match = /^\s*(@[A-Za-z_-]+)(.*)$/s.exec(text);
  const keyword = match?.[1] ?? "";
  const kind = HINT_KEYWORDS[keyword];
  if (!match || kind === undefined) return unknownKeyword(keyword || text.trim());
  const rest = (match[2] ?? "").trim();
  if (!rest.startsWith("from=")) {
    return {
      ok: false,
      message: `malformed hint: expected from=<old name> after ${keyword}`,
      hint: `write ${example(keyword, kind)}`,
    };
  }
  return { ok: true, keyword, kind, fromText: rest.slice("from=".length) };
}

/**
 * The old name after `from=`, read for `kind`. Names follow SQL: bare names fold to lower case,
 * `"Quoted"` names keep their spelling, `schema.name` qualifies. Enum values take a literal
 * (`from='review'`) or a bare label, kept as written (`from=pending`).
 */
export function parseHintFrom(keyword: string, kind: HintKind, fromText: string): HintFrom {
  const fail = (message: string): HintFrom => ({
    message: `malformed hint: ${message}`,
    hint: `write ${example(keyword, kind)}`,
  });
  const parsed =
    kind === "value"
      ? parseLabel(fromText)
      : kind === "operator"
        ? parseOperatorName(fromText)
        : parseQualifiedName(fromText);
  if (typeof parsed === "string") return fail(`${parsed} in ${keyword} from=${fromText}`);
  if (
    kind === "column" ||
    kind === "constraint" ||
    kind === "policy" ||
    kind === "trigger" ||
    kind === "rule" ||
    DATABASE_WIDE_HINT_KINDS.has(kind)
  ) {
    if (parsed.schema !== undefined)
      return fail(`${keyword} takes a plain name, not ${parsed.schema}.${parsed.name}`);
  }
  return parsed;
}

/** A keyword that is not a hint keyword: wrong case, `_` for `-`, a typo, or an unknown kind. */
function unknownKeyword(keyword: string): HintText {
  const usage = `use @renamed (where it sits says what it renames), or @renamed-<kind> with kind one of ${KINDS}`;
  const normalized = keyword.toLowerCase().replace(/_/g, "-");
  const refused = Object.values(NOT_RENAMEABLE).find((kind) => kind.keyword === normalized);
  if (refused) {
    return {
      ok: false,
      message: `${keyword}: ${refused.reason}`,
      hint: `remove the hint: ${refused.label} cannot be renamed in place; to change it, write the new one and let the plan drop the old one`,
    };
  }
  if (normalized in HINT_KEYWORDS) {
    const why =
      normalized === keyword.toLowerCase() ? "hint keywords are lower case" : "hint keywords use -, not _";
    return { ok: false, message: `unknown hint ${keyword}: ${why}`, hint: `write ${normalized}` };
  }
  const near = nearest(normalized, Object.keys(HINT_KEYWORDS), 3);
  return {
    ok: false,
    message: `unknown hint ${keyword}`,
    hint: near ? `did you mean ${near}? ${usage}` : usage,
  };
}

function example(keyword: string, kind: HintKind | null): string {
  return kind === "value" ? `${keyword} from='old label'` : `${keyword} from=old_name`;
}

function parseLabel(text: string): HintName | string {
  if (text.startsWith("'")) {
    const token = scanToken(text, 0);
    if (!token.terminated) return "unterminated quoted label";
    if (text.slice(token.end).trim() !== "") return `unexpected text after the label`;
    return { name: text.slice(1, token.end - 1).replaceAll("''", "'") };
  }
  if (!/^[^\s'"]+$/.test(text.trim())) return "expected a label";
  return { name: text.trim() };
}

/** `[schema.]op`: an operator's name is its symbol (`===`, `@@`), optionally qualified. */
function parseOperatorName(text: string): HintName | string {
  const match = /^\s*(?:([A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+")\.)?([-+*/<>=~!@#%^&|`?]+)\s*$/.exec(text);
  if (!match) return "expected an operator ([schema.]symbol, such as public.===)";
  const schema = match[1];
  const name = match[2] as string;
  if (schema === undefined) return { name };
  return { schema: schema.startsWith('"') ? unquoteIdentifier(schema) : schema.toLowerCase(), name };
}

function parseQualifiedName(text: string): HintName | string {
  const parts: string[] = [];
  let i = 0;
  for (;;) {
    const token = i < text.length ? scanToken(text, i) : undefined;
    if (token?.kind === "quoted_identifier") {
      if (!token.terminated) return "unterminated quoted name";
      const name = unquoteIdentifier(text.slice(i, token.end));
      if (name === "") return "empty quoted name";
      parts.push(name);
    } else if (token?.kind === "word") {
      parts.push(text.slice(i, token.end).toLowerCase());
    } else {
      return i === 0 && text.trim() === "" ? "missing name after from=" : "expected a name";
    }
    i = token.end;
    if (text[i] === ".") {
      i++;
      continue;
    }
    break;
  }
  if (text.slice(i).trim() !== "") return `unexpected text ${JSON.stringify(text.slice(i).trim())}`;
  if (parts.length > 2) return "too many name parts (use schema.name)";
  const [first, second] = parts as [string, string | undefined];
  return second === undefined ? { name: first } : { schema: first, name: second };
}
