import type { Change } from "../../diff/change.js";
import { deps } from "../../diff/change-base.js";
import type { DiffContext } from "../../diff/context.js";
import { InvalidInputError, type Problem } from "../../errors.js";
import type { EnumType } from "../../model/state.js";
import { quoteLiteral } from "../../sql/quote.js";
import { recreate } from "../type/type.recreate.js";
import type { EnumChange, TypeRef } from "./enum.change.js";
import type { EnumPlacement } from "./enum.render.js";

/**
 * An enum present on both sides. PostgreSQL can add a value (anywhere, with BEFORE/AFTER) and rename
 * one, never drop or reorder:
 * 1. `@renamed-value` hints rename first;
 * 2. with as many labels on both sides, a position whose old label is gone and whose new label is
 *    new, between two labels both sides keep in place, is a rename (the seed's detector:
 *    `'draft', 'review', 'published'` → `'draft', 'in_review', 'published'`). At either end of the
 *    list, or next to another replaced label, the same edit reads as well as "drop the old value,
 *    add a new one": renaming would silently make every row holding the old value hold the new
 *    one, so it is refused and a `@renamed-value` hint asked for (`unclearReplacement`);
 * 3. labels only on the desired side are added, each placed after its predecessor (or before the
 *    first label when it comes first), in order;
 * 4. a label gone from the desired side, or kept labels in another order → the seed's
 *    recreate-the-type path, DATA_LOSS: rows holding a removed value make the conversion fail.
 */
export function diffEnum(ctx: DiffContext, from: EnumType, to: EnumType): readonly Change[] {
  const ref: TypeRef = { id: to.id, schema: to.schema, name: to.name };
  const on = deps({ requires: [to.id], alters: [to.id] });
  // A new value conflicts with nothing that uses the type: what will use it comes after, but the
  // views using the type need not be dropped first (they would then be missing across the commit).
  const adds = deps({ requires: [to.id], extends: [to.id] });
  const changes: EnumChange[] = [];
  const labels = [...from.labels];
  const rename = (old: string, label: string) => {
    changes.push({ kind: "rename_enum_value", objectId: to.id, type: ref, from: old, to: label, deps: on });
    labels[labels.indexOf(old)] = label;
  };

  for (const hint of ctx.renames) {
    if (hint.kind !== "enum_value" || hint.to !== to.id) continue;
    if (
      labels.includes(hint.fromLabel) &&
      !labels.includes(hint.toLabel) &&
      to.labels.includes(hint.toLabel)
    ) {
      rename(hint.fromLabel, hint.toLabel);
    }
  }
  if (labels.length === to.labels.length) {
    const unclear: Problem[] = [];
    to.labels.forEach((label, i) => {
      const old = labels[i];
      if (old === undefined || old === label || to.labels.includes(old) || labels.includes(label)) return;
      if (enclosed(labels, to.labels, i)) rename(old, label);
      else unclear.push(unclearReplacement(to, old, label, i));
    });
    if (unclear.length > 0) throw new InvalidInputError(unclear);
  }

  const removed = labels.filter((label) => !to.labels.includes(label));
  const kept = to.labels.filter((label) => labels.includes(label));
  const reordered = kept.some((label, i) => labels.filter((l) => to.labels.includes(l))[i] !== label);
  if (removed.length > 0 || reordered) {
    const reason =
      removed.length > 0
        ? `PostgreSQL cannot drop enum values (${removed.map((l) => `'${l}'`).join(", ")})`
        : "PostgreSQL cannot reorder enum values";
    const loss =
      removed.length > 0
        ? `rows holding ${removed.map((l) => `'${l}'`).join(", ")} make the conversion fail: update them first`
        : null;
    return recreate(ctx, from, to, reason, loss);
  }

  to.labels.forEach((label, i) => {
    if (labels.includes(label)) return;
    const previous = to.labels[i - 1];
    const first = labels[0];
    const placement: EnumPlacement =
      previous !== undefined
        ? previous === labels.at(-1)
          ? null
          : { position: "AFTER", label: previous }
        : first !== undefined
          ? { position: "BEFORE", label: first }
          : null;
    changes.push({ kind: "add_enum_value", objectId: to.id, type: ref, label, placement, deps: adds });
    const at = previous === undefined ? 0 : labels.indexOf(previous) + 1;
    labels.splice(at, 0, label);
  });
  return changes;
}

/** Is position `i` between labels that both sides hold at the same places (an edit in place)? */
function enclosed(from: readonly string[], to: readonly string[], i: number): boolean {
  const kept = (j: number) => from[j] !== undefined && from[j] === to[j];
  return kept(i - 1) && kept(i + 1);
}

function unclearReplacement(to: EnumType, old: string, label: string, i: number): Problem {
  const where =
    i === to.labels.length - 1
      ? "as its last value"
      : i === 0
        ? "as its first value"
        : "next to another replaced value";
  return {
    message: `enum ${to.schema}.${to.name}: ${quoteLiteral(label)} takes the place of ${quoteLiteral(old)} ${where}; that reads both as a rename (every row holding ${quoteLiteral(old)} would then hold ${quoteLiteral(label)}) and as removing ${quoteLiteral(old)} and adding ${quoteLiteral(label)}`,
    hint: `to rename, write the label as ${quoteLiteral(label)}, -- @renamed-value from=${quoteLiteral(old)} in the CREATE TYPE; to remove ${quoteLiteral(old)} (rows holding it must change first) and add ${quoteLiteral(label)}, remove it in one migration and add the new value in the next`,
    objectId: to.id,
  };
}
