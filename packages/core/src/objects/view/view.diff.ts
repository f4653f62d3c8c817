import type { Change } from "../../diff/change.js";
import { deps } from "../../diff/change-base.js";
import { partitionIds } from "../../diff/compare.js";
import type { DiffContext } from "../../diff/context.js";
import { ids } from "../../model/ids.js";
import type { MaterializedView, View } from "../../model/state.js";
import type { SetComment } from "../comment/comment.change.js";
import { diffComment } from "../comment/comment.diff.js";
import { beforeRename, schemaObjectRenames } from "../rename.js";
import { takenNames } from "./view.rebuild.js";
import { viewOptions } from "./view.render.js";

/**
 * Views. A view on both sides is, in order of preference: left alone; altered in place (`ALTER VIEW
 * … SET/RESET` when only options or the check option change); replaced (`CREATE OR REPLACE VIEW`
 * when PostgreSQL allows it, view.compare.ts); or dropped early and created again — when its
 * columns change incompatibly or something it depends on is altered or recreated
 * (view.rebuild.ts). A recreated view gets its comments, column comments and grants back.
 * Owner and grants of views on both sides are the privileges kind's.
 */
export function diffViews(ctx: DiffContext): readonly Change[] {
  const recreated = ctx.cascade.recreated;
  const changes: Change[] = [
    ...schemaObjectRenames(ctx, "view", "rename_view", ctx.currentAll.views, ctx.desired.views),
  ];
  const { both, dropped, added } = partitionIds(ctx.current.views, ctx.desired.views);
  for (const id of added) {
    const view = ctx.desired.views[id]!;
    changes.push(createView(ctx, view, null), ...relationComments(view, null));
  }
  for (const id of dropped) changes.push(dropView(ctx.current.views[id]!, false));
  for (const id of both) {
    const from = ctx.current.views[id]!;
    const to = ctx.desired.views[id]!;
    if (recreated.has(id)) {
      const old = beforeRename(ctx, "view", from, ctx.currentAll.views);
      changes.push(dropView(old, true), createView(ctx, to, from), ...relationComments(to, null));
      continue;
    }
    if (from.definition !== to.definition || from.columns.join() !== to.columns.join()) {
      changes.push({ kind: "replace_view", objectId: id, from, view: to, deps: deps({ alters: [id] }) });
    } else if (viewOptions(from).join() !== viewOptions(to).join()) {
      changes.push({
        kind: "alter_view_options",
        objectId: id,
        from,
        view: to,
        deps: deps({ alters: [id] }),
      });
    }
    changes.push(...relationComments(to, from));
  }
  return changes;
}

function createView(ctx: DiffContext, view: View, replaces: View | null): Change {
  const creates = [view.id, ...takenNames(ctx, view)];
  return { kind: "create_view", objectId: view.id, view, replaces, deps: deps({ creates }) };
}

function dropView(view: View, early: boolean): Change {
  return { kind: "drop_view", objectId: view.id, view, early, deps: deps({ drops: [view.id] }) };
}

/**
 * Comment changes of a view or materialized view and of its columns (`from` null: the relation is
 * created by this plan). Column comments require the relation, which is what creates them.
 */
export function relationComments(
  to: View | MaterializedView,
  from: View | MaterializedView | null,
): readonly SetComment[] {
  const target =
    to.kind === "view"
      ? { kind: "view" as const, schema: to.schema, name: to.name }
      : { kind: "materialized_view" as const, schema: to.schema, name: to.name };
  const columns = [
    ...new Set([...Object.keys(from?.columnComments ?? {}), ...Object.keys(to.columnComments)]),
  ]
    .filter((name) => to.columns.includes(name))
    .sort();
  return [
    ...diffComment(to.id, target, from?.comment ?? null, to.comment),
    ...columns.flatMap((name) =>
      diffComment(
        ids.column(to.schema, to.name, name),
        { kind: "column", schema: to.schema, table: to.name, name },
        from?.columnComments[name] ?? null,
        to.columnComments[name] ?? null,
      ).map((change) => ({ ...change, deps: deps({ requires: [to.id] }) })),
    ),
  ];
}
