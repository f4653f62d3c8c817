import { HINT_KEYWORDS, type HintKind, type HintName } from "./hint.model.js";

/** A hint comment's text, parsed. Keywords are case-sensitive. */
export type HintText =
  | { readonly ok: true; readonly keyword: string; readonly kind: HintKind; readonly from: HintName }
  | { readonly ok: false; readonly message: string; readonly hint: string };

const KINDS =
  "table, index, view, materialized-view, sequence, type, enum, domain, function, procedure, constraint, schema, value";

/** Whether a `--` comment is meant as a hint (starts with `@renamed`). */
export function isHintComment(text: string): boolean {
  return /^\s*@renamed/.test(text);
}

/**
 * Parses `@renamed[-kind] from=<name>`. Names follow SQL: bare names fold to lower case, `"Quoted"`
 * names keep their spelling, `schema.name` qualifies. Enum values take a literal: `from='review'`.
 */
export function parseHintText(text: string): HintText {
  const match = /^\s*(@renamed(?:-[A-Za-z-]*)?)(.*)$/s.exec(text);
  const keyword = match?.[1] ?? "";
  const kind = HINT_KEYWORDS[keyword];
  if (!match || kind === undefined) {
    return {
      ok: false,
      message: `unknown hint ${keyword || text.trim()}`,
      hint: `use @renamed for a column, or @renamed-<kind> with kind one of ${KINDS}`,
    };
  }
  const rest = (match[2] ?? "").trim();
  const example = kind === "value" ? `${keyword} from='old label'` : `${keyword} from=old_name`;
  if (!rest.startsWith("from=")) {
    return {
      ok: false,
      message: `malformed hint: expected from=<old name> after ${keyword}`,
      hint: `write ${example}`,
    };
  }
  const value = rest.slice("from=".length);
  const parsed = kind === "value" ? parseLabel(value) : parseQualifiedName(value);
  if (typeof parsed === "string") {
    return {
      ok: false,
      message: `malformed hint: ${parsed} in ${keyword} ${rest}`,
      hint: `write ${example}`,
    };
  }
  if (kind === "value" && parsed.schema !== undefined) {
    return {
      ok: false,
      message: `malformed hint: ${keyword} takes a label, not a qualified name`,
      hint: `write ${example}`,
    };
  }
  if (kind === "column" || kind === "constraint" || kind === "schema") {
    if (parsed.schema !== undefined) {
      return {
        ok: false,
        message: `malformed hint: ${keyword} takes a plain name, not ${parsed.schema}.${parsed.name}`,
        hint: `write ${example}`,
      };
    }
  }
  return { ok: true, keyword, kind, from: parsed };
}

function parseLabel(text: string): HintName | string {
  if (text.startsWith("'")) {
    let i = 1;
    let label = "";
    while (i < text.length) {
      if (text[i] === "'" && text[i + 1] === "'") {
        label += "'";
        i += 2;
      } else if (text[i] === "'") break;
      else label += text[i++];
    }
    if (i >= text.length) return "unterminated quoted label";
    if (text.slice(i + 1).trim() !== "") return `unexpected text after the label`;
    return { name: label };
  }
  if (!/^[^\s'"]+$/.test(text)) return "expected a label";
  return { name: text };
}

function parseQualifiedName(text: string): HintName | string {
  const parts: string[] = [];
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let j = i + 1;
      let name = "";
      while (j < text.length) {
        if (text[j] === '"' && text[j + 1] === '"') {
          name += '"';
          j += 2;
        } else if (text[j] === '"') break;
        else name += text[j++];
      }
      if (j >= text.length) return "unterminated quoted name";
      if (name === "") return "empty quoted name";
      parts.push(name);
      i = j + 1;
    } else {
      const bare = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/.exec(text.slice(i));
      if (!bare) return i === 0 && text.trim() === "" ? "missing name after from=" : "expected a name";
      parts.push(bare[0].toLowerCase());
      i += bare[0].length;
    }
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
