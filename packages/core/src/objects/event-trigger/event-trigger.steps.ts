import { PRIORITY } from "../../step/priorities.js";
import { type StepHandlers, txStep } from "../../step/step.js";
import type { EventTriggerChange } from "./event-trigger.change.js";
import {
  renderCreateEventTrigger,
  renderDropEventTrigger,
  renderRenameEventTrigger,
  renderSetEventTriggerEnabled,
} from "./event-trigger.render.js";

export const eventTriggerSteps: StepHandlers<EventTriggerChange> = {
  rename_event_trigger: ({ from, to }) => [
    txStep("rename_event_trigger", renderRenameEventTrigger(from, to), PRIORITY.RENAME),
  ],
  create_event_trigger: ({ trigger, function: fn }) => [
    txStep("create_event_trigger", renderCreateEventTrigger(trigger, fn), PRIORITY.CREATE_TRIGGER),
  ],
  drop_event_trigger: ({ trigger }) => [
    txStep("drop_event_trigger", renderDropEventTrigger(trigger), PRIORITY.DROP_TRIGGER),
  ],
  set_event_trigger_enabled: ({ trigger }) => [
    txStep("set_event_trigger_enabled", renderSetEventTriggerEnabled(trigger), PRIORITY.CREATE_TRIGGER),
  ],
};
