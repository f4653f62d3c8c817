import { PRIORITY } from "../../step/priorities.js";
import { autocommitStep, hazard, lockOn, type StepHandlers, txStep } from "../../step/step.js";
import type { IndexChange } from "./index.change.js";
import {
  renderCreateIndex,
  renderDropIndex,
  renderIndexStatistics,
  renderRenameIndex,
  replacementName,
} from "./index.render.js";

export const indexSteps: StepHandlers<IndexChange> = {
  create_index: ({ index, table, tableIsNew, partitioned }) => {
    if (tableIsNew) {
      return [
        txStep(
          "create_index",
          renderCreateIndex(index, table, { concurrently: false }),
          PRIORITY.CREATE_INDEX,
        ),
      ];
    }
    if (partitioned) {
      // PostgreSQL cannot build an index on a partitioned parent CONCURRENTLY.
      return [
        txStep(
          "create_index",
          renderCreateIndex(index, table, { concurrently: false }),
          PRIORITY.CREATE_INDEX,
          {
            lock: lockOn("share", table.id),
            longRunning: true,
            hazards: [
              hazard(
                "INDEX_BUILD",
                `${index.name} is built on every partition of ${table.name} while writes wait (no CONCURRENTLY on partitioned tables)`,
              ),
            ],
          },
        ),
      ];
    }
    return [
      autocommitStep(
        "create_index_concurrently",
        renderCreateIndex(index, table, { concurrently: true }),
        PRIORITY.CREATE_INDEX,
        {
          lock: lockOn("share_update_exclusive", table.id),
          hazards: [hazard("INDEX_BUILD", `${index.name} is built concurrently on ${table.name}`)],
        },
      ),
    ];
  },
  drop_index: ({ index, partitioned, inTransaction, invalid }) => {
    // An invalid index is never used by a query: nothing to warn about, and IF EXISTS keeps a
    // step that a retry or a concurrent cleanup already did from failing.
    const hazards = invalid
      ? []
      : [hazard("INDEX_DROPPED", `${index.name} is dropped: queries using it may slow down`)];
    const plain = partitioned || inTransaction;
    const sql = renderDropIndex(index, !plain, { ifExists: invalid });
    return [
      plain
        ? txStep("drop_index", sql, PRIORITY.DROP_INDEX, {
            lock: lockOn("access_exclusive", index.table),
            hazards,
          })
        : autocommitStep("drop_index_concurrently", sql, PRIORITY.DROP_INDEX, {
            lock: lockOn("share_update_exclusive", index.table),
            longRunning: false,
            hazards,
          }),
    ];
  },
  replace_index: ({ from, to, table, partitioned }) => {
    const dropped = hazard("INDEX_DROPPED", `the old definition of ${from.name} is dropped`);
    const built = hazard("INDEX_BUILD", `the new definition of ${to.name} is built on ${table.name}`);
    if (partitioned) {
      return [
        txStep("drop_index", renderDropIndex(from, false), PRIORITY.CREATE_INDEX, {
          lock: lockOn("access_exclusive", table.id),
          hazards: [dropped],
        }),
        txStep("create_index", renderCreateIndex(to, table, { concurrently: false }), PRIORITY.CREATE_INDEX, {
          lock: lockOn("share", table.id),
          longRunning: true,
          hazards: [built],
        }),
      ];
    }
    const temporary = replacementName(to.name);
    return [
      autocommitStep(
        "create_index_concurrently",
        renderCreateIndex(to, table, { concurrently: true, name: temporary }),
        PRIORITY.CREATE_INDEX,
        {
          lock: lockOn("share_update_exclusive", table.id),
          hazards: [built],
        },
      ),
      autocommitStep("drop_index_concurrently", renderDropIndex(from, true), PRIORITY.CREATE_INDEX, {
        lock: lockOn("share_update_exclusive", table.id),
        hazards: [dropped],
      }),
      txStep("rename_index", renderRenameIndex(to.schema, temporary, to.name), PRIORITY.CREATE_INDEX, {
        lock: lockOn("share_update_exclusive", table.id),
      }),
    ];
  },
  set_index_statistics: ({ index, table, column, target }) => [
    txStep("set_index_statistics", renderIndexStatistics(index, column, target), PRIORITY.CREATE_INDEX, {
      lock: lockOn("share_update_exclusive", table),
    }),
  ],
  rename_index: ({ schema, from, to }) => [
    txStep("rename_index", renderRenameIndex(schema, from, to), PRIORITY.RENAME),
  ],
};
