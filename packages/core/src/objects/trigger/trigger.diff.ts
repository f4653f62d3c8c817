import type { Change } from "../../diff/change.js";
import { deps } from "../../diff/change-base.js";
import { partitionIds } from "../../diff/compare.js";
import type { DiffContext } from "../../diff/context.js";
import { relationRef } from "../../diff/lookup.js";
import type { Trigger } from "../../model/state.js";
import { diffComment } from "../comment/comment.diff.js";
import { beforeRename, tableObjectRenames } from "../rename.js";

/**
 * Triggers. A changed definition is replaced in place (`CREATE OR REPLACE TRIGGER`; constraint
 * triggers, which cannot be, are dropped and created); the enabled state is set after any create
 * or replace that would not leave it as desired. Triggers on a view or materialized view that is
 * recreated are created again after it (the DROP took them along); triggers whose function or
 * columns are recreated or altered are dropped first and created after (view.rebuild.ts).
 * Triggers a partition has because its parent has one (`parentTrigger`) follow the parent.
 */
export function diffTriggers(ctx: DiffContext): readonly Change[] {
  const recreated = ctx.cascade.recreated;
  const changes: Change[] = [];
  const own = (trigger: Trigger) => trigger.parentTrigger === null;
  changes.push(
    ...tableObjectRenames(
      ctx,
      "trigger",
      "rename_trigger",
      ctx.currentAll.triggers,
      ctx.desired.triggers,
      own,
    ),
  );
  const { both, dropped, added } = partitionIds(ctx.current.triggers, ctx.desired.triggers);
  for (const id of added) {
    const trigger = ctx.desired.triggers[id]!;
    const table = relationRef(ctx.desired, trigger.table);
    if (!own(trigger) || !table) continue;
    changes.push(...create(trigger, table));
  }
  for (const id of dropped) {
    const trigger = ctx.current.triggers[id]!;
    const table = relationRef(ctx.current, trigger.table);
    // Triggers of a dropped table go with it.
    if (!own(trigger) || !table || !relationRef(ctx.desired, trigger.table)) continue;
    changes.push(drop(trigger, table));
  }
  for (const id of both) {
    const from = ctx.current.triggers[id]!;
    const to = ctx.desired.triggers[id]!;
    const table = relationRef(ctx.desired, to.table);
    if (!table) continue;
    if (!own(to)) {
      // It became inherited (the parent now has it): the local one goes, the parent's clone stays.
      if (own(from)) changes.push(drop(from, table));
      continue;
    }
    if (recreated.has(id) || !own(from)) {
      if (!recreated.has(to.table) && own(from))
        changes.push(drop(beforeRename(ctx, "trigger", from, ctx.currentAll.triggers), table));
      changes.push(...create(to, table));
      continue;
    }
    if (from.definition !== to.definition) {
      if (to.constraintTrigger || from.constraintTrigger) {
        changes.push(drop(from, table), ...create(to, table));
        continue;
      }
      changes.push({
        kind: "replace_trigger",
        objectId: id,
        from,
        trigger: to,
        table,
        deps: deps({ alters: [id], requires: [to.table, to.function] }),
      });
      // CREATE OR REPLACE TRIGGER resets the enabled state to ENABLE.
      if (to.enabled !== "origin") changes.push(setEnabled(to, table));
    } else if (from.enabled !== to.enabled) {
      changes.push(setEnabled(to, table));
    }
    changes.push(...diffComment(id, target(to, table), from.comment, to.comment));
  }
  return changes;
}

/** Create, then set the enabled state and the comment when they are not the defaults. */
function create(
  trigger: Trigger,
  table: { readonly id: string; readonly schema: string; readonly name: string },
): readonly Change[] {
  return [
    {
      kind: "create_trigger",
      objectId: trigger.id,
      trigger,
      table,
      deps: deps({ creates: [trigger.id], requires: [trigger.table, trigger.function] }),
    },
    ...(trigger.enabled === "origin" ? [] : [setEnabled(trigger, table)]),
    ...diffComment(trigger.id, target(trigger, table), null, trigger.comment),
  ];
}

function drop(
  trigger: Trigger,
  table: { readonly id: string; readonly schema: string; readonly name: string },
): Change {
  return { kind: "drop_trigger", objectId: trigger.id, trigger, table, deps: deps({ drops: [trigger.id] }) };
}

function setEnabled(
  trigger: Trigger,
  table: { readonly id: string; readonly schema: string; readonly name: string },
): Change {
  return {
    kind: "set_trigger_enabled",
    objectId: trigger.id,
    trigger,
    table,
    deps: deps({ alters: [trigger.id], requires: [trigger.id] }),
  };
}

function target(trigger: Trigger, table: { readonly schema: string; readonly name: string }) {
  return { kind: "trigger" as const, schema: table.schema, table: table.name, name: trigger.name };
}
