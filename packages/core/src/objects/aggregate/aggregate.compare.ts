import type { Aggregate } from "../../model/state.js";

/**
 * Aggregates are dropped and created again on any change: `CREATE OR REPLACE AGGREGATE` cannot
 * change the argument or result types and the difference is not visible in the model, so one path
 * serves every change.
 */
export function aggregateNeedsRecreate(from: Aggregate, to: Aggregate): boolean {
  return from.definition !== to.definition;
}
