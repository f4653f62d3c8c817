import type { View } from "../../model/state.js";
import { findTopLevel, splitTopLevel } from "../../sql/scan.js";

/**
 * Can `CREATE OR REPLACE VIEW` turn `from` into `to`? PostgreSQL's rule: the new query must produce
 * the same columns in the same order with the same names and types, and may only append columns
 * (https://www.postgresql.org/docs/current/sql-createview.html).
 *
 * The model carries column names but not types, so types are judged from the deparsed select list:
 * the existing columns' output expressions must be textually unchanged (a column type change
 * underneath is a drop-early root instead, see view.rebuild.ts). Anything this cannot read with
 * certainty — CTEs, set operations, VALUES — is treated as incompatible: drop and create is always
 * correct, just heavier.
 */
export function viewNeedsRecreate(from: View, to: View): boolean {
  if (from.definition === to.definition && sameList(from.columns, to.columns)) return false;
  return !replaceable(from, to);
}

function replaceable(
  from: { readonly definition: string; readonly columns: readonly string[] },
  to: { readonly definition: string; readonly columns: readonly string[] },
): boolean {
  if (to.columns.length < from.columns.length) return false;
  if (!from.columns.every((name, i) => to.columns[i] === name)) return false;
  const before = selectList(from.definition);
  const after = selectList(to.definition);
  if (!before || !after) return false;
  if (before.length !== from.columns.length || after.length !== to.columns.length) return false;
  return before.every((item, i) => after[i] === item);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => b[i] === value);
}

const CLAUSE = /(?:FROM|WHERE|GROUP|HAVING|WINDOW|ORDER|LIMIT|OFFSET|FETCH|FOR|UNION|INTERSECT|EXCEPT)\b/y;
const SET_OPERATION = /(?:UNION|INTERSECT|EXCEPT)\b/y;

/** Index of the first top-level whitespace in `text` followed by a keyword `sticky` matches; -1 if none. */
function keywordAfterSpace(text: string, sticky: RegExp): number {
  return findTopLevel(text, (_, token) => {
    if (token.kind !== "space") return false;
    sticky.lastIndex = token.end;
    return sticky.test(text);
  });
}

/**
 * The select-list items of a `pg_get_viewdef` text (` SELECT a,\n    b AS c\n   FROM …`), or null
 * when the query is not one plain SELECT.
 */
export function selectList(definition: string): readonly string[] | null {
  const text = definition.trim().replace(/;$/, "");
  const head = /^SELECT\s+(?:DISTINCT\s+(?:ON\s*)?)?/.exec(text);
  if (!head || /^SELECT\s+DISTINCT\s+ON/.test(text)) return null;
  const rest = text.slice(head[0].length);
  // Cut at the first top-level clause keyword.
  const clause = keywordAfterSpace(rest, CLAUSE);
  const end = clause === -1 ? rest.length : clause;
  const tail = rest.slice(end).trim();
  if (/^(UNION|INTERSECT|EXCEPT)\b/.test(tail) || keywordAfterSpace(tail, SET_OPERATION) !== -1) return null;
  return splitTopLevel(rest.slice(0, end)).map((item) => item.replace(/\s+/g, " ").trim());
}
