import { PRIORITY } from "../../step/priorities.js";
import { hazard, lockOn, type StepHandlers, txStep } from "../../step/step.js";
import type { PartitionChange } from "./partition.change.js";
import { renderAttachPartition, renderDetachPartition } from "./partition.render.js";

export const partitionSteps: StepHandlers<PartitionChange> = {
  detach_partition: ({ parent, table }) => [
    txStep("detach_partition", renderDetachPartition(parent, table), PRIORITY.ALTER_TABLE, {
      lock: lockOn("access_exclusive", parent.id),
    }),
  ],
  attach_partition: ({ parent, table, bound }) => [
    txStep("attach_partition", renderAttachPartition(parent, table, bound), PRIORITY.CREATE_PARTITION + 1, {
      lock: lockOn("share_update_exclusive", parent.id),
      longRunning: true,
      hazards: [
        hazard(
          "LONG_LOCK",
          `${table.name} is scanned under ACCESS EXCLUSIVE to prove its rows fit the bound (add a matching CHECK first to skip the scan)`,
        ),
      ],
    }),
  ],
};
