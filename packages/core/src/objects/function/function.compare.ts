import type { Function as Routine } from "../../model/state.js";

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

function parameters(text: string): readonly { readonly declaration: string; readonly hasDefault: boolean }[] {
  return splitTopLevel(text).map((item) => {
    const at = item.search(/\sDEFAULT\s/);
    return at === -1
      ? { declaration: item.trim(), hasDefault: false }
      : { declaration: item.slice(0, at).trim(), hasDefault: true };
  });
}

/** Splits on commas outside parentheses, brackets and quotes; empty text gives no items. */
export function splitTopLevel(text: string): readonly string[] {
  const items: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "(" || ch === "[") depth++;
    else if (ch === ")" || ch === "]") depth--;
    else if (ch === "," && depth === 0) {
      items.push(text.slice(start, i));
      start = i + 1;
    }
  }
  const last = text.slice(start);
  if (items.length > 0 || last.trim() !== "") items.push(last);
  return items.map((item) => item.trim());
}
