import { PRIORITY } from "../../step/priorities.js";
import { hazard, type StepDraft, type StepHandlers, txStep } from "../../step/step.js";
import { planSequenceMove, restartHazard } from "./sequence.bounds.js";
import type { SequenceChange } from "./sequence.change.js";
import {
  renderAlterSequence,
  renderCreateSequence,
  renderDropSequence,
  renderRenameSequence,
  renderSequenceOwnedBy,
  renderSequenceReposition,
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
  alter_sequence: ({ sequence, from, options }) => {
    const move = planSequenceMove(from, sequence, options);
    const { schema, name } = sequence;
    const steps: StepDraft[] = [];
    if (move.widen)
      steps.push(
        txStep("alter_sequence", renderAlterSequence(schema, name, move.widen), PRIORITY.ALTER_SEQUENCE),
      );
    const hazards = move.backward ? [restartHazard(`sequence ${name}`, sequence)] : [];
    if (move.reposition === "outside")
      steps.push(
        txStep(
          "reposition_sequence",
          renderSequenceReposition(schema, name, sequence),
          PRIORITY.ALTER_SEQUENCE,
          {
            hazards,
          },
        ),
      );
    steps.push(
      txStep(
        "alter_sequence",
        renderAlterSequence(schema, name, move.options, move.reposition === "restart"),
        PRIORITY.ALTER_SEQUENCE,
        move.reposition === "restart" ? { hazards } : {},
      ),
    );
    return steps;
  },
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
