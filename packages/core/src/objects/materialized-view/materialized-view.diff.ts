import type { Change } from "../../diff/change.js";
import { deps } from "../../diff/change-base.js";
import { partitionIds } from "../../diff/compare.js";
import type { DiffContext } from "../../diff/context.js";
import type { Index, MaterializedView } from "../../model/state.js";
import { diffComment } from "../comment/comment.diff.js";
import { beforeRename, schemaObjectRenames } from "../rename.js";
import { relationComments } from "../view/view.diff.js";
import { takenNames } from "../view/view.rebuild.js";

/**
 * Materialized views: created (`WITH DATA` / `WITH NO DATA` as the desired side is populated),
 * dropped, dropped and created again when the query changes or something it depends on is altered
 * (view.rebuild.ts), storage options altered in place, and refreshed when the desired side is
 * populated and the current one is not. The reverse (populated → not) is left alone on purpose:
 * emptying a materialized view that production has refreshed breaks its readers, and whether a
 * schema file says `WITH NO DATA` says nothing about the data a live one should hold.
 */
export function diffMaterializedViews(ctx: DiffContext): readonly Change[] {
  const recreated = ctx.cascade.recreated;
  const changes: Change[] = [
    ...schemaObjectRenames(
      ctx,
      "materialized_view",
      "rename_materialized_view",
      ctx.currentAll.materializedViews,
      ctx.desired.materializedViews,
    ),
  ];
  const { both, dropped, added } = partitionIds(ctx.current.materializedViews, ctx.desired.materializedViews);
  for (const id of added) {
    const view = ctx.desired.materializedViews[id]!;
    changes.push(create(ctx, view, null, []), ...relationComments(view, null));
  }
  for (const id of dropped) changes.push(drop(ctx.current.materializedViews[id]!, false));
  for (const id of both) {
    const from = ctx.current.materializedViews[id]!;
    const to = ctx.desired.materializedViews[id]!;
    if (recreated.has(id)) {
      const indexes = keptIndexes(ctx, id);
      const old = beforeRename(ctx, "materialized_view", from, ctx.currentAll.materializedViews);
      changes.push(drop(old, true), create(ctx, to, from, indexes), ...relationComments(to, null));
      for (const index of indexes) {
        changes.push(
          ...diffComment(
            index.id,
            { kind: "index", schema: index.schema, name: index.name },
            null,
            index.comment,
          ),
        );
      }
      continue;
    }
    if (from.options.join() !== to.options.join()) {
      changes.push({
        kind: "alter_materialized_view_options",
        objectId: id,
        from,
        view: to,
        deps: deps({ alters: [id] }),
      });
    }
    if (!from.populated && to.populated) {
      changes.push({
        kind: "refresh_materialized_view",
        objectId: id,
        view: to,
        deps: deps({ alters: [id] }),
      });
    }
    changes.push(...relationComments(to, from));
  }
  return changes;
}

function create(
  ctx: DiffContext,
  view: MaterializedView,
  replaces: MaterializedView | null,
  indexes: readonly Index[],
): Change {
  return {
    kind: "create_materialized_view",
    objectId: view.id,
    view,
    replaces,
    indexes,
    deps: deps({ creates: [view.id, ...takenNames(ctx, view)] }),
  };
}

function drop(view: MaterializedView, early: boolean): Change {
  return { kind: "drop_materialized_view", objectId: view.id, view, early, deps: deps({ drops: [view.id] }) };
}

/**
 * Desired indexes on the materialized view that exist unchanged on the current side: the index kind
 * emits nothing for them, so the recreate builds them. New or changed ones are the index kind's.
 */
function keptIndexes(ctx: DiffContext, viewId: string): readonly Index[] {
  return Object.values(ctx.desired.indexes).filter((index) => {
    const before = ctx.current.indexes[index.id];
    return index.table === viewId && before?.table === viewId && before.definition === index.definition;
  });
}
