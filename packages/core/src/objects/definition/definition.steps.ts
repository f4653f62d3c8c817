import { PRIORITY } from "../../step/priorities.js";
import { type StepDraft, type StepHandlers, txStep } from "../../step/step.js";
import type { DefinitionChange } from "./definition.change.js";
import type { DefinitionObject, DefinitionSpec } from "./definition.js";
import { renderDefinitionRename } from "./definition.rename.js";
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
  rename_definition: ({ collection, from, to }) => {
    const spec = definitionSpec(collection);
    return renderDefinitionRename(spec, from, to).map((sql) =>
      txStep(`rename_${spec.noun}`, sql, PRIORITY.RENAME, { lock: spec.lock?.(to) ?? null }),
    );
  },
  replace_definition: ({ collection, from, to, deps: declared }) => {
    // The DROP declares only the drop and waits only for what the old definition named too; the
    // CREATE declares the create and what it names. A function dropped and created again under it
    // (renamed parameters) is then created after this DROP, which must precede the function's own
    // DROP — declared on both steps, the pair made a cycle.
    const spec = definitionSpec(collection);
    const named = new Set(spec.requires(from));
    const dropDeps = { ...declared, creates: [], requires: declared.requires.filter((id) => named.has(id)) };
    return [
      { ...drop(spec, from, "create"), deps: dropDeps },
      ...create(spec, to).map((step) => ({ ...step, deps: { ...declared, drops: [] } })),
    ];
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
