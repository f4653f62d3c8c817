import type { Change } from "../../diff/change.js";
import { deps } from "../../diff/change-base.js";
import { deepEqual, partitionIds } from "../../diff/compare.js";
import type { DiffContext } from "../../diff/context.js";
import { relationRef } from "../../diff/lookup.js";
import { ids } from "../../model/ids.js";
import type { Index } from "../../model/state.js";
import { diffComment } from "../comment/comment.diff.js";
import { dependentsOfRecreatedRoutines } from "../function/routine-dependents.js";

/**
 * Standalone indexes. Indexes backing a constraint follow the constraint (constraint.diff.ts);
 * indexes a partition has because its parent has one follow the parent.
 */
function diffed(index: Index): boolean {
  return index.constraint === null && index.parentIndex === null;
}

export function diffIndexes(ctx: DiffContext): readonly Change[] {
  const changes: Change[] = [];
  for (const rename of ctx.renames) {
    if (rename.kind !== "index") continue;
    const from = ctx.currentAll.indexes[rename.from];
    const to = ctx.desired.indexes[rename.to];
    if (!from || !to) continue;
    changes.push({
      kind: "rename_index",
      objectId: to.id,
      schema: to.schema,
      from: from.name,
      to: to.name,
      deps: deps({ drops: [from.id], creates: [to.id], requires: [to.table] }),
    });
  }
  const isPartitioned = (tableId: string) =>
    (ctx.desired.tables[tableId] ?? ctx.current.tables[tableId])?.partitionBy != null;
  const { both, dropped, added } = partitionIds(ctx.current.indexes, ctx.desired.indexes);
  for (const id of added) {
    const index = ctx.desired.indexes[id]!;
    const table = relationRef(ctx.desired, index.table);
    if (!diffed(index) || !table) continue;
    const tableIsNew = !relationRef(ctx.current, index.table);
    changes.push({
      kind: "create_index",
      objectId: id,
      index,
      table,
      tableIsNew,
      partitioned: isPartitioned(index.table),
      deps: deps({ creates: [id], requires: [index.table] }),
    });
    changes.push(...statistics(null, index));
    changes.push(...diffComment(id, target(index), null, index.comment));
  }
  for (const id of dropped) {
    const index = ctx.current.indexes[id]!;
    // Indexes of a dropped table go with it.
    if (!diffed(index) || !relationRef(ctx.desired, index.table)) continue;
    changes.push({
      kind: "drop_index",
      objectId: id,
      index,
      partitioned: isPartitioned(index.table),
      inTransaction: false,
      deps: deps({ drops: [id] }),
    });
  }
  for (const id of both) {
    const from = ctx.current.indexes[id]!;
    const to = ctx.desired.indexes[id]!;
    const table = relationRef(ctx.desired, to.table);
    if (!diffed(to) || !table) continue;
    if (diffed(from) && dependentsOfRecreatedRoutines(ctx).has(id)) {
      // Its routine or generated column is dropped and created again: no copy can be built before
      // the old one goes.
      changes.push(
        {
          kind: "drop_index",
          objectId: id,
          index: from,
          partitioned: isPartitioned(from.table),
          inTransaction: true,
          deps: deps({ drops: [id] }),
        },
        {
          kind: "create_index",
          objectId: id,
          index: to,
          table,
          tableIsNew: false,
          partitioned: isPartitioned(to.table),
          deps: deps({ creates: [id], requires: [to.table] }),
        },
      );
      changes.push(...statistics(null, to));
    } else if (!diffed(from) || !sameIndex(from, to)) {
      changes.push({
        kind: "replace_index",
        objectId: id,
        from,
        to,
        table,
        partitioned: isPartitioned(to.table),
        deps: deps({ drops: [id], creates: [id], requires: [to.table] }),
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
