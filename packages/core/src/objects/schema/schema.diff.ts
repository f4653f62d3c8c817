import { deps } from "../../diff/change-base.js";
import { partitionIds } from "../../diff/compare.js";
import type { DiffContext } from "../../diff/context.js";
import type { CommentChange } from "../comment/comment.change.js";
import { diffComment } from "../comment/comment.diff.js";
import type { SchemaChange } from "./schema.change.js";

/** Schemas: renames from hints, then creates, drops and comments. Owners and grants: privileges kind. */
export function diffSchemas(ctx: DiffContext): readonly (SchemaChange | CommentChange)[] {
  const changes: (SchemaChange | CommentChange)[] = [];
  for (const rename of ctx.renames) {
    if (rename.kind !== "schema") continue;
    const from = ctx.currentAll.schemas[rename.from];
    const to = ctx.desired.schemas[rename.to];
    if (!from || !to) continue;
    changes.push({
      kind: "rename_schema",
      objectId: to.id,
      from: from.name,
      to: to.name,
      deps: deps({ drops: [from.id], creates: [to.id] }),
    });
  }
  const { both, dropped, added } = partitionIds(ctx.current.schemas, ctx.desired.schemas);
  for (const id of added) {
    const schema = ctx.desired.schemas[id]!;
    changes.push({ kind: "create_schema", objectId: id, schema, deps: deps({ creates: [id] }) });
    changes.push(...diffComment(id, { kind: "schema", name: schema.name }, null, schema.comment));
  }
  for (const id of dropped) {
    const schema = ctx.current.schemas[id]!;
    changes.push({ kind: "drop_schema", objectId: id, schema, deps: deps({ drops: [id] }) });
  }
  for (const id of both) {
    const from = ctx.current.schemas[id]!;
    const to = ctx.desired.schemas[id]!;
    changes.push(...diffComment(id, { kind: "schema", name: to.name }, from.comment, to.comment));
  }
  return changes;
}
