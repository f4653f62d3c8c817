import type { DiffContext } from "../../diff/context.js";
import type { Function as Routine } from "../../model/state.js";
import { aggregateNeedsRecreate } from "../aggregate/aggregate.compare.js";
import { replacedExtensions } from "../extension/extension.compare.js";
import { callsOverlap, functionNeedsRecreate } from "./function.compare.js";

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

/**
 * Routines the plan drops that a routine it creates would make ambiguous (function.compare.ts
 * `callsOverlap`: `ok(a integer)` → `ok(a integer, b integer DEFAULT 0)`), by the new routine's id.
 * While both exist, PostgreSQL refuses a call both match ("function ok(integer) is not unique"), so
 * the new routine's create declares the old id too (edge rule (b): the old one is dropped first),
 * and what used the old one is taken off before and put back after, even when it reads the same.
 */
export function supersededRoutines({
  current,
  desired,
}: DiffContext): ReadonlyMap<string, readonly string[]> {
  const dropped = new Map<string, Routine[]>();
  for (const routine of Object.values(current.functions)) {
    if (desired.functions[routine.id]) continue;
    const key = `${routine.schema}\u0000${routine.name}`;
    dropped.set(key, [...(dropped.get(key) ?? []), routine]);
  }
  const result = new Map<string, string[]>();
  if (dropped.size === 0) return result;
  for (const routine of Object.values(desired.functions)) {
    if (current.functions[routine.id]) continue;
    const old = (dropped.get(`${routine.schema}\u0000${routine.name}`) ?? []).filter((o) =>
      callsOverlap(o, routine),
    );
    if (old.length > 0)
      result.set(
        routine.id,
        old.map((o) => o.id),
      );
  }
  return result;
}

/**
 * Objects that must be taken off a routine the plan drops and creates again under the same
 * identity (a new return type, renamed parameters: function.compare.ts): PostgreSQL refuses
 * `DROP FUNCTION` while a column default, a CHECK constraint, an index or statistics uses it, and the plan
 * cannot rebuild such an index under a temporary name first (the new index needs the new routine,
 * which needs the old index gone). The same holds for a generated column the plan drops and adds
 * again (column.replaced.ts): DROP COLUMN takes its indexes, constraints and statistics along.
 * Their differs drop them before the routine or column and add them back after it, even when they
 * read the same on both sides. So does a non-relocatable extension moved by DROP + CREATE
 * (extension.compare.ts). Views, triggers and policies on either take the drop-early path
 * (view.rebuild.ts).
 */
export function dependentsOfRecreatedRoutines(ctx: DiffContext): ReadonlySet<string> {
  const recreated = new Set([
    ...recreatedRoutines(ctx),
    ...ctx.cascade.replacedColumns,
    ...[...ctx.cascade.supersededRoutines.values()].flat(),
    ...replacedExtensions(ctx),
  ]);
  const dependents = new Set<string>();
  if (recreated.size === 0) return dependents;
  for (const { dependent, referenced } of ctx.current.dependencies) {
    if (recreated.has(referenced)) dependents.add(dependent);
  }
  return dependents;
}
