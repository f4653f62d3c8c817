import { PRIORITY } from "../../step/priorities.js";
import { hazard, type StepDraft, type StepHandlers, txStep } from "../../step/step.js";
import type { ExtensionChange } from "./extension.change.js";
import {
  renderCreateExtension,
  renderDropExtension,
  renderExtensionSetSchema,
  renderUpdateExtension,
} from "./extension.render.js";

export const extensionSteps: StepHandlers<ExtensionChange> = {
  create_extension: ({ extension }) => [
    txStep(
      "create_extension",
      renderCreateExtension(extension.name, extension.schema, extension.version),
      PRIORITY.CREATE_EXTENSION,
    ),
  ],
  drop_extension: ({ extension }) => [
    txStep("drop_extension", renderDropExtension(extension.name), PRIORITY.DROP_EXTENSION, {
      hazards: [
        hazard(
          "DATA_LOSS",
          `extension ${extension.name} is dropped with the types and functions it provides`,
        ),
      ],
    }),
  ],
  replace_extension: ({ from, to }) => [
    txStep("drop_extension", renderDropExtension(from.name), PRIORITY.ALTER_EXTENSION, {
      hazards: [
        hazard(
          "DATA_LOSS",
          `extension ${from.name} is not relocatable: it moves from ${from.schema} to ${to.schema} by DROP + CREATE, which drops its objects with any rows of its configuration tables and grants on them`,
        ),
      ],
    }),
    txStep(
      "create_extension",
      renderCreateExtension(to.name, to.schema, to.version),
      PRIORITY.ALTER_EXTENSION,
    ),
  ],
  alter_extension: (change) => {
    const steps: StepDraft[] = [];
    if (change.schema !== null) {
      steps.push(
        txStep(
          "alter_extension_schema",
          renderExtensionSetSchema(change.name, change.schema),
          PRIORITY.ALTER_EXTENSION,
        ),
      );
    }
    if (change.version !== null) {
      steps.push(
        txStep(
          "update_extension",
          renderUpdateExtension(change.name, change.version),
          PRIORITY.ALTER_EXTENSION,
        ),
      );
    }
    return steps;
  },
};
