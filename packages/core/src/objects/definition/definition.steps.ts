import { type StepDraft, type StepHandlers, txStep } from "../../step/step.js";
import type { DefinitionChange } from "./definition.change.js";
import type { DefinitionObject, DefinitionSpec } from "./definition.js";
import { definitionSpec } from "./definition.spec.js";

/**
 * The steps of every definition kind, named by the kind (`create_operator`, `drop_cast`): its
 * spec's statements, at its priorities, with its lock and drop hazards. A replaced one is dropped
 * and created again at its create priority, so the pair stays together.
 */
export const definitionSteps: StepHandlers<DefinitionChange> = {
  create_definition: ({ collection, object }) => create(definitionSpec(collection), object),
  drop_definition: ({ collection, object }) => [drop(definitionSpec(collection), object, "drop")],
  alter_definition: ({ collection, from, to }) => {
    const spec = definitionSpec(collection);
    return (spec.alter?.(from, to) ?? []).map((statement) =>
      txStep(
        `alter_${spec.noun}`,
        typeof statement === "string" ? statement : statement.sql,
        spec.priority.create,
        {
          lock: spec.lock?.(to) ?? null,
          hazards: typeof statement === "string" ? [] : statement.hazards,
        },
      ),
    );
  },
  replace_definition: ({ collection, from, to }) => {
    const spec = definitionSpec(collection);
    return [drop(spec, from, "create"), ...create(spec, to)];
  },
};

function create(spec: DefinitionSpec<DefinitionObject>, object: DefinitionObject): StepDraft[] {
  return spec
    .create(object)
    .map((sql) =>
      txStep(`create_${spec.noun}`, sql, spec.priority.create, { lock: spec.lock?.(object) ?? null }),
    );
}

function drop(
  spec: DefinitionSpec<DefinitionObject>,
  object: DefinitionObject,
  at: "drop" | "create",
): StepDraft {
  return txStep(`drop_${spec.noun}`, spec.drop(object), spec.priority[at], {
    lock: spec.lock?.(object) ?? null,
    hazards: spec.dropHazards?.(object) ?? [],
  });
}
