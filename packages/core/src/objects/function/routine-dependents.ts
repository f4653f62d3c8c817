import type { DiffContext } from "../../diff/context.js";
import { aggregateNeedsRecreate } from "../aggregate/aggregate.compare.js";
import { replacedColumns } from "../column/column.replaced.js";
import { functionNeedsRecreate } from "./function.compare.js";

/**
 * Objects that must be taken off a routine the plan drops and creates again under the same
 * identity (a new return type, renamed parameters: function.compare.ts): PostgreSQL refuses
 * `DROP FUNCTION` while a column default, a CHECK constraint, an index or statistics uses it, and the plan
 * cannot rebuild such an index under a temporary name first (the new index needs the new routine,
 * which needs the old index gone). The same holds for a generated column the plan drops and adds
 * again (column.replaced.ts): DROP COLUMN takes its indexes, constraints and statistics along.
 * Their differs drop them before the routine or column and add them back after it, even when they
 * read the same on both sides. Views, triggers and policies on either take the drop-early path
 * (view.rebuild.ts).
 */
export function dependentsOfRecreatedRoutines(ctx: DiffContext): ReadonlySet<string> {
  let result = memo.get(ctx);
  if (!result) {
    result = compute(ctx);
    memo.set(ctx, result);
  }
  return result;
}

const memo = new WeakMap<DiffContext, ReadonlySet<string>>();

/** Functions and aggregates the plan drops and creates again under the same identity. */
export function recreatedRoutines({ current, desired }: DiffContext): string[] {
  const recreated: string[] = [];
  for (const [id, from] of Object.entries(current.functions)) {
    const to = desired.functions[id];
    if (to && functionNeedsRecreate(from, to)) recreated.push(id);
  }
  for (const [id, from] of Object.entries(current.aggregates)) {
    const to = desired.aggregates[id];
    if (to && aggregateNeedsRecreate(from, to)) recreated.push(id);
  }
  return recreated;
}

function compute(ctx: DiffContext): ReadonlySet<string> {
  const recreated = new Set([...recreatedRoutines(ctx), ...replacedColumns(ctx)]);
  const dependents = new Set<string>();
  if (recreated.size === 0) return dependents;
  for (const { dependent, referenced } of ctx.current.dependencies) {
    if (recreated.has(referenced)) dependents.add(dependent);
  }
  return dependents;
}
