import type { MaterializedView, View } from "../../model/state.js";
import { PRIORITY } from "../../step/priorities.js";
import type { Hazard, LockLevel } from "../../step/step.js";
import { hazard, lockOn, type StepDraft, type StepHandlers, txStep } from "../../step/step.js";
import { type CreationContext, creationAcl } from "../privilege/creation-acl.js";
import { schemaObjectRenameSteps } from "../rename.js";
import { relationName } from "../sql.js";
import type { ViewChange } from "./view.change.js";
import { renderGrants } from "./view.grants.js";
import {
  optionName,
  renderAlterViewOptions,
  renderCreateView,
  renderDropView,
  viewOptions,
} from "./view.render.js";

const SECURITY_OPTIONS = ["security_barrier", "security_invoker"];

/** AUTHZ_UPDATE when security_barrier / security_invoker change between two option lists. */
export function securityOptionHazards(
  name: string,
  from: readonly string[],
  to: readonly string[],
): readonly Hazard[] {
  const changed = SECURITY_OPTIONS.filter((option) => {
    const before = from.find((o) => optionName(o) === option) ?? null;
    const after = to.find((o) => optionName(o) === option) ?? null;
    return before !== after;
  });
  return changed.length === 0
    ? []
    : [
        hazard(
          "AUTHZ_UPDATE",
          `${changed.join(" and ")} of ${name} change${changed.length === 1 ? "s" : ""}: who the view's queries run as or what they may leak changes`,
        ),
      ];
}

/**
 * The GRANTs (and REVOKEs of what its creation ACL gives) restoring a recreated relation's
 * privileges, as steps after its CREATE.
 */
export function grantSteps(
  kind: string,
  relation: View | MaterializedView,
  ctx: CreationContext,
): readonly StepDraft[] {
  const target = { kind: relation.kind, schema: relation.schema, name: relation.name };
  return renderGrants(
    { object: `TABLE ${relationName(relation.schema, relation.name)}`, defaults: creationAcl(ctx, target) },
    relation.privileges,
  ).map((sql) => txStep(kind, sql, PRIORITY.CREATE_VIEW));
}

const exclusive = (id: string): { readonly level: LockLevel; readonly on: string } =>
  lockOn("access_exclusive", id);

export const viewSteps: StepHandlers<ViewChange> = {
  rename_view: (change) => schemaObjectRenameSteps("rename_view", (name) => `VIEW ${name}`, change),
  create_view: ({ view, replaces }, ctx) => [
    txStep("create_view", renderCreateView(view, { orReplace: false }), PRIORITY.CREATE_VIEW, {
      hazards: replaces ? securityOptionHazards(view.name, replaces.options, view.options) : [],
    }),
    ...(replaces ? grantSteps("restore_view_grants", view, ctx) : []),
  ],
  drop_view: ({ view, early }) => [
    early
      ? txStep("drop_view_early", renderDropView(view), PRIORITY.DROP_VIEW_EARLY, {
          lock: exclusive(view.id),
        })
      : txStep("drop_view", renderDropView(view), PRIORITY.DROP_VIEW, { lock: exclusive(view.id) }),
  ],
  replace_view: ({ from, view }) => [
    txStep("replace_view", renderCreateView(view, { orReplace: true }), PRIORITY.CREATE_VIEW, {
      lock: exclusive(view.id),
      hazards: securityOptionHazards(view.name, from.options, view.options),
    }),
  ],
  alter_view_options: ({ from, view }) =>
    renderAlterViewOptions("VIEW", view, viewOptions(from), viewOptions(view)).map((sql, i) =>
      txStep("alter_view_options", sql, PRIORITY.CREATE_VIEW, {
        lock: exclusive(view.id),
        hazards: i === 0 ? securityOptionHazards(view.name, from.options, view.options) : [],
      }),
    ),
};
