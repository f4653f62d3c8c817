import { quoteQualified } from "../sql/quote.js";
import { scanToken } from "../sql/scan.js";

interface Named {
  readonly schema: string;
  readonly name: string;
}

/** A user type's qualified name before and after the renames (a hinted rename, its schema's rename). */
export interface TypeNameChange {
  readonly from: Named;
  readonly to: Named;
}

/**
 * Rewrites the names of renamed types in the server's own SQL text, as the server itself prints it
 * once `ALTER TYPE … RENAME TO` / `SET SCHEMA` ran. The inspector reads every text with an empty
 * search_path, so a user type always appears qualified and quoted as `format_type` prints it
 * (`public.status`, `app."Mood"`). Deparsed text (defaults, checks, view bodies, index definitions)
 * follows the rename; string literals and function bodies kept as written do not, so neither is
 * touched here.
 */
export interface TypeReferenceRewriter {
  /** Does any type change its name? */
  readonly empty: boolean;
  /** A type as `format_type` prints it (`public.status[]`): the new name, array brackets kept. */
  readonly typeText: (text: string) => string;
  /** Casts in a deparsed expression: `'a'::public.status` → `'a'::public.state`. */
  readonly casts: (text: string) => string;
  /**
   * Every type name standing on its own outside literals and quoted identifiers (`x public.status
   * DEFAULT …` in a function's arguments); a name followed by `(` or `.` is a call or a qualified
   * reference, not a type, and is left alone.
   */
  readonly names: (text: string) => string;
  /** A `pg_get_functiondef` text: header by `names`, a SQL-standard body by `casts`, a string body kept. */
  readonly functionDefinition: (definition: string) => string;
}

export function typeReferenceRewriter(changes: readonly TypeNameChange[]): TypeReferenceRewriter {
  const pairs = changes
    .map(
      (change) =>
        [
          quoteQualified(change.from.schema, change.from.name),
          quoteQualified(change.to.schema, change.to.name),
        ] as const,
    )
    .filter(([from, to]) => from !== to);
  const byText = new Map(pairs);
  const casts = (text: string) => rewrite(text, pairs, true);
  const names = (text: string) => rewrite(text, pairs, false);
  return {
    empty: pairs.length === 0,
    typeText: (text) => {
      let base = text;
      while (base.endsWith("[]")) base = base.slice(0, -2);
      const to = byText.get(base);
      return to === undefined ? text : `${to}${text.slice(base.length)}`;
    },
    casts,
    names,
    functionDefinition: (definition) => {
      // The header ends at the first line that starts the body: `AS $function$…` (a string, kept as
      // written: the server does not rewrite it) or a SQL-standard body (deparsed, so it follows).
      const body = /^(AS |RETURN |BEGIN ATOMIC)/m.exec(definition);
      if (!body) return names(definition);
      const rest = definition.slice(body.index);
      return names(definition.slice(0, body.index)) + (body[1] === "AS " ? rest : casts(rest));
    },
  };
}

const NAME_CHAR = /[\p{L}\p{N}_$]/u;

function rewrite(text: string, pairs: readonly (readonly [string, string])[], castsOnly: boolean): string {
  if (!pairs.some(([from]) => text.includes(from))) return text;
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === "'") {
      const end = scanToken(text, i).end;
      out += text.slice(i, end);
      i = end;
      continue;
    }
    const start = castsOnly ? (text.startsWith("::", i) ? i + 2 : -1) : startsName(text, i) ? i : -1;
    if (start !== -1) {
      const hit = pairs.find(([from]) => text.startsWith(from, start) && endsName(text, start + from.length));
      if (hit) {
        out += text.slice(i, start) + hit[1];
        i = start + hit[0].length;
        continue;
      }
    }
    if (ch === '"') {
      const end = scanToken(text, i).end;
      out += text.slice(i, end);
      i = end;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

function startsName(text: string, at: number): boolean {
  const before = text[at - 1];
  return before === undefined || !(NAME_CHAR.test(before) || before === "." || before === '"');
}

function endsName(text: string, at: number): boolean {
  const next = text[at];
  return next === undefined || !(NAME_CHAR.test(next) || next === "." || next === '"' || next === "(");
}
