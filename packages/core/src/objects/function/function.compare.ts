import type { Function as Routine } from "../../model/state.js";
import { splitTopLevel } from "../../sql/scan.js";

/**
 * Must a function present on both sides be dropped and created rather than `CREATE OR REPLACE`d?
 * PostgreSQL refuses to replace a function when the kind (function/procedure) changes, the return
 * type changes (including the row type its OUT parameters define), parameter names or modes
 * change, or parameter defaults are removed
 * (https://www.postgresql.org/docs/current/sql-createfunction.html, "Notes").
 */
export function functionNeedsRecreate(from: Routine, to: Routine): boolean {
  if (from.definition === to.definition) return false;
  if (from.kind !== to.kind || from.returns !== to.returns) return true;
  const before = parameters(from.arguments);
  const after = parameters(to.arguments);
  if (before.length !== after.length) return true;
  return before.some((p, i) => {
    const q = after[i];
    return q === undefined || q.declaration !== p.declaration || (p.hasDefault && !q.hasDefault);
  });
}

/**
 * Could one call match both routines? They share schema and name, and some argument count both
 * accept (between the required and the total count of each) has the same leading input types:
 * `ok(a integer)` and `ok(a integer, b integer DEFAULT 0)` both take `ok(1)`, which PostgreSQL
 * then refuses as "not unique". Variadic expansion and implicit casts are not considered.
 */
export function callsOverlap(a: Routine, b: Routine): boolean {
  if (a.schema !== b.schema || a.name !== b.name) return false;
  const typesA = splitTopLevel(a.argumentTypes);
  const typesB = splitTopLevel(b.argumentTypes);
  const required = (routine: Routine, count: number) =>
    count - parameters(routine.arguments).filter((p) => p.hasDefault).length;
  const least = Math.max(required(a, typesA.length), required(b, typesB.length));
  if (least > Math.min(typesA.length, typesB.length)) return false;
  return typesA.slice(0, least).every((type, i) => type === typesB[i]);
}

function parameters(text: string): readonly { readonly declaration: string; readonly hasDefault: boolean }[] {
  return splitTopLevel(text).map((item) => {
    const at = item.search(/\sDEFAULT\s/);
    return at === -1
      ? { declaration: item.trim(), hasDefault: false }
      : { declaration: item.slice(0, at).trim(), hasDefault: true };
  });
}
