import type { MaterializedView } from "../../model/state.js";

/**
 * A materialized view has no `CREATE OR REPLACE`: any change to its query or columns drops it and
 * creates it again (recomputed).
 */
export function materializedViewNeedsRecreate(from: MaterializedView, to: MaterializedView): boolean {
  return (
    from.definition !== to.definition ||
    from.columns.length !== to.columns.length ||
    from.columns.some((name, i) => to.columns[i] !== name)
  );
}
