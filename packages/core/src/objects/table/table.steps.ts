import { PRIORITY } from "../../step/priorities.js";
import { hazard, lockOn, type StepDraft, type StepHandlers, txStep } from "../../step/step.js";
import type { TableChange } from "./table.change.js";
import {
  renderAlterTableOf,
  renderClusterOn,
  renderCreateTable,
  renderDropTable,
  renderInherit,
  renderPersistence,
  renderRenameTable,
  renderReplicaIdentity,
  renderRowSecurity,
  renderSetAccessMethod,
  renderTableOptions,
  renderTableSetSchema,
} from "./table.render.js";

export const tableSteps: StepHandlers<TableChange> = {
  alter_table_of: ({ table, ofType }) => [
    txStep(
      "alter_table_of",
      renderAlterTableOf(table, ofType),
      ofType === null ? PRIORITY.ALTER_TABLE : PRIORITY.DROP_COLUMN,
      { lock: lockOn("access_exclusive", table.id) },
    ),
  ],
  create_table: ({ table, constraints, partitionOf, inherits }) => [
    txStep(
      partitionOf ? "create_partition" : "create_table",
      renderCreateTable(table, constraints, partitionOf, inherits),
      partitionOf ? PRIORITY.CREATE_PARTITION : PRIORITY.CREATE_TABLE,
      partitionOf ? { lock: lockOn("access_exclusive", partitionOf.parent.id) } : {},
    ),
  ],
  drop_table: ({ table }) => [
    txStep("drop_table", renderDropTable(table), PRIORITY.DROP_TABLE, {
      lock: lockOn("access_exclusive", table.id),
      hazards: [hazard("DATA_LOSS", `table ${table.name} is dropped with all its rows`)],
    }),
  ],
  rename_table: ({ from, to }) => {
    const steps: StepDraft[] = [];
    const lock = lockOn("access_exclusive", to.id);
    if (from.schema !== to.schema) {
      steps.push(txStep("move_table", renderTableSetSchema(from, to.schema), PRIORITY.RENAME, { lock }));
    }
    if (from.name !== to.name) {
      steps.push(
        txStep(
          "rename_table",
          renderRenameTable({ schema: to.schema, name: from.name }, to.name),
          PRIORITY.RENAME,
          { lock },
        ),
      );
    }
    return steps;
  },
  toggle_rls: ({ table, rowSecurity, forceRowSecurity }) => {
    const steps: StepDraft[] = [];
    const lock = lockOn("access_exclusive", table.id);
    const authz = (what: string) => [
      hazard(
        "AUTHZ_UPDATE",
        `row level security ${what} on ${table.name}: which rows each role sees changes`,
      ),
    ];
    if (rowSecurity !== null) {
      steps.push(
        txStep(
          rowSecurity ? "enable_rls" : "disable_rls",
          renderRowSecurity(table, rowSecurity ? "ENABLE" : "DISABLE"),
          PRIORITY.TOGGLE_RLS,
          {
            lock,
            hazards: authz(rowSecurity ? "enabled" : "disabled"),
          },
        ),
      );
    }
    if (forceRowSecurity !== null) {
      steps.push(
        txStep(
          "force_rls",
          renderRowSecurity(table, forceRowSecurity ? "FORCE" : "NO FORCE"),
          PRIORITY.TOGGLE_RLS,
          {
            lock,
            hazards: authz(forceRowSecurity ? "forced for the owner" : "no longer forced for the owner"),
          },
        ),
      );
    }
    return steps;
  },
  set_table_options: ({ table, set, reset }) =>
    renderTableOptions(table, set, reset).map((sql) =>
      txStep("set_table_options", sql, PRIORITY.ALTER_TABLE, {
        lock: lockOn("share_update_exclusive", table.id),
      }),
    ),
  set_replica_identity: ({ table, identity, index }) => [
    txStep("set_replica_identity", renderReplicaIdentity(table, identity, index), PRIORITY.CREATE_INDEX + 1, {
      lock: lockOn("access_exclusive", table.id),
    }),
  ],
  set_table_access_method: ({ table, accessMethod }) => [
    txStep("set_table_access_method", renderSetAccessMethod(table, accessMethod), PRIORITY.ALTER_TABLE, {
      lock: lockOn("access_exclusive", table.id),
      longRunning: true,
      hazards: [
        hazard("TABLE_REWRITE", `SET ACCESS METHOD ${accessMethod ?? "heap"} rewrites ${table.name}`),
        hazard("LONG_LOCK", `${table.name} is locked ACCESS EXCLUSIVE while it is rewritten`),
      ],
    }),
  ],
  set_table_persistence: ({ table, persistence }) => [
    txStep("set_table_persistence", renderPersistence(table, persistence), PRIORITY.ALTER_TABLE, {
      lock: lockOn("access_exclusive", table.id),
      longRunning: true,
      hazards: [
        hazard(
          "TABLE_REWRITE",
          `SET ${persistence === "unlogged" ? "UNLOGGED" : "LOGGED"} rewrites ${table.name}`,
        ),
        hazard("LONG_LOCK", `${table.name} is locked ACCESS EXCLUSIVE while it is rewritten`),
      ],
    }),
  ],
  set_cluster_index: ({ table, index }) => [
    txStep("set_cluster_index", renderClusterOn(table, index), PRIORITY.CREATE_INDEX + 1, {
      lock: lockOn("share_update_exclusive", table.id),
    }),
  ],
  alter_table_inherit: ({ table, parent, inherit }) => [
    txStep("alter_table_inherit", renderInherit(table, parent, inherit), PRIORITY.ALTER_TABLE, {
      lock: lockOn("access_exclusive", table.id),
    }),
  ],
};
