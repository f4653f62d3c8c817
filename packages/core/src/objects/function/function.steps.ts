import type { Function as Routine } from "../../model/state.js";
import { PRIORITY } from "../../step/priorities.js";
import type { Hazard } from "../../step/step.js";
import { hazard, type StepHandlers, txStep } from "../../step/step.js";
import { routineCreationAcl } from "../privilege/creation-acl.js";
import { schemaObjectRenameSteps } from "../rename.js";
import { renderGrants } from "../view/view.grants.js";
import type { FunctionChange } from "./function.change.js";
import { functionObject, renderCreateFunction, renderDropFunction } from "./function.render.js";

/** AUTHZ_UPDATE when SECURITY DEFINER is turned on (a new definer routine counts) or off. */
function securityHazards(from: Routine | null, to: Routine): readonly Hazard[] {
  const before = from?.securityDefiner ?? false;
  if (before === to.securityDefiner) return [];
  const name = `${to.schema}.${to.name}(${to.identityArguments})`;
  return [
    hazard(
      "AUTHZ_UPDATE",
      to.securityDefiner
        ? `${name} runs as its owner (SECURITY DEFINER): callers get the owner's privileges inside it`
        : `${name} no longer runs as its owner (SECURITY INVOKER): callers need privileges on what it touches`,
    ),
  ];
}

export const functionSteps: StepHandlers<FunctionChange> = {
  rename_function: (change) =>
    schemaObjectRenameSteps(
      "rename_function",
      (name) => `${change.routine.toUpperCase()} ${name}(${change.arguments})`,
      change,
    ),
  create_function: ({ fn, replaces }, ctx) => [
    txStep("create_function", renderCreateFunction(fn), PRIORITY.CREATE_FUNCTION, {
      hazards: securityHazards(replaces, fn),
    }),
    ...(replaces
      ? renderGrants(
          { object: functionObject(fn), defaults: routineCreationAcl(ctx, fn) },
          fn.privileges,
        ).map((sql) => txStep("restore_function_grants", sql, PRIORITY.CREATE_FUNCTION))
      : []),
  ],
  replace_function: ({ from, fn }) => [
    txStep("replace_function", renderCreateFunction(fn), PRIORITY.CREATE_FUNCTION, {
      hazards: securityHazards(from, fn),
    }),
  ],
  drop_function: ({ fn, early }) => [
    txStep(
      "drop_function",
      renderDropFunction(fn),
      early ? PRIORITY.DROP_VIEW_EARLY : PRIORITY.DROP_FUNCTION,
    ),
  ],
};
