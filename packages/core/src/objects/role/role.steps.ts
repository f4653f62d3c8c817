import { quoteIdent } from "../../sql/quote.js";
import { PRIORITY } from "../../step/priorities.js";
import { hazard, type StepHandlers, txStep } from "../../step/step.js";
import type { RoleChange } from "./role.change.js";
import { changedAttributes } from "./role.diff.js";
import {
  renderAlterRole,
  renderCreateManagedRole,
  renderDropRole,
  renderManagedMembership,
  renderRenameRole,
  renderRevokeMembership,
  renderRoleComment,
  renderRoleSetting,
} from "./role.render.js";

/**
 * Managed roles (`--manage-roles`). Role statements are transactional, so they share the first
 * transaction of the plan with whatever follows: if a later step of that group fails, the roles
 * roll back with it. They act on the whole cluster, not on the database: a database restored
 * from a backup does not restore them (docs/desired-state.md).
 */
export const roleSteps: StepHandlers<RoleChange> = {
  create_role: (change) => [
    txStep("create_role", renderCreateManagedRole(change.role), PRIORITY.ROLE, {
      hazards: [hazard("AUTHZ_UPDATE", `role ${quoteIdent(change.role.name)} is created`)],
    }),
  ],
  alter_role: (change) => [
    txStep("alter_role", renderAlterRole(change.from, change.to), PRIORITY.ROLE, {
      hazards: [
        hazard(
          "AUTHZ_UPDATE",
          `role ${quoteIdent(change.name)} changes ${changedAttributes(change.from, change.to).join(", ")}`,
        ),
        // as good as a drop for whoever logs in as it: blocking, like DROP ROLE
        ...(change.from.login && !change.to.login
          ? [
              hazard(
                "ROLE_DROP",
                `role ${quoteIdent(change.name)} loses LOGIN: nobody can log in as it any more (its open sessions stay)`,
              ),
            ]
          : []),
      ],
    }),
  ],
  rename_role: (change) => [
    txStep("rename_role", renderRenameRole(change.from, change.to), PRIORITY.ROLE, {
      hazards: [
        hazard(
          "AUTHZ_UPDATE",
          `role ${quoteIdent(change.from)} is renamed to ${quoteIdent(change.to)}${change.login ? ": it logs in under the new name, and an MD5 password is cleared (the name is its salt); SCRAM passwords are kept" : ""}`,
        ),
      ],
    }),
  ],
  drop_role: (change) => {
    const { owned, privileges, otherDatabases } = change.dependents;
    const holds = [
      ...(owned.length > 0 ? [`owns ${owned.join(", ")}`] : []),
      ...(privileges.length > 0 ? [`holds privileges on ${privileges.join(", ")}`] : []),
      ...(otherDatabases.length > 0
        ? [`owns objects or holds privileges in ${otherDatabases.join(", ")}`]
        : []),
    ];
    return [
      txStep("drop_role", renderDropRole(change.name), PRIORITY.DROP_ROLE, {
        hazards: [
          hazard(
            "ROLE_DROP",
            `role ${quoteIdent(change.name)} is dropped from the whole cluster: sessions can no longer log in as it or inherit its privileges${holds.length > 0 ? `; it ${holds.join("; ")}` : "; it owns nothing in this database"}`,
          ),
        ],
      }),
    ];
  },
  set_role_setting: (change) => [
    txStep(
      "set_role_setting",
      renderRoleSetting(change.role, {
        name: change.setting,
        database: change.database,
        value: change.values,
      }),
      PRIORITY.ROLE,
    ),
  ],
  comment_role: (change) => [
    txStep("comment_role", renderRoleComment(change.name, change.comment), PRIORITY.ROLE),
  ],
  grant_membership: (change) =>
    renderManagedMembership(change.member, change.membership, change.from).map((sql) =>
      txStep("grant_membership", sql, PRIORITY.ROLE, {
        hazards: [
          hazard(
            "AUTHZ_UPDATE",
            `${quoteIdent(change.member)} ${change.from ? "changes its membership in" : "becomes a member of"} ${quoteIdent(change.membership.role)}`,
          ),
        ],
      }),
    ),
  revoke_membership: (change) => [
    txStep("revoke_membership", renderRevokeMembership(change.role, change.member), PRIORITY.ROLE, {
      hazards: [
        hazard(
          "AUTHZ_UPDATE",
          `${quoteIdent(change.member)} is no longer a member of ${quoteIdent(change.role)}`,
        ),
      ],
    }),
  ],
};
