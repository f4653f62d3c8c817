import { PRIORITY } from "../../step/priorities.js";
import { hazard, type StepHandlers, txStep } from "../../step/step.js";
import type { OwnerChange } from "./owner.change.js";
import { renderAlterOwner } from "./owner.render.js";

/**
 * Ownership is opt-in (`manageOwners`, default off). The desired state is read back from a scratch
 * database loaded as the role pg-flux connects to the target with (engine/desired/scratch-host.ts),
 * so desired owners are that role's name unless the schema files say `ALTER … OWNER TO`. Comparing
 * them by default would hand every object to that role. Teams that write owners into their schema turn the option on; without it the change is
 * diffed but expands to no step, so plans stay stable either way.
 */
export const ownerSteps: StepHandlers<OwnerChange> = {
  alter_owner: ({ target, owner }, ctx) =>
    ctx.options.manageOwners
      ? [
          txStep("alter_owner", renderAlterOwner(target, owner), PRIORITY.PRIVILEGES, {
            hazards: [hazard("AUTHZ_UPDATE", `${owner} becomes the owner (and holds every privilege)`)],
          }),
        ]
      : [],
};
