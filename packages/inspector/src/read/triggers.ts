import { type EventTrigger, ids, type Trigger } from "@pg-flux/core";
import type { EventTriggerRow } from "../queries/event-triggers.sql.js";
import type { TriggerRow } from "../queries/triggers.sql.js";
import { decode, ENABLED } from "./codes.js";
import { readBackForm } from "./expression-form.js";
import { triggerArguments, triggerWhen } from "./text.js";

/** Bits of pg_trigger.tgtype (src/include/catalog/pg_trigger.h). */
const TYPE = { row: 1, before: 2, insert: 4, delete: 8, update: 16, truncate: 32, instead: 64 } as const;

function timing(type: number): Trigger["timing"] {
  if (type & TYPE.instead) return "instead of";
  return type & TYPE.before ? "before" : "after";
}

function events(type: number): Trigger["events"] {
  const result: ("insert" | "update" | "delete" | "truncate")[] = [];
  if (type & TYPE.insert) result.push("insert");
  if (type & TYPE.update) result.push("update");
  if (type & TYPE.delete) result.push("delete");
  if (type & TYPE.truncate) result.push("truncate");
  return result;
}

function relationId(kind: string, schema: string, name: string): string {
  switch (kind) {
    case "v":
      return ids.view(schema, name);
    case "m":
      return ids.materializedView(schema, name);
    default:
      return ids.table(schema, name);
  }
}

export function readTrigger(row: TriggerRow): Trigger {
  return {
    kind: "trigger",
    id: ids.trigger(row.schema, row.table, row.name),
    schema: row.schema,
    name: row.name,
    table: relationId(row.tableKind, row.schema, row.table),
    definition: readBackForm(row.definition, "plain"),
    function: ids.function(row.functionSchema, row.functionName, row.functionArguments),
    timing: timing(row.type),
    events: events(row.type),
    updateColumns: row.updateColumns,
    forEachRow: (row.type & TYPE.row) !== 0,
    when: triggerWhen(readBackForm(row.definition, "plain")),
    arguments: triggerArguments(row.argumentBytes, row.argumentCount),
    enabled: decode("trigger enabled", ENABLED, row.enabled),
    constraintTrigger: row.constraintTrigger,
    deferrable: row.deferrable,
    initiallyDeferred: row.initiallyDeferred,
    oldTable: row.oldTable,
    newTable: row.newTable,
    parentTrigger:
      row.parentSchema === null || row.parentTable === null || row.parentName === null
        ? null
        : ids.trigger(row.parentSchema, row.parentTable, row.parentName),
    comment: row.comment,
  };
}

export function readEventTrigger(row: EventTriggerRow): EventTrigger {
  return {
    kind: "event_trigger",
    id: ids.eventTrigger(row.name),
    name: row.name,
    event: row.event,
    tags: row.tags ?? [],
    function: ids.function(row.functionSchema, row.functionName, row.functionArguments),
    enabled: decode("event trigger enabled", ENABLED, row.enabled),
    owner: row.owner,
    comment: row.comment,
  };
}
