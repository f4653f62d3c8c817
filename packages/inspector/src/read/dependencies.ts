import type { Dependency } from "@pg-flux/core";
import type { DependencyRow } from "../queries/dependencies.sql.js";
import type { CatalogIds } from "./catalog-ids.js";
import { compareText } from "./order.js";

/**
 * pg_depend edges between objects of the state, as ids, de-duplicated and sorted. An edge from an
 * object to itself (a view's rule on the view's own columns) or to anything outside the state is
 * dropped.
 */
export function readDependencies(rows: readonly DependencyRow[], catalog: CatalogIds): Dependency[] {
  const seen = new Set<string>();
  const result: Dependency[] = [];
  for (const row of rows) {
    const dependent = catalog.get(row.catalog, row.objid, row.objsubid);
    const referenced = catalog.get(row.refCatalog, row.refobjid, row.refobjsubid);
    if (dependent === undefined || referenced === undefined || dependent === referenced) continue;
    const key = `${dependent}\u0000${referenced}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ dependent, referenced });
  }
  return result.sort(
    (a, b) => compareText(a.dependent, b.dependent) || compareText(a.referenced, b.referenced),
  );
}
