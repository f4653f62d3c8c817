import type { Change } from "../../diff/change.js";
import { deps } from "../../diff/change-base.js";
import { partitionIds } from "../../diff/compare.js";
import type { DiffContext } from "../../diff/context.js";
import { relationRef, tableRef } from "../../diff/lookup.js";
import { InvalidInputError } from "../../errors.js";
import type { Constraint, SchemaState, Table } from "../../model/state.js";
import { quoteIdent } from "../../sql/quote.js";
import { stripOuterParens } from "../../sql/scan.js";
import { isLeftoverNotNullCheck } from "../column/not-null-helper.js";
import { diffComment } from "../comment/comment.diff.js";
import { reusableIndex } from "../index/index.diff.js";
import { withoutValidity } from "./constraint.render.js";

/**
 * Constraints written inside CREATE TABLE when their table is new: every validated local one but
 * foreign keys (they may point at tables created later, so they are added afterwards), and but a
 * UNIQUE that repeats the primary key or an earlier UNIQUE (same keys, INCLUDE, predicate and
 * deferrability): CREATE TABLE silently keeps only the first of those (transformIndexConstraints),
 * while ALTER TABLE … ADD CONSTRAINT creates it.
 */
export function inlinedInCreateTable(state: SchemaState, tableId: string): readonly Constraint[] {
  // NOT ENFORCED constraints are never validated, yet CREATE TABLE takes them as written.
  const candidates = (constraintsByTable(state).get(tableId) ?? []).filter(
    (c) => c.isLocal && (c.validated || !c.enforced) && c.kind !== "foreign_key" && c.kind !== "not_null",
  );
  const kept = new Set<string>();
  const signature = (c: Constraint) => {
    const index = "index" in c ? state.indexes[c.index] : undefined;
    if (!index || c.kind === "exclude") return null;
    return JSON.stringify([
      index.method,
      index.keys,
      index.include,
      index.predicate,
      index.nullsNotDistinct,
      c.deferrable,
      c.initiallyDeferred,
    ]);
  };
  const ordered = [...candidates].sort(
    (a, b) => Number(b.kind === "primary_key") - Number(a.kind === "primary_key"),
  );
  const inlined = new Set<string>();
  for (const constraint of ordered) {
    const key = signature(constraint);
    if (key !== null && kept.has(key)) continue;
    if (key !== null) kept.add(key);
    inlined.add(constraint.id);
  }
  return candidates.filter((c) => inlined.has(c.id));
}

const byTableCache = new WeakMap<SchemaState, ReadonlyMap<string, readonly Constraint[]>>();

/** The constraints of each table (computed once per state). */
export function constraintsByTable(state: SchemaState): ReadonlyMap<string, readonly Constraint[]> {
  let map = byTableCache.get(state);
  if (!map) {
    const built = new Map<string, Constraint[]>();
    for (const constraint of Object.values(state.constraints)) {
      const list = built.get(constraint.table);
      if (list) list.push(constraint);
      else built.set(constraint.table, [constraint]);
    }
    map = built;
    byTableCache.set(state, map);
  }
  return map;
}

/** Managed here: local constraints other than PG 18's catalogued NOT NULLs (those follow the column). */
function diffed(constraint: Constraint): boolean {
  return constraint.isLocal && constraint.kind !== "not_null";
}

/**
 * NOT ENFORCED (PG 18) cannot be written on an older target: refused at plan time, every such
 * constraint listed at once, rather than failing at apply (the desired state may have been loaded
 * on a newer scratch server).
 */
function checkEnforcementSupported(ctx: DiffContext): void {
  if (ctx.current.server.major >= 18) return;
  const problems = Object.values(ctx.desired.constraints)
    .filter((c) => !c.enforced && c.isLocal)
    .map((c) => ({
      message: `constraint ${c.name} on ${c.table.replace(/^table:/, "")} is NOT ENFORCED, which PostgreSQL ${ctx.current.server.major} does not support (18+)`,
      hint: "remove NOT ENFORCED (or drop the constraint), or upgrade the target server to PostgreSQL 18",
    }));
  if (problems.length > 0) throw new InvalidInputError(problems);
}

export function diffConstraints(ctx: DiffContext): readonly Change[] {
  checkEnforcementSupported(ctx);
  const changes: Change[] = [];
  /** Per table, its renamed columns (old name → new name). */
  const renamedColumns = new Map<string, Map<string, string>>();
  for (const rename of ctx.renames) {
    if (rename.kind !== "column") continue;
    const table = Object.values(ctx.desired.tables).find((t) => t.columns.some((c) => c.id === rename.to));
    const before = Object.values(ctx.currentAll.tables)
      .flatMap((t) => t.columns)
      .find((c) => c.id === rename.from);
    const after = table?.columns.find((c) => c.id === rename.to);
    if (!table || !before || !after) continue;
    const map = renamedColumns.get(table.id) ?? new Map<string, string>();
    map.set(before.name, after.name);
    renamedColumns.set(table.id, map);
  }
  const { both, dropped, added } = partitionIds(ctx.current.constraints, ctx.desired.constraints);
  for (const id of added) {
    const constraint = ctx.desired.constraints[id]!;
    const table = ctx.desired.tables[constraint.table];
    if (!table || !diffed(constraint)) continue;
    const tableIsNew = !ctx.current.tables[table.id];
    if (tableIsNew && inlinedInCreateTable(ctx.desired, table.id).some((c) => c.id === id)) {
      changes.push(...diffComment(id, target(table, constraint), null, constraint.comment));
      continue;
    }
    changes.push(...add(ctx, table, constraint, tableIsNew));
  }
  for (const id of dropped) {
    const constraint = ctx.current.constraints[id]!;
    const table = ctx.current.tables[constraint.table];
    // Constraints of a dropped table go with it; the NOT NULL pattern drops its own helper.
    if (!table || !ctx.desired.tables[table.id] || !diffed(constraint)) continue;
    if (isLeftoverNotNullCheck(ctx, constraint)) continue;
    changes.push(drop(table, constraint));
  }
  // Keys (PRIMARY KEY / UNIQUE) that go away or are rebuilt: foreign keys using them must be
  // dropped first and added again afterwards, even when they do not change themselves.
  const replacedKeys = [...dropped, ...both]
    .map((id) => ctx.current.constraints[id]!)
    .filter((c) => c.kind === "primary_key" || c.kind === "unique")
    .filter((c) => {
      const to = ctx.desired.constraints[c.id];
      return !to || !sameConstraint(c, to, renamedColumns.get(c.table));
    });
  // Only the replaced keys are searched (usually none): scanning every constraint for each foreign
  // key made the diff quadratic (61 % of a 2,000-table plan).
  const usesReplacedKey = (fk: Constraint) =>
    fk.kind === "foreign_key" &&
    replacedKeys.some(
      (key) =>
        key.table === fk.referencedTable &&
        key.columns.length === fk.referencedColumns.length &&
        key.columns.every((c) => fk.referencedColumns.includes(c)),
    );
  /**
   * A constraint the plan drops and adds again anyway (its definition changes, or a key it uses is
   * rebuilt): a rename hint on it is not planned as RENAME CONSTRAINT, the drop names it as it is in
   * the database (its old name) and the add creates it under the new one. (Renaming first and then
   * dropping under the new name would need the drop ordered after the rename, and gains nothing.)
   */
  const rebuilt = (from: Constraint, to: Constraint, table: Table) =>
    !sameConstraint(from, to, renamedColumns.get(table.id)) ||
    usesReplacedKey(from) ||
    ctx.cascade.routineDependents.has(to.id) ||
    (from.enforced !== to.enforced && to.enforced && !to.validated);
  const renamedFrom = new Map<string, string>();
  for (const rename of ctx.renames) {
    if (rename.kind !== "constraint") continue;
    const from = ctx.currentAll.constraints[rename.from];
    const to = ctx.desired.constraints[rename.to];
    const table = to ? ctx.desired.tables[to.table] : undefined;
    if (!from || !to || !table) continue;
    const renamed = ctx.current.constraints[to.id];
    if (renamed && diffed(renamed) && diffed(to) && rebuilt(renamed, to, table)) {
      renamedFrom.set(to.id, from.name);
      continue;
    }
    changes.push({
      kind: "rename_constraint",
      objectId: to.id,
      table: tableRef(table),
      from: from.name,
      to: to.name,
      deps: deps({ drops: [from.id], creates: [to.id], requires: [table.id] }),
    });
  }
  for (const id of both) {
    const from = ctx.current.constraints[id]!;
    const to = ctx.desired.constraints[id]!;
    const table = ctx.desired.tables[to.table];
    if (!table || !diffed(to)) continue;
    if (!diffed(from)) {
      changes.push(...add(ctx, table, to, false));
      continue;
    }
    if (rebuilt(from, to, table)) {
      const name = renamedFrom.get(id) ?? from.name;
      changes.push(drop(table, { ...from, name }), ...add(ctx, table, to, false));
      continue;
    }
    if (from.enforced !== to.enforced) {
      // Foreign keys only (sameConstraint sends CHECKs through drop and add; rebuilt() sends a key
      // wanted ENFORCED but NOT VALID, which can only be added again NOT VALID, through them too).
      changes.push({
        kind: "alter_constraint_enforcement",
        objectId: id,
        table: tableRef(table),
        name: to.name,
        enforced: to.enforced,
        deps: deps({ requires: [id, table.id] }),
      });
    } else if (!from.validated && to.validated) {
      changes.push({
        kind: "validate_constraint",
        objectId: id,
        table: tableRef(table),
        name: to.name,
        deps: deps({ requires: [id, table.id] }),
      });
    }
    changes.push(...diffComment(id, target(table, to), from.comment, to.comment));
  }
  return changes;
}

function add(ctx: DiffContext, table: Table, constraint: Constraint, tableIsNew: boolean): readonly Change[] {
  const referenced =
    constraint.kind === "foreign_key"
      ? (relationRef(ctx.desiredAll, constraint.referencedTable) ?? null)
      : null;
  const index = "index" in constraint ? (ctx.desired.indexes[constraint.index] ?? null) : null;
  const reuseIndex = !tableIsNew && index !== null && reusableIndex(ctx, index);
  return [
    {
      kind: "add_constraint",
      objectId: constraint.id,
      table: tableRef(table),
      constraint,
      tableIsNew,
      partitioned: table.partitionBy !== null,
      referenced,
      index,
      reuseIndex,
      deps: deps({
        creates: [constraint.id, ...(index ? [index.id] : [])],
        requires: [table.id, ...(referenced ? [referenced.id] : [])],
      }),
    },
    ...diffComment(constraint.id, target(table, constraint), null, constraint.comment),
  ];
}

export function drop(table: Table, constraint: Constraint): Change {
  return {
    kind: "drop_constraint",
    objectId: constraint.id,
    table: tableRef(table),
    constraint,
    deps: deps({
      drops: [constraint.id, ...("index" in constraint ? [constraint.index] : [])],
      requires: [table.id],
    }),
  };
}

/** Same constraint, by fields (definitions name tables, which renames change). */
function sameConstraint(
  a: Constraint,
  b: Constraint,
  renamed: ReadonlyMap<string, string> | undefined,
): boolean {
  const columnsRenamed = renamed !== undefined;
  if (a.kind !== b.kind || a.deferrable !== b.deferrable || a.initiallyDeferred !== b.initiallyDeferred)
    return false;
  if (a.noInherit !== b.noInherit) return false;
  // Only a foreign key switches enforcement in place (ALTER CONSTRAINT … ENFORCED, PG 18).
  if (a.enforced !== b.enforced && a.kind !== "foreign_key") return false;
  const same = (x: readonly string[], y: readonly string[]) =>
    x.length === y.length && x.every((v, i) => v === y[i]);
  switch (a.kind) {
    case "foreign_key":
      return (
        b.kind === "foreign_key" &&
        same(a.columns, b.columns) &&
        a.referencedTable === b.referencedTable &&
        same(a.referencedColumns, b.referencedColumns) &&
        a.match === b.match &&
        a.onUpdate === b.onUpdate &&
        a.onDelete === b.onDelete
      );
    case "primary_key":
    case "unique":
      return (
        (b.kind === "primary_key" || b.kind === "unique") &&
        same(a.columns, b.columns) &&
        (a.kind !== "unique" || b.kind !== "unique" || a.nullsNotDistinct === b.nullsNotDistinct) &&
        (columnsRenamed || withoutValidity(a.definition) === withoutValidity(b.definition))
      );
    case "check":
      return (
        b.kind === "check" &&
        stripOuterParens(renameColumns(a.expression, renamed)) === stripOuterParens(b.expression)
      );
    case "exclude":
    case "not_null":
      return withoutValidity(a.definition) === withoutValidity(b.definition);
    default: {
      const _exhaustive: never = a;
      return _exhaustive;
    }
  }
}

/**
 * A CHECK expression as PostgreSQL shows it after its columns were renamed (it follows the rename:
 * `price > 0` reads `amount > 0`). Identifiers outside string literals are replaced, bare or
 * double-quoted; anything this misses only costs a drop and re-add.
 */
function renameColumns(expression: string, renamed: ReadonlyMap<string, string> | undefined): string {
  if (!renamed || renamed.size === 0) return expression;
  return expression.replace(/'(?:[^']|'')*'|"((?:[^"]|"")+)"|[A-Za-z_][A-Za-z0-9_$]*/g, (token, quoted) => {
    if (token.startsWith("'")) return token;
    const name = quoted !== undefined ? String(quoted).replaceAll('""', '"') : token;
    const next = renamed.get(name);
    return next === undefined ? token : quoteIdent(next);
  });
}

function target(table: Table, constraint: Constraint) {
  return { kind: "constraint" as const, schema: table.schema, table: table.name, name: constraint.name };
}
