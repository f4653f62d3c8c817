import type { Change } from "../../diff/change.js";
import { deps } from "../../diff/change-base.js";
import { deepEqual } from "../../diff/compare.js";
import type { CompositeType } from "../../model/state.js";
import type { AlterCompositeAttribute } from "./composite.change.js";

/**
 * A composite type on both sides: attributes dropped, added (at the end: PostgreSQL has no
 * attribute position, so a reorder is a drop and re-add) and re-typed in place.
 */
export function diffComposite(from: CompositeType, to: CompositeType): readonly Change[] {
  const ref = { id: to.id, schema: to.schema, name: to.name };
  const on = deps({ requires: [to.id], alters: [to.id] });
  const changes: AlterCompositeAttribute[] = [];
  const change = (
    action: AlterCompositeAttribute["action"],
    attribute: CompositeType["attributes"][number],
  ) =>
    changes.push({
      kind: "alter_composite_attribute",
      objectId: to.id,
      type: ref,
      action,
      attribute,
      deps: on,
    });

  // Kept attributes must keep their relative order; the first out of place and all after it are re-added.
  const keptNames = to.attributes.map((a) => a.name).filter((n) => from.attributes.some((a) => a.name === n));
  const fromOrder = from.attributes.map((a) => a.name).filter((n) => keptNames.includes(n));
  const firstMoved = keptNames.findIndex((name, i) => fromOrder[i] !== name);
  const moved = new Set(firstMoved === -1 ? [] : keptNames.slice(firstMoved));

  for (const attribute of from.attributes) {
    if (!to.attributes.some((a) => a.name === attribute.name) || moved.has(attribute.name))
      change("drop", attribute);
  }
  for (const attribute of to.attributes) {
    const before = from.attributes.find((a) => a.name === attribute.name);
    if (!before || moved.has(attribute.name)) change("add", attribute);
    else if (!deepEqual(before, attribute)) change("alter", attribute);
  }
  return changes;
}
