import { deepEqual } from "../../diff/compare.js";
import type { DiffContext } from "../../diff/context.js";
import { diffTypes } from "../type/type.diff.js";

/**
 * Generated columns on both sides that the plan drops and adds again: their expression or storage
 * changes (neither can be altered in place before PostgreSQL 17), or a column they read changes
 * type — PostgreSQL refuses `ALTER COLUMN … TYPE` on a column a generated column uses ("cannot
 * alter type of a column used by a generated column"), so the generated column is dropped before
 * the type change and added again (recomputed) after it. What depends on a replaced column
 * (indexes, constraints, statistics: routine-dependents.ts; views, triggers, policies: the
 * drop-early pass) is taken off before and put back after.
 */
export function replacedColumns(ctx: DiffContext): ReadonlySet<string> {
  const { current, desired } = ctx;
  const retyped = new Set<string>();
  const generated: string[] = [];
  const replaced = new Set<string>();
  for (const to of Object.values(desired.tables)) {
    const from = current.tables[to.id];
    if (!from) continue;
    const before = new Map(from.columns.map((column) => [column.id, column]));
    for (const column of to.columns) {
      const old = before.get(column.id);
      if (!old) continue;
      if (old.type.text !== column.type.text || old.collation !== column.collation) retyped.add(column.id);
      if (old.generated === null || column.generated === null) continue;
      if (!deepEqual(old.generated, column.generated)) replaced.add(column.id);
      else generated.push(column.id);
    }
  }
  if (generated.length === 0) return replaced;
  // A type recreated under a temporary name converts its columns with ALTER COLUMN … TYPE too.
  for (const change of diffTypes(ctx)) {
    if (change.kind === "recreate_type") for (const id of change.deps.alters) retyped.add(id);
  }
  const candidates = new Set(generated);
  for (const { dependent, referenced } of current.dependencies) {
    if (candidates.has(dependent) && retyped.has(referenced)) replaced.add(dependent);
  }
  return replaced;
}
