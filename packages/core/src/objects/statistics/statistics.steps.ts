import { PRIORITY } from "../../step/priorities.js";
import { lockOn, type StepHandlers, txStep } from "../../step/step.js";
import { schemaObjectRenameSteps } from "../rename.js";
import type { StatisticsChange } from "./statistics.change.js";
import {
  renderCreateStatistics,
  renderDropStatistics,
  renderSetStatisticsTarget,
} from "./statistics.render.js";

/**
 * Statistics objects order like indexes (created after the columns they cover, dropped before them)
 * and take the same SHARE UPDATE EXCLUSIVE lock on their table; they hold no data (ANALYZE fills
 * them), so none of their steps is a hazard.
 */
export const statisticsSteps: StepHandlers<StatisticsChange> = {
  rename_statistics: (change) =>
    schemaObjectRenameSteps("rename_statistics", (name) => `STATISTICS ${name}`, change),
  create_statistics: ({ table, statistics }) => [
    txStep("create_statistics", renderCreateStatistics(table, statistics), PRIORITY.CREATE_INDEX, {
      lock: lockOn("share_update_exclusive", table.id),
    }),
  ],
  drop_statistics: ({ statistics }) => [
    txStep("drop_statistics", renderDropStatistics(statistics), PRIORITY.DROP_INDEX, {
      lock: lockOn("share_update_exclusive", statistics.table),
    }),
  ],
  replace_statistics: ({ table, from, to }) => {
    const lock = lockOn("share_update_exclusive", table.id);
    return [
      txStep("drop_statistics", renderDropStatistics(from), PRIORITY.CREATE_INDEX, { lock }),
      txStep("create_statistics", renderCreateStatistics(table, to), PRIORITY.CREATE_INDEX, { lock }),
    ];
  },
  set_statistics_target: ({ statistics }, { server }) => [
    txStep(
      "set_statistics_target",
      renderSetStatisticsTarget(statistics, server.major),
      PRIORITY.CREATE_INDEX,
      {
        lock: lockOn("share_update_exclusive", statistics.table),
      },
    ),
  ],
};
