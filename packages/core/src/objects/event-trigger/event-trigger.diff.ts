import type { Change } from "../../diff/change.js";
import { deps } from "../../diff/change-base.js";
import { deepEqual, partitionIds } from "../../diff/compare.js";
import type { DiffContext } from "../../diff/context.js";
import { PgFluxError } from "../../errors.js";
import type { EventTrigger } from "../../model/state.js";
import { diffComment } from "../comment/comment.diff.js";
import { hintedPairs } from "../rename.js";
import type { FunctionRef } from "./event-trigger.change.js";

/**
 * Event triggers (database-wide, not in a schema: they follow the managed-schema filter through
 * their function). A changed event, tag list or function drops and creates; the enabled state is
 * altered in place.
 */
export function diffEventTriggers(ctx: DiffContext): readonly Change[] {
  const recreated = ctx.cascade.recreated;
  const changes: Change[] = hintedPairs(
    ctx,
    "event_trigger",
    ctx.currentAll.eventTriggers,
    ctx.desired.eventTriggers,
  ).map(({ rename, from, to }) => ({
    kind: "rename_event_trigger",
    objectId: to.id,
    from: from.name,
    to: to.name,
    deps: deps({ drops: [rename.from], creates: [rename.to] }),
  }));
  const { both, dropped, added } = partitionIds(ctx.current.eventTriggers, ctx.desired.eventTriggers);
  for (const id of added) changes.push(...create(ctx, ctx.desired.eventTriggers[id]!));
  for (const id of dropped) changes.push(drop(ctx.current.eventTriggers[id]!));
  for (const id of both) {
    const from = ctx.current.eventTriggers[id]!;
    const to = ctx.desired.eventTriggers[id]!;
    const same = from.event === to.event && from.function === to.function && deepEqual(from.tags, to.tags);
    if (!same || recreated.has(id)) {
      changes.push(drop(from), ...create(ctx, to));
      continue;
    }
    if (from.enabled !== to.enabled) changes.push(setEnabled(to));
    changes.push(...diffComment(id, { kind: "event_trigger", name: to.name }, from.comment, to.comment));
  }
  return changes;
}

function functionRef(ctx: DiffContext, trigger: EventTrigger): FunctionRef {
  const fn = ctx.desiredAll.functions[trigger.function];
  if (!fn) {
    throw new PgFluxError(
      `event trigger ${trigger.name} calls ${trigger.function}, which the desired state lacks`,
      {
        code: "runtime",
      },
    );
  }
  return { schema: fn.schema, name: fn.name };
}

function create(ctx: DiffContext, trigger: EventTrigger): readonly Change[] {
  return [
    {
      kind: "create_event_trigger",
      objectId: trigger.id,
      trigger,
      function: functionRef(ctx, trigger),
      deps: deps({ creates: [trigger.id], requires: [trigger.function] }),
    },
    ...(trigger.enabled === "origin" ? [] : [setEnabled(trigger)]),
    ...diffComment(trigger.id, { kind: "event_trigger", name: trigger.name }, null, trigger.comment),
  ];
}

function drop(trigger: EventTrigger): Change {
  // Requiring the function orders the drop before a DROP FUNCTION of it (edge rule c).
  return {
    kind: "drop_event_trigger",
    objectId: trigger.id,
    trigger,
    deps: deps({ drops: [trigger.id], requires: [trigger.function] }),
  };
}

function setEnabled(trigger: EventTrigger): Change {
  return {
    kind: "set_event_trigger_enabled",
    objectId: trigger.id,
    trigger,
    deps: deps({ alters: [trigger.id], requires: [trigger.id] }),
  };
}
