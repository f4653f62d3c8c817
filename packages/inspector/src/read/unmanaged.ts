import {
  isManagedKind,
  type OutsideDependent,
  type UnmanagedDependency,
  type UnmanagedObject,
} from "@pg-flux/core";
import type { OutsideRow } from "../queries/outside.sql.js";
import type { UnmanagedRow } from "../queries/unmanaged.sql.js";
import type { CatalogIds } from "./catalog-ids.js";
import { compareText } from "./order.js";

/**
 * Objects of kinds pg-flux does not model (those a definition kind manages are in the state), with their pg_depend edges told in the state's ids (edges
 * to anything outside the state are dropped). Sorted by kind, then name.
 */
export function readUnmanaged(rows: readonly UnmanagedRow[], catalog: CatalogIds): UnmanagedObject[] {
  return rows
    .filter((row) => !isManagedKind(row.kind)) // a definition kind's objects are in the state
    .map((row) => {
      const dependsOn: UnmanagedDependency[] = [];
      for (const [catalogName, oid, subid, auto] of row.depends) {
        const id = catalog.get(catalogName, oid, subid);
        if (id !== undefined && !dependsOn.some((d) => d.id === id && d.auto === auto))
          dependsOn.push({ id, auto });
      }
      // An object that goes with X (a rule with its table) does not block X's drop, even when it
      // also reads X (the rule's own references to its table are normal dependencies).
      const goesWith = new Set(dependsOn.filter((d) => d.auto).map((d) => d.id));
      return {
        kind: row.kind,
        name: row.name,
        dependsOn: dependsOn.filter((d) => d.auto || !goesWith.has(d.id)),
      };
    })
    .sort((a, b) => compareText(a.kind, b.kind) || compareText(a.name, b.name));
}

/**
 * Objects outside the managed schemas with the state's objects they use; those that use none (only
 * objects outside the state) are left out. Sorted by schema, then name.
 */
export function readOutside(rows: readonly OutsideRow[], catalog: CatalogIds): OutsideDependent[] {
  const objects: OutsideDependent[] = [];
  for (const row of rows) {
    const dependsOn = [
      ...new Set(
        row.depends.flatMap(([catalogName, oid, subid]) => catalog.get(catalogName, oid, subid) ?? []),
      ),
    ].sort(compareText);
    if (dependsOn.length > 0) objects.push({ name: row.name, schema: row.schema, dependsOn });
  }
  return objects.sort((a, b) => compareText(a.schema, b.schema) || compareText(a.name, b.name));
}
