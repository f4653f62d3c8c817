import { closingBracket, findTopLevel, scanToken, splitTopLevel } from "@pg-flux/core";

/**
 * Deparsed SQL put in the form PostgreSQL reads back unchanged.
 *
 * PostgreSQL's deparser is not always a fixpoint: the text it prints for a stored expression can
 * read back into another tree, whose text differs. The one case known (probed on 14 and 18 across
 * CHECKs, defaults, index keys and predicates, policies, trigger WHENs, views, statistics and
 * domains): an IN list or `= ANY (ARRAY[…])` whose elements are coerced to the operator's type by
 * relabelling — varchar and domains over it compared as text, cidr as inet. The stored tree is an
 * array coercion over an array of the elements' type, printed as a cast of the whole array:
 *
 *   (status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[])
 *
 * Read back, a cast written on an `ARRAY[…]` constructor is pushed into its elements, so the
 * database then holds — and prints —
 *
 *   (status)::text = ANY (ARRAY[('a'::character varying)::text, ('b'::character varying)::text])
 *
 * which reads back as itself. A plan rendering the first text would leave the second behind, and
 * the next plan would see a change forever. The inspector therefore stores every deparsed
 * expression in this second form (`readBackForm`): the database created from the user's own text
 * and the database pg-flux migrated compare equal, and what the plan renders re-inspects as
 * rendered.
 *
 * `plain` is the deparser's default style (pg_get_expr, pg_get_constraintdef, pg_get_indexdef,
 * pg_get_triggerdef): a cast's argument always in parentheses. `pretty` is pg_get_viewdef(…, true),
 * pg_get_indexdef(…, n, true) and statistics: parentheses only around an argument that is not
 * simple (an operator expression).
 */
export type DeparseStyle = "plain" | "pretty";

export function readBackForm(text: string, style: DeparseStyle): string {
  if (!text.includes("ARRAY[")) return text;
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      const end = scanToken(text, i).end;
      out += text.slice(i, end);
      i = end;
      continue;
    }
    const cast = arrayCastAt(text, i, style);
    if (cast) {
      out += cast.replacement;
      i = cast.end;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** `(ARRAY[…])::T[]` (plain) or `ARRAY[…]::T[]` (pretty) starting at `at`, rewritten. */
function arrayCastAt(
  text: string,
  at: number,
  style: DeparseStyle,
): { readonly replacement: string; readonly end: number } | null {
  const lead = style === "plain" ? "(ARRAY[" : "ARRAY[";
  if (!text.startsWith(lead, at)) return null;
  if (style === "pretty" && at > 0 && /[\w$."]/.test(text[at - 1] ?? "")) return null;
  const open = at + lead.length - 1;
  const close = closingBracket(text, open);
  if (close === -1) return null;
  let next = close + 1;
  if (style === "plain") {
    if (text[next] !== ")") return null;
    next++;
  }
  if (!text.startsWith("::", next)) return null;
  const type = arrayType(text, next + 2);
  if (!type) return null;
  const elements = splitTopLevel(text.slice(open + 1, close));
  const cast = (element: string) => {
    const inner = readBackForm(element, style);
    return style === "pretty" && simple(inner) ? `${inner}::${type.element}` : `(${inner})::${type.element}`;
  };
  return { replacement: `ARRAY[${elements.map(cast).join(", ")}]`, end: type.end };
}

/** The element type of the array type name at `at` (`text[]`, `character varying(10)[]`). */
function arrayType(text: string, at: number): { readonly element: string; readonly end: number } | null {
  let i = at;
  while (i < text.length && text[i] !== "[") {
    const ch = text[i] as string;
    if (ch === '"') i = scanToken(text, i).end;
    else if (/[\w$ .(),]/.test(ch)) i++;
    else return null;
  }
  const element = text.slice(at, i);
  if (!text.startsWith("[]", i) || element.trim() !== element || element === "") return null;
  return { element, end: i + 2 };
}

/**
 * Whether the pretty deparser prints a cast's argument without parentheses: a literal, name,
 * function call or subscript, with casts of its own (`'a'::character varying`), or a CASE — not an
 * operator expression.
 */
function simple(element: string): boolean {
  if (/^CASE\b[\s\S]*\bEND$/.test(element)) return true;
  const cast = findTopLevel(element, (i) => element.startsWith("::", i));
  const primary = cast === -1 ? element : element.slice(0, cast);
  const casts = cast === -1 ? "" : element.slice(cast);
  return (
    findTopLevel(primary, (_, token) => token.kind === "space") === -1 &&
    /^(?:::[\w$ .(),"[\]]+)*$/.test(casts)
  );
}
