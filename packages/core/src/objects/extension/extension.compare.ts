import type { DiffContext } from "../../diff/context.js";

/**
 * Extensions on both sides that the plan drops and creates again: a non-relocatable one
 * (`pg_extension.extrelocatable` false) moving to another schema, which PostgreSQL refuses to
 * `ALTER EXTENSION … SET SCHEMA`. What uses its functions and types is taken off before and put back
 * after, like the dependents of a recreated routine (function/routine-dependents.ts, view.rebuild.ts).
 */
export function replacedExtensions({ current, desired }: DiffContext): string[] {
  const replaced: string[] = [];
  for (const [id, from] of Object.entries(current.extensions)) {
    const to = desired.extensions[id];
    if (to && from.schema !== to.schema && from.relocatable === false) replaced.push(id);
  }
  return replaced;
}
