import { PRIORITY } from "../../step/priorities.js";
import { type StepHandlers, txStep } from "../../step/step.js";
import { routineCreationAcl } from "../privilege/creation-acl.js";
import { schemaObjectRenameSteps } from "../rename.js";
import { relationName } from "../sql.js";
import { renderGrants } from "../view/view.grants.js";
import type { AggregateChange } from "./aggregate.change.js";
import { renderCreateAggregate, renderDropAggregate } from "./aggregate.render.js";

export const aggregateSteps: StepHandlers<AggregateChange> = {
  rename_aggregate: (change) =>
    schemaObjectRenameSteps(
      "rename_aggregate",
      (name) => `AGGREGATE ${name}(${change.arguments === "" ? "*" : change.arguments})`,
      change,
    ),
  create_aggregate: ({ aggregate, replaces }, ctx) => [
    txStep("create_aggregate", renderCreateAggregate(aggregate), PRIORITY.CREATE_FUNCTION),
    ...(replaces
      ? renderGrants(
          // GRANT names aggregates as functions, a zero-argument one `f()` rather than `f(*)`.
          {
            object: `FUNCTION ${relationName(aggregate.schema, aggregate.name)}(${aggregate.identityArguments})`,
            defaults: routineCreationAcl(ctx, aggregate),
          },
          aggregate.privileges,
        ).map((sql) => txStep("restore_aggregate_grants", sql, PRIORITY.CREATE_FUNCTION))
      : []),
  ],
  drop_aggregate: ({ aggregate, early }) => [
    txStep(
      "drop_aggregate",
      renderDropAggregate(aggregate),
      early ? PRIORITY.DROP_VIEW_EARLY : PRIORITY.DROP_FUNCTION,
    ),
  ],
};
