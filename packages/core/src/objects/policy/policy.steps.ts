import { PRIORITY } from "../../step/priorities.js";
import { hazard, lockOn, type StepHandlers, txStep } from "../../step/step.js";
import { renderRenameOnTable } from "../rename.js";
import type { PolicyChange } from "./policy.change.js";
import { renderAlterPolicy, renderCreatePolicy, renderDropPolicy } from "./policy.render.js";

const authz = (what: string, table: string) =>
  hazard("AUTHZ_UPDATE", `policy ${what} on ${table}: which rows each role may see or change changes`);

export const policySteps: StepHandlers<PolicyChange> = {
  rename_policy: ({ table, from, to }) => [
    txStep("rename_policy", renderRenameOnTable("POLICY", from, to, table), PRIORITY.RENAME, {
      lock: lockOn("access_exclusive", table.id),
    }),
  ],
  create_policy: ({ table, policy }) => [
    txStep("create_policy", renderCreatePolicy(table, policy), PRIORITY.CREATE_POLICY, {
      lock: lockOn("access_exclusive", table.id),
      hazards: [authz(`${policy.name} is created`, table.name)],
    }),
  ],
  alter_policy: ({ table, policy, roles, using, withCheck }) => [
    txStep(
      "alter_policy",
      renderAlterPolicy(table, policy, { roles, using, withCheck }),
      PRIORITY.CREATE_POLICY,
      {
        lock: lockOn("access_exclusive", table.id),
        hazards: [authz(`${policy.name} is altered`, table.name)],
      },
    ),
  ],
  /** Dropped and created again in one transaction: no moment without the policy is visible. */
  replace_policy: ({ table, policy }) => {
    const lock = lockOn("access_exclusive", table.id);
    const hazards = [authz(`${policy.name} is replaced`, table.name)];
    return [
      txStep("drop_policy", renderDropPolicy(table, policy), PRIORITY.CREATE_POLICY, { lock, hazards }),
      txStep("create_policy", renderCreatePolicy(table, policy), PRIORITY.CREATE_POLICY, { lock, hazards }),
    ];
  },
  drop_policy: ({ table, policy }) => [
    txStep("drop_policy", renderDropPolicy(table, policy), PRIORITY.DROP_POLICY, {
      lock: lockOn("access_exclusive", table.id),
      hazards: [authz(`${policy.name} is dropped`, table.name)],
    }),
  ],
};
