import type { Change } from "../../diff/change.js";
import { deps } from "../../diff/change-base.js";
import { partitionIds } from "../../diff/compare.js";
import type { DiffContext } from "../../diff/context.js";
import type { Index, MaterializedView } from "../../model/state.js";
import { accessMethodId } from "../access-method/access-method.model.js";
import type { ColumnSetting } from "../column/column.change.js";
import { diffComment } from "../comment/comment.diff.js";
import { beforeRename, schemaObjectRenames } from "../rename.js";
import { relationComments } from "../view/view.diff.js";
import { takenNames } from "../view/view.rebuild.js";
import type { SetMaterializedViewColumnSetting } from "./materialized-view.change.js";

/**
 * Materialized views: created (`WITH DATA` / `WITH NO DATA` as the desired side is populated),
 * dropped, dropped and created again when the query changes or something it depends on is altered
 * (view.rebuild.ts), storage options and the access method (PostgreSQL 15+) altered in place, and refreshed when the desired side is
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
    changes.push(create(ctx, view, null, []), ...relationComments(view, null), ...columnSettings(view, null));
  }
  for (const id of dropped) changes.push(drop(ctx.current.materializedViews[id]!, false));
  for (const id of both) {
    const from = ctx.current.materializedViews[id]!;
    const to = ctx.desired.materializedViews[id]!;
    if (recreated.has(id)) {
      const indexes = keptIndexes(ctx, id);
      const old = beforeRename(ctx, "materialized_view", from, ctx.currentAll.materializedViews);
      changes.push(
        drop(old, true),
        create(ctx, to, from, indexes),
        ...relationComments(to, null),
        ...columnSettings(to, null),
      );
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
    if (from.accessMethod !== to.accessMethod) {
      // before 15 the view is recreated instead (materializedViewNeedsRecreate)
      changes.push({
        kind: "set_materialized_view_access_method",
        objectId: id,
        view: { id, schema: to.schema, name: to.name },
        accessMethod: to.accessMethod,
        deps: deps({ requires: [id, ...accessMethodIds(to)], alters: [id] }),
      });
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
    changes.push(...relationComments(to, from), ...columnSettings(to, from));
  }
  return changes;
}

/**
 * The column settings `view` needs beyond `from` (null: a view just created, every column at its
 * defaults). A setting that goes back to its default is set to it: the type's storage, statistics
 * -1, the options reset.
 */
function columnSettings(
  view: MaterializedView,
  from: MaterializedView | null,
): readonly SetMaterializedViewColumnSetting[] {
  const wanted = view.columnSettings ?? {};
  const had = from?.columnSettings ?? {};
  const columns = [...new Set([...Object.keys(had), ...Object.keys(wanted)])].filter((column) =>
    view.columns.includes(column),
  );
  const ref = { id: view.id, schema: view.schema, name: view.name };
  const change = (column: string, setting: ColumnSetting): SetMaterializedViewColumnSetting => ({
    kind: "set_materialized_view_column_setting",
    objectId: view.id,
    view: ref,
    column,
    setting,
    deps: deps({ requires: [view.id] }),
  });
  return columns.flatMap((column) => {
    const to = wanted[column];
    const before = had[column];
    const settings: SetMaterializedViewColumnSetting[] = [];
    const storage = to?.storage ?? null;
    if (storage !== (before?.storage ?? null)) {
      const value = storage ?? before?.typeStorage ?? to?.typeStorage;
      if (value) settings.push(change(column, { name: "storage", value }));
    }
    const statistics = to?.statisticsTarget ?? null;
    if (statistics !== (before?.statisticsTarget ?? null))
      settings.push(change(column, { name: "statistics", value: statistics }));
    const options = to?.options ?? [];
    if (options.join() !== (before?.options ?? []).join())
      settings.push(change(column, { name: "options", value: options }));
    return settings;
  });
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
    deps: deps({ creates: [view.id, ...takenNames(ctx, view)], requires: accessMethodIds(view) }),
  };
}

/** The access method a materialized view is created `USING`, when not heap: created first. */
function accessMethodIds(view: MaterializedView): readonly string[] {
  return view.accessMethod === undefined ? [] : [accessMethodId(view.accessMethod)];
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
