import { deps } from "../../diff/change-base.js";
import { partitionIds } from "../../diff/compare.js";
import type { DiffContext } from "../../diff/context.js";
import { ids } from "../../model/ids.js";
import type { CommentChange } from "../comment/comment.change.js";
import { diffComment } from "../comment/comment.diff.js";
import type { ExtensionChange } from "./extension.change.js";

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
