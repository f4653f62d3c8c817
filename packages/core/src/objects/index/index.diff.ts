import type { Change } from "../../diff/change.js";
import { deps, type TableRef } from "../../diff/change-base.js";
import { deepEqual, partitionIds } from "../../diff/compare.js";
import type { DiffContext } from "../../diff/context.js";
import { relationRef } from "../../diff/lookup.js";
import { ids } from "../../model/ids.js";
import type { Index, SchemaState } from "../../model/state.js";
import { diffComment } from "../comment/comment.diff.js";
import { attachesIndex } from "../constraint/constraint.steps.js";
import { replacementName } from "./index.render.js";

/**
 * Standalone indexes. Indexes backing a constraint follow the constraint (constraint.diff.ts);
 * indexes a partition has because its parent has one follow the parent.
 */
function diffed(index: Index): boolean {
  return index.constraint === null && index.parentIndex === null;
}

/**
 * Whether the plan drops the index and builds it again (invalid, its routine recreated, or another
 * definition) rather than keeping it.
 */
function rebuilt(ctx: DiffContext, from: Index, to: Index): boolean {
  return (
    diffed(from) &&
    diffed(to) &&
    (!from.valid || ctx.cascade.routineDependents.has(to.id) || !sameIndex(from, to))
  );
}

export function diffIndexes(ctx: DiffContext): readonly Change[] {
  const changes: Change[] = [];
  /**
   * An index renamed by hint that is rebuilt anyway is not renamed: it is dropped under its old name
   * (as it is in the database) and built under the new one. (A rename first would need the drop of
   * the old definition, which names the new name, ordered after it, and gains nothing.)
   */
  const renamedFrom = new Map<string, string>();
  for (const rename of ctx.renames) {
    if (rename.kind !== "index") continue;
    const from = ctx.currentAll.indexes[rename.from];
    const to = ctx.desired.indexes[rename.to];
    if (!from || !to) continue;
    const renamed = ctx.current.indexes[to.id];
    if (renamed && rebuilt(ctx, renamed, to)) {
      renamedFrom.set(to.id, from.name);
      continue;
    }
    changes.push({
      kind: "rename_index",
      objectId: to.id,
      schema: to.schema,
      from: from.name,
      to: to.name,
      deps: deps({ drops: [from.id], creates: [to.id], requires: [to.table] }),
    });
  }
  const { both, dropped, added } = partitionIds(ctx.current.indexes, ctx.desired.indexes);
  for (const id of added) {
    const index = ctx.desired.indexes[id]!;
    const table = relationRef(ctx.desired, index.table);
    if (!diffed(index) || !table) continue;
    const tableIsNew = !relationRef(ctx.current, index.table);
    changes.push(createIndex(ctx, index, table, tableIsNew));
    changes.push(...statistics(null, index));
    changes.push(...diffComment(id, target(index), null, index.comment));
  }
  for (const id of dropped) {
    const index = ctx.current.indexes[id]!;
    // Indexes of a dropped table go with it.
    if (!diffed(index) || !relationRef(ctx.desired, index.table)) continue;
    changes.push(dropIndex(ctx, index));
  }
  for (const id of both) {
    const current = ctx.current.indexes[id]!;
    const from = { ...current, name: renamedFrom.get(id) ?? current.name };
    const to = ctx.desired.indexes[id]!;
    const table = relationRef(ctx.desired, to.table);
    if (!table) continue;
    if (diffed(from) && !from.valid) {
      // What a failed, killed or timed-out CREATE INDEX CONCURRENTLY leaves (a plain or unique
      // index, the index a UNIQUE / PRIMARY KEY was being built on, a partition's): dropped and
      // built again. A constraint's index is built again by the constraint's add.
      changes.push(dropIndex(ctx, from));
      if (!diffed(to)) continue;
      changes.push(createIndex(ctx, to, table, false), ...statistics(null, to));
      changes.push(...diffComment(id, target(to), null, to.comment));
      continue;
    }
    if (!diffed(to)) {
      // A standalone index that the desired state has behind a PRIMARY KEY / UNIQUE of the same
      // name (an earlier run built it and stopped before ADD CONSTRAINT … USING INDEX): the
      // constraint's add takes it over when it is the index wanted, else it goes first.
      if (diffed(from) && !reusableIndex(ctx, to)) changes.push(dropIndex(ctx, from));
      continue;
    }
    if (diffed(from) && ctx.cascade.routineDependents.has(id)) {
      // Its routine or generated column is dropped and created again: no copy can be built before
      // the old one goes.
      changes.push(dropIndex(ctx, from, { inTransaction: true }), createIndex(ctx, to, table, false));
      changes.push(...statistics(null, to));
    } else if (!diffed(from) || !sameIndex(from, to)) {
      const partitioned = isPartitioned(ctx, to.table);
      changes.push({
        kind: "replace_index",
        objectId: id,
        from,
        to,
        table,
        partitioned,
        // The temporary name too: a leftover of an earlier run under it is dropped first.
        deps: deps({
          drops: [id],
          creates: [id, ...(partitioned ? [] : [ids.index(to.schema, replacementName(to.name))])],
          requires: [to.table],
        }),
      });
      changes.push(...statistics(null, to));
    } else {
      changes.push(...statistics(from, to));
    }
    changes.push(...diffComment(id, target(to), from.comment, to.comment));
  }
  changes.push(...partitionIndexStatistics(ctx, changes));
  return changes;
}

function isPartitioned(ctx: DiffContext, tableId: string): boolean {
  return (ctx.desired.tables[tableId] ?? ctx.current.tables[tableId])?.partitionBy != null;
}

function createIndex(ctx: DiffContext, index: Index, table: TableRef, tableIsNew: boolean): Change {
  const partitioned = isPartitioned(ctx, index.table);
  return {
    kind: "create_index",
    objectId: index.id,
    index,
    table,
    tableIsNew,
    partitioned,
    // On a partitioned table the partitions' indexes come with it (and a leftover standing in the
    // way of one of their names is dropped first).
    deps: deps({
      creates: [index.id, ...(partitioned ? partitionIndexes(ctx.desired, index.id) : [])],
      requires: [index.table],
    }),
  };
}

function dropIndex(
  ctx: DiffContext,
  index: Index,
  options: { readonly inTransaction?: boolean } = {},
): Change {
  return {
    kind: "drop_index",
    objectId: index.id,
    index,
    partitioned: isPartitioned(ctx, index.table),
    inTransaction: options.inTransaction ?? false,
    invalid: !index.valid,
    deps: deps({ drops: [index.id] }),
  };
}

/** The indexes partitions (and their partitions) have because `parentId` exists. */
function partitionIndexes(state: SchemaState, parentId: string): readonly string[] {
  const out: string[] = [];
  const queue = [parentId];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const index of Object.values(state.indexes)) {
      if (index.parentIndex === id && !out.includes(index.id)) {
        out.push(index.id);
        queue.push(index.id);
      }
    }
  }
  return out;
}

/**
 * A valid standalone index of the current state that is exactly the index a desired PRIMARY KEY /
 * UNIQUE needs (same name, table and definition): `ADD CONSTRAINT … USING INDEX` takes it over
 * instead of building it again.
 */
export function reusableIndex(ctx: DiffContext, wanted: Index): boolean {
  const index = ctx.current.indexes[wanted.id];
  if (!index || !diffed(index) || !index.valid || !sameIndex(index, wanted)) return false;
  const constraint = wanted.constraint === null ? undefined : ctx.desired.constraints[wanted.constraint];
  return constraint !== undefined && attachesIndex(constraint, wanted, isPartitioned(ctx, wanted.table));
}

/**
 * Statistics targets of the indexes partitions have because their parent index does. ALTER INDEX
 * on the parent sets theirs too, and a partition's index starts at the default when it is built:
 * each one is set on its own, after its parent's, where it would otherwise differ from the desired.
 */
function partitionIndexStatistics(ctx: DiffContext, changes: readonly Change[]): readonly Change[] {
  const rebuilt = new Set<string>();
  const parentSets = new Map<string, Map<number, number | null>>();
  for (const change of changes) {
    if (change.kind === "create_index" || change.kind === "replace_index") rebuilt.add(change.objectId);
    if (change.kind === "set_index_statistics") {
      const set = parentSets.get(change.objectId) ?? new Map<number, number | null>();
      set.set(change.column, change.target);
      parentSets.set(change.objectId, set);
    }
  }
  const out: Change[] = [];
  // Nearest the top first: a partition's own statement reaches its sub-partitions' indexes too.
  const children = Object.values(ctx.desired.indexes)
    .filter((index) => index.parentIndex !== null && relationRef(ctx.desired, index.table))
    .map((index) => ({ index, ancestors: parentChain(ctx, index) }))
    .sort((a, b) => a.ancestors.length - b.ancestors.length);
  for (const { index: to, ancestors } of children) {
    const from = ctx.current.indexes[to.id];
    const now = new Map<number, number | null>(
      from && !ancestors.some((id) => rebuilt.has(id))
        ? from.columnStatistics.map((s) => [s.column, s.target] as const)
        : [],
    );
    // The nearest ancestor's statement is the last to reach this index.
    for (const id of [...ancestors].reverse())
      for (const [column, target] of parentSets.get(id) ?? []) now.set(column, target);
    const wanted = new Map(to.columnStatistics.map((s) => [s.column, s.target] as const));
    const columns = [...new Set([...now.keys(), ...wanted.keys()])].sort((a, b) => a - b);
    for (const column of columns) {
      if ((now.get(column) ?? null) === (wanted.get(column) ?? null)) continue;
      const own = parentSets.get(to.id) ?? new Map<number, number | null>();
      own.set(column, wanted.get(column) ?? null);
      parentSets.set(to.id, own);
      out.push({
        kind: "set_index_statistics",
        objectId: to.id,
        index: { schema: to.schema, name: to.name },
        table: to.table,
        column,
        target: wanted.get(column) ?? null,
        deps: deps({
          creates: [ids.indexStatistics(to.id)],
          requires: [to.id, to.table, ...ancestors.map((id) => ids.indexStatistics(id))],
        }),
      });
    }
  }
  return out;
}

/** The parent index, its parent, and so on (partitions of partitions). */
function parentChain(ctx: DiffContext, index: Index): readonly string[] {
  const out: string[] = [];
  for (let parent = index.parentIndex; parent !== null && !out.includes(parent); ) {
    out.push(parent);
    parent = ctx.desired.indexes[parent]?.parentIndex ?? null;
  }
  return out;
}

/**
 * Statistics targets of expression keys: each one that differs from the index's current one (none
 * on an index this plan builds), back to the default (-1) where the desired index has none.
 */
function statistics(from: Index | null, to: Index): readonly Change[] {
  const before = new Map((from?.columnStatistics ?? []).map((s) => [s.column, s.target] as const));
  const after = new Map(to.columnStatistics.map((s) => [s.column, s.target] as const));
  const columns = [...new Set([...before.keys(), ...after.keys()])].sort((a, b) => a - b);
  return columns
    .filter((column) => before.get(column) !== after.get(column))
    .map((column) => ({
      kind: "set_index_statistics" as const,
      objectId: to.id,
      index: { schema: to.schema, name: to.name },
      table: to.table,
      column,
      target: after.get(column) ?? null,
      deps: deps({ creates: [ids.indexStatistics(to.id)], requires: [to.id, to.table] }),
    }));
}

const COMPARED = [
  "method",
  "unique",
  "nullsNotDistinct",
  "keys",
  "include",
  "predicate",
  "options",
  "valid",
] as const;

function sameIndex(a: Index, b: Index): boolean {
  return a.table === b.table && COMPARED.every((key) => deepEqual(a[key], b[key]));
}

function target(index: Index) {
  return { kind: "index" as const, schema: index.schema, name: index.name };
}
