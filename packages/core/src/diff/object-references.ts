import { quoteLiteral, quoteQualified } from "../sql/quote.js";
import { scanToken } from "../sql/scan.js";

interface Named {
  readonly schema: string;
  readonly name: string;
}

/**
 * A view, materialized view, sequence, routine, aggregate, foreign table, operator class or text
 * search object renamed by hint: its qualified name before and after. `call`: a routine or
 * aggregate, named followed by `(`. `literal`: named only as a constant of this type (a text search
 * configuration: `'public.english_simple'::regconfig`), never as a bare name.
 */
export interface ObjectNameChange {
  readonly from: Named;
  readonly to: Named;
  readonly call: boolean;
  readonly literal?: "regconfig" | "regdictionary" | null;
}

/**
 * Rewrites renamed objects in the server's deparsed text as the server prints it after `ALTER … RENAME`
 * / `SET SCHEMA`: PostgreSQL stores what a view, default, check, policy or trigger uses by oid and
 * prints its current name, always qualified in the inspector's empty search_path
 * (`public.calc_total(n)`, `FROM public.live_accounts`, `nextval('public.invoice_seq'::regclass)`).
 * Without this, each user of a renamed object would read as changed and be replaced or recreated
 * around a rename that leaves it untouched. String literals are kept, except a `'…'::regclass`
 * naming a renamed relation (a sequence default).
 */
export function objectReferenceRewriter(changes: readonly ObjectNameChange[]): (text: string) => string {
  const pairs = changes
    .map((change) => ({
      from: quoteQualified(change.from.schema, change.from.name),
      to: quoteQualified(change.to.schema, change.to.name),
      call: change.call,
      literal: change.literal ?? null,
    }))
    .filter((pair) => pair.from !== pair.to);
  if (pairs.length === 0) return (text) => text;
  const regclass = new Map(
    pairs
      .filter((pair) => !pair.call)
      .map((pair) => {
        const cast = pair.literal ?? "regclass";
        return [`${quoteLiteral(pair.from)}::${cast}`, `${quoteLiteral(pair.to)}::${cast}`];
      }),
  );
  const names = pairs.filter((pair) => pair.literal === null);
  return (text) => {
    if (!pairs.some((pair) => text.includes(pair.from))) return text;
    let out = "";
    let i = 0;
    while (i < text.length) {
      const ch = text[i] as string;
      if (ch === "'") {
        const end = scanToken(text, i).end;
        const literal = text.slice(i, end);
        const cast = [...regclass].find(([from]) => text.startsWith(from, i));
        if (cast) {
          out += cast[1];
          i += cast[0].length;
          continue;
        }
        out += literal;
        i = end;
        continue;
      }
      if (startsName(text, i)) {
        const hit = names.find(
          (pair) => text.startsWith(pair.from, i) && endsName(text, i + pair.from.length, pair.call),
        );
        if (hit) {
          out += hit.to;
          i += hit.from.length;
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
  };
}

const NAME_CHAR = /[\p{L}\p{N}_$]/u;

function startsName(text: string, at: number): boolean {
  const before = text[at - 1];
  return before === undefined || !(NAME_CHAR.test(before) || before === "." || before === '"');
}

/** A relation's name ends before anything but a name character, `.` or `"`; a routine's before `(`. */
function endsName(text: string, at: number, call: boolean): boolean {
  const next = text[at];
  if (call) return next === "(";
  return next === undefined || !(NAME_CHAR.test(next) || next === "." || next === '"' || next === "(");
}
