import type { Change } from "../../diff/change.js";
import { deps } from "../../diff/change-base.js";
import { partitionIds } from "../../diff/compare.js";
import type { DiffContext } from "../../diff/context.js";
import type { Function as Routine } from "../../model/state.js";
import { diffComment } from "../comment/comment.diff.js";
import { beforeRename, schemaObjectRenames } from "../rename.js";

/**
 * Functions and procedures. On both sides: `CREATE OR REPLACE` when PostgreSQL allows it
 * (function.compare.ts); otherwise drop and create, and everything of the drop-early kinds that
 * depends on it (views, triggers, aggregates, policies) is recreated around it (view.rebuild.ts).
 * A new overload that would make calls to a dropped one ambiguous is created after that drop. Owner and
 * grants are the privileges kind's, except that a recreated routine gets its grants back.
 */
export function diffFunctions(ctx: DiffContext): readonly Change[] {
  const recreated = ctx.cascade.recreated;
  const superseded = ctx.cascade.supersededRoutines;
  const changes: Change[] = schemaObjectRenames(
    ctx,
    "function",
    "rename_function",
    ctx.currentAll.functions,
    ctx.desired.functions,
  ).map((rename) => ({
    ...rename,
    routine: ctx.desired.functions[rename.objectId]!.kind,
    arguments: ctx.desired.functions[rename.objectId]!.identityArguments,
  }));
  const { both, dropped, added } = partitionIds(ctx.current.functions, ctx.desired.functions);
  for (const id of added) {
    const fn = ctx.desired.functions[id]!;
    changes.push(create(fn, null, superseded.get(id) ?? []), ...comment(fn, null));
  }
  for (const id of dropped) changes.push(drop(ctx.current.functions[id]!, false));
  for (const id of both) {
    const from = ctx.current.functions[id]!;
    const to = ctx.desired.functions[id]!;
    if (recreated.has(id)) {
      const old = beforeRename(ctx, "function", from, ctx.currentAll.functions);
      changes.push(drop(old, true), create(to, from), ...comment(to, null));
      continue;
    }
    if (from.definition !== to.definition) {
      changes.push({ kind: "replace_function", objectId: id, from, fn: to, deps: deps({ alters: [id] }) });
    }
    changes.push(...comment(to, from.comment));
  }
  return changes;
}

/** `supersedes`: old overloads it would make ambiguous, dropped before it (routine-dependents.ts). */
function create(fn: Routine, replaces: Routine | null, supersedes: readonly string[] = []): Change {
  return {
    kind: "create_function",
    objectId: fn.id,
    fn,
    replaces,
    deps: deps({ creates: [fn.id, ...supersedes] }),
  };
}

function drop(fn: Routine, early: boolean): Change {
  return { kind: "drop_function", objectId: fn.id, fn, early, deps: deps({ drops: [fn.id] }) };
}

function comment(fn: Routine, from: string | null) {
  const target = {
    kind: "routine" as const,
    routine: fn.kind,
    schema: fn.schema,
    name: fn.name,
    arguments: fn.identityArguments,
  };
  return diffComment(fn.id, target, from, fn.comment);
}
