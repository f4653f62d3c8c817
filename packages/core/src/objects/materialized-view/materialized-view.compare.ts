import type { MaterializedView } from "../../model/state.js";

/**
 * A materialized view has no `CREATE OR REPLACE`: any change to its query or columns drops it and
 * creates it again (recomputed). So does another access method on a server before PostgreSQL 15,
 * which has no `ALTER MATERIALIZED VIEW … SET ACCESS METHOD`: its rows are the query's, so creating
 * it again loses nothing (15+ rewrites it in place: `set_materialized_view_access_method`).
 */
export function materializedViewNeedsRecreate(
  from: MaterializedView,
  to: MaterializedView,
  major: number,
): boolean {
  return (
    from.definition !== to.definition ||
    (from.accessMethod !== to.accessMethod && !canSetAccessMethod(major)) ||
    from.columns.length !== to.columns.length ||
    from.columns.some((name, i) => to.columns[i] !== name)
  );
}

/** `ALTER MATERIALIZED VIEW … SET ACCESS METHOD` exists on PostgreSQL 15+. */
export function canSetAccessMethod(major: number): boolean {
  return major >= 15;
}
