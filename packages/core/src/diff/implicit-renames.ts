import type { SchemaState } from "../model/state.js";
import { operatorFamilyId } from "../objects/operator-family/operator-family.model.js";
import type { Rename } from "./rename.js";

/**
 * Renames implied by a hinted table rename: PostgreSQL names a table's constraints and indexes
 * after it (`user_accounts_pkey`, `user_accounts_email_key`, `user_accounts_email_idx`) but does
 * not rename them with the table. When the desired state holds the same object under the new
 * table's default name, it is renamed too (`ALTER TABLE users RENAME CONSTRAINT user_accounts_pkey
 * TO users_pkey`), instead of being dropped and re-added — which would also break the foreign keys
 * that depend on it.
 */
export function implicitRenames(
  current: SchemaState,
  desired: SchemaState,
  renames: readonly Rename[],
): readonly Rename[] {
  const explicit = new Set(renames.map((rename) => rename.from));
  const out: Rename[] = [];
  for (const rename of renames) {
    if (rename.kind !== "table") continue;
    const from = current.tables[rename.from];
    const to = desired.tables[rename.to];
    if (!from || !to || from.name === to.name) continue;
    const renamedName = (name: string) =>
      name.startsWith(`${from.name}_`) ? `${to.name}_${name.slice(from.name.length + 1)}` : null;
    for (const constraint of Object.values(current.constraints)) {
      // PG 18's catalogued NOT NULL constraints follow the column, not the differ.
      if (constraint.table !== from.id || constraint.kind === "not_null" || explicit.has(constraint.id))
        continue;
      const name = renamedName(constraint.name);
      const target = name
        ? Object.values(desired.constraints).find((c) => c.table === to.id && c.name === name)
        : undefined;
      if (
        target &&
        !Object.values(desired.constraints).some((c) => c.table === to.id && c.name === constraint.name)
      ) {
        out.push({ kind: "constraint", from: constraint.id, to: target.id });
      }
    }
    for (const index of Object.values(current.indexes)) {
      if (index.table !== from.id || index.constraint !== null || explicit.has(index.id)) continue;
      const name = renamedName(index.name);
      const target = name
        ? Object.values(desired.indexes).find((i) => i.table === to.id && i.name === name)
        : undefined;
      if (target && !desired.indexes[index.id]) out.push({ kind: "index", from: index.id, to: target.id });
    }
  }
  const claimed = new Set([...explicit, ...out.map((rename) => rename.from)]);
  out.push(...columnNamedRenames(current, desired, renames, claimed));
  out.push(...operatorClassFamilyRenames(current, desired, renames, claimed));
  return out;
}

/**
 * Renames implied by a hinted operator class rename: `CREATE OPERATOR CLASS` without `FAMILY`
 * makes a family of the class's name, which `ALTER OPERATOR CLASS … RENAME TO` leaves under the
 * old one. When the desired state holds the class in a family of its new name (and no family of
 * the old one), the family is renamed too (`ALTER OPERATOR FAMILY … RENAME TO`) — else the class
 * would read as moved to another family, which only DROP + CREATE does, and an index using it
 * would make that refused.
 */
function operatorClassFamilyRenames(
  current: SchemaState,
  desired: SchemaState,
  renames: readonly Rename[],
  claimed: ReadonlySet<string>,
): readonly Rename[] {
  return renames.flatMap((rename): Rename[] => {
    if (rename.kind !== "operator_class") return [];
    const from = current.operatorClasses[rename.from];
    const to = desired.operatorClasses[rename.to];
    if (!from || !to || from.family.name !== from.name || to.family.name !== to.name) return [];
    const familyFrom = operatorFamilyId(from.family.schema, from.family.name, from.method);
    const familyTo = operatorFamilyId(to.family.schema, to.family.name, to.method);
    if (claimed.has(familyFrom) || familyFrom === familyTo) return [];
    const wanted = current.operatorFamilies[familyFrom] && desired.operatorFamilies[familyTo];
    const kept = desired.operatorFamilies[familyFrom] || current.operatorFamilies[familyTo];
    return wanted && !kept ? [{ kind: "operator_family", from: familyFrom, to: familyTo }] : [];
  });
}

/**
 * Renames implied by a hinted column rename: PostgreSQL's default names put the column in the name
 * (`orders_price_check`, `orders_price_key`, `orders_user_id_fkey`, `orders_price_idx`) and keep it
 * when the column is renamed. When the desired state holds the object under the name with the new
 * column (and not under the old name), it is renamed instead of dropped and added again — which
 * would rebuild a unique index or re-validate a key over the whole table.
 */
function columnNamedRenames(
  current: SchemaState,
  desired: SchemaState,
  renames: readonly Rename[],
  explicit: ReadonlySet<string>,
): readonly Rename[] {
  const columnRenames = renames.filter((r) => r.kind === "column");
  if (columnRenames.length === 0) return [];
  const tableOfColumn = new Map<string, { readonly table: string; readonly name: string }>();
  for (const state of [current, desired]) {
    for (const table of Object.values(state.tables)) {
      for (const column of table.columns)
        tableOfColumn.set(column.id, { table: table.id, name: column.name });
    }
  }
  const tableIdsRenamed = new Map(renames.filter((r) => r.kind === "table").map((r) => [r.from, r.to]));
  const out: Rename[] = [];
  for (const rename of columnRenames) {
    const from = tableOfColumn.get(rename.from);
    const to = tableOfColumn.get(rename.to);
    if (!from || !to || from.name === to.name) continue;
    if ((tableIdsRenamed.get(from.table) ?? from.table) !== to.table) continue;
    const segment = (name: string) => `_${name}_`;
    const renamedName = (name: string) => {
      const at = `${name}_`.indexOf(segment(from.name));
      if (at === -1) return null;
      return `${name}_`.slice(0, at) + segment(to.name) + `${name}_`.slice(at + segment(from.name).length);
    };
    const strip = (name: string) => (name.endsWith("_") ? name.slice(0, -1) : name);
    for (const constraint of Object.values(current.constraints)) {
      if (constraint.table !== from.table || constraint.kind === "not_null" || explicit.has(constraint.id))
        continue;
      const name = renamedName(constraint.name);
      if (!name) continue;
      const target = Object.values(desired.constraints).find(
        (c) => c.table === to.table && c.name === strip(name) && c.kind === constraint.kind,
      );
      const kept = Object.values(desired.constraints).some(
        (c) => c.table === to.table && c.name === constraint.name,
      );
      if (target && !kept && !current.constraints[target.id])
        out.push({ kind: "constraint", from: constraint.id, to: target.id });
    }
    for (const index of Object.values(current.indexes)) {
      if (index.table !== from.table || index.constraint !== null || explicit.has(index.id)) continue;
      const name = renamedName(index.name);
      if (!name) continue;
      const target = Object.values(desired.indexes).find(
        (i) => i.table === to.table && i.name === strip(name),
      );
      if (target && !desired.indexes[index.id] && !current.indexes[target.id])
        out.push({ kind: "index", from: index.id, to: target.id });
    }
  }
  return out;
}
