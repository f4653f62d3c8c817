import type { Change } from "../../diff/change.js";
import { deps, type TableRef } from "../../diff/change-base.js";
import { deepEqual, partitionIds } from "../../diff/compare.js";
import type { DiffContext } from "../../diff/context.js";
import { relationRef } from "../../diff/lookup.js";
import type { Statistics } from "../../model/state.js";
import type { CommentTarget } from "../comment/comment.change.js";
import { diffComment } from "../comment/comment.diff.js";
import { schemaObjectRenames } from "../rename.js";

/**
 * Statistics objects (`CREATE STATISTICS`): created, dropped, replaced (DROP + CREATE) when their
 * table, kinds or columns change, and `ALTER STATISTICS … SET STATISTICS` for the target. Those of a
 * dropped table go with it; those of a recreated materialized view are created again after it, and
 * those whose expressions call a recreated routine are dropped before it and created after (as
 * indexes are). The columns are the server's text, so a renamed column replaces them.
 */
export function diffStatistics(ctx: DiffContext): readonly Change[] {
  const changes: Change[] = [
    ...schemaObjectRenames(
      ctx,
      "statistics",
      "rename_statistics",
      ctx.currentAll.statistics,
      ctx.desired.statistics,
    ),
  ];
  const { both, dropped, added } = partitionIds(ctx.current.statistics, ctx.desired.statistics);
  for (const id of added) {
    const statistics = ctx.desired.statistics[id]!;
    const table = relationRef(ctx.desiredAll, statistics.table);
    if (table) changes.push(...createWithSettings(id, table, statistics));
  }
  for (const id of dropped) {
    const statistics = ctx.current.statistics[id]!;
    if (!relationRef(ctx.desired, statistics.table)) continue;
    changes.push({ kind: "drop_statistics", objectId: id, statistics, deps: deps({ drops: [id] }) });
  }
  for (const id of both) {
    const from = ctx.current.statistics[id]!;
    const to = ctx.desired.statistics[id]!;
    const table = relationRef(ctx.desiredAll, to.table);
    if (!table) continue;
    if (ctx.cascade.recreated.has(to.table)) {
      // Its materialized view is dropped and created again: the DROP took it along.
      changes.push(...createWithSettings(id, table, to));
      continue;
    }
    if (ctx.cascade.routineDependents.has(id)) {
      // An expression calls a routine that is dropped and created again: off before, back after.
      changes.push(
        { kind: "drop_statistics", objectId: id, statistics: from, deps: deps({ drops: [id] }) },
        ...createWithSettings(id, table, to),
      );
      continue;
    }
    const replaced =
      from.table !== to.table ||
      from.columns !== to.columns ||
      !deepEqual(from.statisticsKinds, to.statisticsKinds);
    if (replaced) {
      changes.push({
        kind: "replace_statistics",
        objectId: id,
        table,
        from,
        to,
        deps: deps({ drops: [id], creates: [id], requires: [to.table] }),
      });
      if (to.target !== null) changes.push(setTarget(to));
    } else if (from.target !== to.target) {
      changes.push(setTarget(to));
    }
    changes.push(...diffComment(id, target(to), replaced ? null : from.comment, to.comment));
  }
  return changes;
}

/** CREATE, then the target and the comment when they are not the defaults. */
function createWithSettings(id: string, table: TableRef, statistics: Statistics): Change[] {
  return [
    {
      kind: "create_statistics",
      objectId: id,
      table,
      statistics,
      deps: deps({ creates: [id], requires: [statistics.table] }),
    },
    ...(statistics.target === null ? [] : [setTarget(statistics)]),
    ...diffComment(id, target(statistics), null, statistics.comment),
  ];
}

function setTarget(statistics: Statistics): Change {
  return {
    kind: "set_statistics_target",
    objectId: statistics.id,
    statistics,
    deps: deps({ requires: [statistics.id] }),
  };
}

function target(statistics: Statistics): CommentTarget {
  return { kind: "statistics", schema: statistics.schema, name: statistics.name };
}
