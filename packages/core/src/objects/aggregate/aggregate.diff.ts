import type { Change } from "../../diff/change.js";
import { deps } from "../../diff/change-base.js";
import { partitionIds } from "../../diff/compare.js";
import type { DiffContext } from "../../diff/context.js";
import type { Aggregate } from "../../model/state.js";
import { diffComment } from "../comment/comment.diff.js";
import { beforeRename, schemaObjectRenames } from "../rename.js";

/**
 * Aggregates: created, dropped, and dropped and created again on any change
 * (aggregate.compare.ts) or when a function they use is recreated (view.rebuild.ts); views using a
 * recreated aggregate are recreated around it.
 */
export function diffAggregates(ctx: DiffContext): readonly Change[] {
  const recreated = ctx.cascade.recreated;
  const changes: Change[] = schemaObjectRenames(
    ctx,
    "aggregate",
    "rename_aggregate",
    ctx.currentAll.aggregates,
    ctx.desired.aggregates,
  ).map((rename) => ({ ...rename, arguments: ctx.desired.aggregates[rename.objectId]!.identityArguments }));
  const { both, dropped, added } = partitionIds(ctx.current.aggregates, ctx.desired.aggregates);
  for (const id of added) {
    const aggregate = ctx.desired.aggregates[id]!;
    changes.push(create(aggregate, null), ...comment(aggregate, null));
  }
  for (const id of dropped) changes.push(drop(ctx.current.aggregates[id]!, false));
  for (const id of both) {
    const from = ctx.current.aggregates[id]!;
    const to = ctx.desired.aggregates[id]!;
    if (recreated.has(id)) {
      const old = beforeRename(ctx, "aggregate", from, ctx.currentAll.aggregates);
      changes.push(drop(old, true), create(to, from), ...comment(to, null));
    } else changes.push(...comment(to, from.comment));
  }
  return changes;
}

function create(aggregate: Aggregate, replaces: Aggregate | null): Change {
  return {
    kind: "create_aggregate",
    objectId: aggregate.id,
    aggregate,
    replaces,
    deps: deps({ creates: [aggregate.id] }),
  };
}

function drop(aggregate: Aggregate, early: boolean): Change {
  return {
    kind: "drop_aggregate",
    objectId: aggregate.id,
    aggregate,
    early,
    deps: deps({ drops: [aggregate.id] }),
  };
}

function comment(aggregate: Aggregate, from: string | null) {
  const target = {
    kind: "routine" as const,
    routine: "aggregate" as const,
    schema: aggregate.schema,
    name: aggregate.name,
    arguments: aggregate.identityArguments,
  };
  return diffComment(aggregate.id, target, from, aggregate.comment);
}
