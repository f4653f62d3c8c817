import { PRIORITY } from "../../step/priorities.js";
import { hazard, type StepHandlers, txStep } from "../../step/step.js";
import type { CompositeChange } from "./composite.change.js";
import { renderAddAttribute, renderAlterAttributeType, renderDropAttribute } from "./composite.render.js";

export const compositeSteps: StepHandlers<CompositeChange> = {
  alter_composite_attribute: ({ type, action, attribute }) => {
    switch (action) {
      case "add":
        return [txStep("add_attribute", renderAddAttribute(type, attribute), PRIORITY.ALTER_TYPE)];
      case "drop":
        return [
          txStep("drop_attribute", renderDropAttribute(type, attribute.name), PRIORITY.ALTER_TYPE, {
            hazards: [
              hazard("DATA_LOSS", `attribute ${attribute.name} of ${type.name} is dropped with its values`),
            ],
          }),
        ];
      case "alter":
        return [txStep("alter_attribute", renderAlterAttributeType(type, attribute), PRIORITY.ALTER_TYPE)];
      default: {
        const _exhaustive: never = action;
        return _exhaustive;
      }
    }
  },
};
