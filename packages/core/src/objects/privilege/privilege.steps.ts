import { PRIORITY } from "../../step/priorities.js";
import { hazard, type StepHandlers, txStep } from "../../step/step.js";
import type { AclTarget, PrivilegeChange } from "./privilege.change.js";
import { aclObject, renderGrant, renderRevoke } from "./privilege.render.js";

const describe = (target: AclTarget) =>
  target.kind === "column" ? `column ${target.table}.${target.name}` : aclObject(target).toLowerCase();

export const privilegeSteps: StepHandlers<PrivilegeChange> = {
  grant_privileges: ({ target, grantee, privileges, grantable }) => [
    txStep("grant", renderGrant(target, privileges, grantee, grantable), PRIORITY.PRIVILEGES, {
      hazards: [hazard("AUTHZ_UPDATE", `${grantee} gains ${privileges.join(", ")} on ${describe(target)}`)],
    }),
  ],
  revoke_privileges: ({ target, grantee, privileges, grantOptionOnly }) => [
    txStep("revoke", renderRevoke(target, privileges, grantee, grantOptionOnly), PRIORITY.PRIVILEGES, {
      hazards: [
        hazard(
          "AUTHZ_UPDATE",
          `${grantee} loses ${grantOptionOnly ? "the grant option for " : ""}${privileges.join(", ")} on ${describe(target)}`,
        ),
      ],
    }),
  ],
};
