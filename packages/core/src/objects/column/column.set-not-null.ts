import type { PlanOptions } from "../../step/plan-options.js";

/**
 * Whether a plain `SET NOT NULL` would scan a table big enough to matter under ACCESS EXCLUSIVE:
 * the planner then uses the CHECK-based pattern instead, and the hazard check of a saved plan
 * (engine run/step-hazards.ts) flags a plain one as LONG_LOCK. Partitioned parents take the plain
 * statement (each partition is scanned on its own). `reltuples` is -1 until the table is first
 * analyzed or vacuumed: unknown, so treated as large.
 */
export function setNotNullNeedsCheck(
  reltuples: number,
  partitioned: boolean,
  options: Pick<PlanOptions, "setNotNullReltuplesHint">,
): boolean {
  return !partitioned && (reltuples < 0 || reltuples >= options.setNotNullReltuplesHint);
}
