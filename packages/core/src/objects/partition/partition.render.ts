import { relationName } from "../sql.js";

/**
 * `ALTER TABLE parent ATTACH PARTITION child FOR VALUES … | DEFAULT;`
 * https://www.postgresql.org/docs/current/sql-altertable.html
 */
export function renderAttachPartition(
  parent: { readonly schema: string; readonly name: string },
  child: { readonly schema: string; readonly name: string },
  bound: string,
): string {
  return `ALTER TABLE ${relationName(parent.schema, parent.name)} ATTACH PARTITION ${relationName(child.schema, child.name)} ${bound};`;
}

/**
 * `ALTER TABLE parent DETACH PARTITION child;`
 * https://www.postgresql.org/docs/current/sql-altertable.html
 */
export function renderDetachPartition(
  parent: { readonly schema: string; readonly name: string },
  child: { readonly schema: string; readonly name: string },
): string {
  return `ALTER TABLE ${relationName(parent.schema, parent.name)} DETACH PARTITION ${relationName(child.schema, child.name)};`;
}
