import type { SchemaState } from "../model/state.js";
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
  return out;
}
