import { PRIORITY } from "../../step/priorities.js";
import { hazard, type StepHandlers, txStep } from "../../step/step.js";
import type { DefaultAclScope, DefaultPrivilegeChange } from "./default-privilege.change.js";
import { renderGrantDefault, renderRevokeDefault } from "./default-privilege.render.js";

const where = (scope: DefaultAclScope) =>
  `future ${scope.objectType} of ${scope.role}${scope.schema === null ? "" : ` in ${scope.schema}`}`;

export const defaultPrivilegeSteps: StepHandlers<DefaultPrivilegeChange> = {
  grant_default_privileges: ({ scope, grantee, privileges, grantable }) => [
    txStep("grant_default", renderGrantDefault(scope, privileges, grantee, grantable), PRIORITY.PRIVILEGES, {
      hazards: [hazard("AUTHZ_UPDATE", `${grantee} gains ${privileges.join(", ")} on ${where(scope)}`)],
    }),
  ],
  revoke_default_privileges: ({ scope, grantee, privileges, grantOptionOnly }) => [
    txStep(
      "revoke_default",
      renderRevokeDefault(scope, privileges, grantee, grantOptionOnly),
      PRIORITY.PRIVILEGES,
      {
        hazards: [hazard("AUTHZ_UPDATE", `${grantee} loses ${privileges.join(", ")} on ${where(scope)}`)],
      },
    ),
  ],
};
