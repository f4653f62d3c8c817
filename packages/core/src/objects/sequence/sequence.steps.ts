import { PRIORITY } from "../../plan/priorities.js";
import { hazard, type StepDraft, type StepHandlers, txStep } from "../step.js";
import type { SequenceChange } from "./sequence.change.js";
import {
  renderAlterSequence,
  renderCreateSequence,
  renderDropSequence,
  renderRenameSequence,
  renderSequenceOwnedBy,
  renderSequenceSetSchema,
} from "./sequence.render.js";

export const sequenceSteps: StepHandlers<SequenceChange> = {
  create_sequence: ({ sequence }) => [
    txStep(
      "create_sequence",
      renderCreateSequence(sequence.schema, sequence.name, sequence, sequence.persistence === "unlogged"),
      PRIORITY.CREATE_SEQUENCE,
    ),
  ],
  drop_sequence: ({ sequence }) => [
    txStep("drop_sequence", renderDropSequence(sequence.schema, sequence.name), PRIORITY.DROP_SEQUENCE, {
      hazards: [hazard("DATA_LOSS", `sequence ${sequence.name} is dropped with its current value`)],
    }),
  ],
  alter_sequence: ({ sequence, options }) => [
    txStep(
      "alter_sequence",
      renderAlterSequence(sequence.schema, sequence.name, options),
      PRIORITY.ALTER_SEQUENCE,
    ),
  ],
  set_sequence_owned_by: ({ sequence, owner }) => [
    txStep(
      "set_sequence_owned_by",
      renderSequenceOwnedBy(sequence.schema, sequence.name, owner),
      PRIORITY.ADD_CONSTRAINT,
    ),
  ],
  rename_sequence: ({ from, to }) => {
    const steps: StepDraft[] = [];
    if (from.schema !== to.schema) {
      steps.push(
        txStep("move_sequence", renderSequenceSetSchema(from.schema, from.name, to.schema), PRIORITY.RENAME),
      );
    }
    if (from.name !== to.name) {
      steps.push(
        txStep("rename_sequence", renderRenameSequence(to.schema, from.name, to.name), PRIORITY.RENAME),
      );
    }
    return steps;
  },
};
