import { PRIORITY } from "../../step/priorities.js";
import { hazard, type StepHandlers, txStep } from "../../step/step.js";
import type { SchemaChange } from "./schema.change.js";
import { renderCreateSchema, renderDropSchema, renderRenameSchema } from "./schema.render.js";

export const schemaSteps: StepHandlers<SchemaChange> = {
  create_schema: (change) => [
    txStep("create_schema", renderCreateSchema(change.schema.name), PRIORITY.CREATE_SCHEMA),
  ],
  drop_schema: (change) => [
    txStep("drop_schema", renderDropSchema(change.schema.name), PRIORITY.DROP_SCHEMA, {
      hazards: [hazard("DATA_LOSS", `schema ${change.schema.name} is dropped`)],
    }),
  ],
  rename_schema: (change) => [
    txStep("rename_schema", renderRenameSchema(change.from, change.to), PRIORITY.RENAME_SCHEMA),
  ],
};
