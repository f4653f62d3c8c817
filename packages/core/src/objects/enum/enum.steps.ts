import { PRIORITY } from "../../step/priorities.js";
import { autocommitStep, type StepHandlers, txStep } from "../../step/step.js";
import type { EnumChange } from "./enum.change.js";
import { renderAddEnumValue, renderRenameEnumValue } from "./enum.render.js";

export const enumSteps: StepHandlers<EnumChange> = {
  /**
   * Autocommit: since PostgreSQL 12 ADD VALUE may run inside a transaction block, but the new value
   * cannot be used until that transaction commits, and a later step of the plan (a default, a
   * check, a view) may use it. Committing it on its own makes it usable by every later step; the
   * statement is catalog-only and quick, so it is not marked long-running. Values are added (and
   * renamed) at CREATE_TYPE priority, before tables whose defaults may name them.
   */
  add_enum_value: ({ type, label, placement }) => [
    autocommitStep("add_enum_value", renderAddEnumValue(type, label, placement), PRIORITY.CREATE_TYPE, {
      longRunning: false,
    }),
  ],
  rename_enum_value: ({ type, from, to }) => [
    txStep("rename_enum_value", renderRenameEnumValue(type, from, to), PRIORITY.CREATE_TYPE),
  ],
};
