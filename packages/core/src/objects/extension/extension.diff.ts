import { deps } from "../../diff/change-base.js";
import { partitionIds } from "../../diff/compare.js";
import type { DiffContext } from "../../diff/context.js";
import { findColumn } from "../../diff/lookup.js";
import { PgFluxError } from "../../errors.js";
import { ids, kindOfId } from "../../model/ids.js";
import type { Extension } from "../../model/state.js";
import type { CommentChange } from "../comment/comment.change.js";
import { diffComment } from "../comment/comment.diff.js";
import { COLLECTIONS } from "../kinds.js";
import type { ExtensionChange, ReplaceExtension } from "./extension.change.js";
import { replacedExtensions } from "./extension.compare.js";

export function diffExtensions(ctx: DiffContext): readonly (ExtensionChange | CommentChange)[] {
  const changes: (ExtensionChange | CommentChange)[] = [];
  const { both, dropped, added } = partitionIds(ctx.current.extensions, ctx.desired.extensions);
  for (const id of added) {
    const extension = ctx.desired.extensions[id]!;
    changes.push({
      kind: "create_extension",
      objectId: id,
      extension,
      deps: deps({ creates: [id], requires: [ids.schema(extension.schema)] }),
    });
    changes.push(...diffComment(id, { kind: "extension", name: extension.name }, null, extension.comment));
  }
  for (const id of dropped) {
    changes.push({
      kind: "drop_extension",
      objectId: id,
      extension: ctx.current.extensions[id]!,
      deps: deps({ drops: [id] }),
    });
  }
  for (const id of both) {
    const from = ctx.current.extensions[id]!;
    const to = ctx.desired.extensions[id]!;
    if (replacedExtensions(ctx).includes(id)) {
      changes.push(replaceExtension(ctx, from, to));
      changes.push(...diffComment(id, { kind: "extension", name: to.name }, null, to.comment));
      continue;
    }
    if (from.version !== to.version || from.schema !== to.schema) {
      changes.push({
        kind: "alter_extension",
        objectId: id,
        name: to.name,
        version: from.version === to.version ? null : to.version,
        schema: from.schema === to.schema ? null : to.schema,
        deps: deps({ alters: [id], requires: [ids.schema(to.schema)] }),
      });
    }
    changes.push(...diffComment(id, { kind: "extension", name: to.name }, from.comment, to.comment));
  }
  return changes;
}

/**
 * A non-relocatable extension (`pg_extension.extrelocatable` false: xml2, the procedural languages)
 * cannot `SET SCHEMA`; it moves by DROP + CREATE (DATA_LOSS: its own objects are recreated). What
 * uses its functions and types (pg_depend, read as a reference to the extension) is taken off before
 * and put back after by its own differ when it can be: views, materialized views, routines with
 * SQL-standard bodies, triggers and policies (view.rebuild.ts), indexes, CHECK constraints,
 * statistics and column defaults (function/routine-dependents.ts); what the desired state drops goes
 * by its own drop, first. Anything else (a column of its type or generated from it, a domain over its
 * type) would lose data or cannot be recreated around the move: the plan is refused, naming it.
 */
function replaceExtension(ctx: DiffContext, from: Extension, to: Extension): ReplaceExtension {
  const users = new Set(
    ctx.current.dependencies.filter((d) => d.referenced === from.id).map((d) => d.dependent),
  );
  const stuck = [...users].filter((id) => !putBack(ctx, from, id)).sort();
  if (stuck.length > 0) {
    throw new PgFluxError(
      `cannot move extension ${from.name} from schema ${from.schema} to ${to.schema}: it is not relocatable (PostgreSQL refuses ALTER EXTENSION … SET SCHEMA for it), and moving it means DROP EXTENSION + CREATE EXTENSION, which would take along what uses its objects and cannot be put back around it: ${stuck.slice(0, 8).join(", ")}${stuck.length > 8 ? `, and ${stuck.length - 8} more` : ""}`,
      {
        code: "refused",
        objectId: from.id,
        hint: `keep it in ${from.schema} in the schema files; or move it in a versioned migration (pg-flux push): save and drop what uses it, DROP EXTENSION ${from.name}, CREATE EXTENSION ${from.name} SCHEMA ${to.schema}, create them again against ${to.schema}`,
      },
    );
  }
  return {
    kind: "replace_extension",
    objectId: to.id,
    from,
    to,
    deps: deps({ drops: [from.id], creates: [to.id], requires: [ids.schema(to.schema)] }),
  };
}

/** Is `id`, which uses the moving extension `from`, dropped or recreated around the move by the plan? */
function putBack(ctx: DiffContext, from: Extension, id: string): boolean {
  const { current, desired } = ctx;
  if (kindOfId(id) === "column") {
    const before = findColumn(current, id)?.column;
    if (!before || !findColumn(desired, id)) return true;
    const notOurs = !current.types[ids.type(before.type.schema, before.type.name)];
    // Only a default can go and come back: a column of its type or generated from it keeps values.
    return (
      before.generated === null && before.default !== null && !(notOurs && before.type.schema === from.schema)
    );
  }
  if (ctx.cascade.recreated.has(id)) return true;
  if (desired.indexes[id] || desired.constraints[id] || desired.statistics[id])
    return ctx.cascade.routineDependents.has(id);
  return !COLLECTIONS.some((collection) => desired[collection][id] !== undefined);
}
