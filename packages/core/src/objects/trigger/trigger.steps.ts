import { PRIORITY } from "../../step/priorities.js";
import { lockOn, type StepHandlers, txStep } from "../../step/step.js";
import { renderRenameOnTable } from "../rename.js";
import type { TriggerChange } from "./trigger.change.js";
import {
  renderCreateTrigger,
  renderDropTrigger,
  renderReplaceTrigger,
  renderSetTriggerEnabled,
} from "./trigger.render.js";

// CREATE TRIGGER and ENABLE/DISABLE TRIGGER take SHARE ROW EXCLUSIVE; DROP TRIGGER ACCESS EXCLUSIVE.
export const triggerSteps: StepHandlers<TriggerChange> = {
  rename_trigger: ({ table, from, to }) => [
    txStep("rename_trigger", renderRenameOnTable("TRIGGER", from, to, table), PRIORITY.RENAME, {
      lock: lockOn("access_exclusive", table.id),
    }),
  ],
  create_trigger: ({ trigger, table }) => [
    txStep("create_trigger", renderCreateTrigger(trigger), PRIORITY.CREATE_TRIGGER, {
      lock: lockOn("share_row_exclusive", table.id),
    }),
  ],
  drop_trigger: ({ trigger, table }) => [
    txStep("drop_trigger", renderDropTrigger(trigger, table), PRIORITY.DROP_TRIGGER, {
      lock: lockOn("access_exclusive", table.id),
    }),
  ],
  replace_trigger: ({ trigger, table }) => [
    txStep("replace_trigger", renderReplaceTrigger(trigger), PRIORITY.CREATE_TRIGGER, {
      lock: lockOn("share_row_exclusive", table.id),
    }),
  ],
  set_trigger_enabled: ({ trigger, table }) => [
    txStep("set_trigger_enabled", renderSetTriggerEnabled(trigger, table), PRIORITY.CREATE_TRIGGER, {
      lock: lockOn("share_row_exclusive", table.id),
    }),
  ],
};
