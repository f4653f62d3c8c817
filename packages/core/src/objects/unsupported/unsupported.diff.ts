import { deepEqual } from "../../diff/compare.js";
import type { DiffContext } from "../../diff/context.js";
import { PgFluxError } from "../../errors.js";
import type { Collection } from "../../model/state.js";

/**
 * Placeholder differ for a collection whose kind has no differ yet. It never drops a statement
 * silently: when the collection differs between the two states the plan is refused with the ids
 * involved. Replace it in objects/registry.ts when the kind lands (see objects/README.md).
 */
export function unsupported(collection: Collection): (ctx: DiffContext) => readonly never[] {
  return (ctx) => {
    const current = ctx.current[collection] as Readonly<Record<string, unknown>>;
    const desired = ctx.desired[collection] as Readonly<Record<string, unknown>>;
    const differing = [...new Set([...Object.keys(current), ...Object.keys(desired)])]
      .filter((id) => !deepEqual(current[id], desired[id]))
      .sort();
    if (differing.length > 0) {
      throw new PgFluxError(
        `pg-flux cannot plan changes to ${collection} yet: ${differing.slice(0, 10).join(", ")}` +
          (differing.length > 10 ? ` and ${differing.length - 10} more` : ""),
        { code: "refused", objectId: differing[0], hint: "apply these changes by hand for now" },
      );
    }
    return [];
  };
}
