import { deps } from "../../diff/change-base.js";
import { PRIORITY } from "../../step/priorities.js";
import { hazard, lockOn, type StepHandlers, txStep } from "../../step/step.js";
import { renderSetColumnSetting } from "../column/column.render.js";
import { renderCreateIndex } from "../index/index.render.js";
import { schemaObjectRenameSteps } from "../rename.js";
import { renderAlterViewOptions } from "../view/view.render.js";
import { grantSteps } from "../view/view.steps.js";
import type { MaterializedViewChange } from "./materialized-view.change.js";
import {
  renderCreateMaterializedView,
  renderDropMaterializedView,
  renderRefreshMaterializedView,
  renderSetMaterializedViewAccessMethod,
} from "./materialized-view.render.js";

export const materializedViewSteps: StepHandlers<MaterializedViewChange> = {
  set_materialized_view_column_setting: ({ view, column, setting }) => [
    txStep(
      "set_materialized_view_column_setting",
      renderSetColumnSetting(view, column, false, setting, "MATERIALIZED VIEW"),
      PRIORITY.ALTER_COLUMN,
      {
        // SET STATISTICS and the n_distinct options only change what ANALYZE does.
        lock: lockOn(setting.name === "storage" ? "access_exclusive" : "share_update_exclusive", view.id),
      },
    ),
  ],
  rename_materialized_view: (change) =>
    schemaObjectRenameSteps("rename_materialized_view", (name) => `MATERIALIZED VIEW ${name}`, change),
  create_materialized_view: ({ view, replaces, indexes }, ctx) => [
    txStep("create_materialized_view", renderCreateMaterializedView(view), PRIORITY.CREATE_VIEW, {
      longRunning: view.populated,
      hazards:
        replaces && view.populated
          ? [
              hazard(
                "LONG_LOCK",
                `${view.name} is recomputed while the dropped one's ACCESS EXCLUSIVE lock is held: its readers wait for the whole query`,
              ),
            ]
          : [],
    }),
    // Built inside the transaction that creates the relation: nobody else can see it yet.
    ...indexes.map((index) =>
      txStep("create_index", renderCreateIndex(index, view, { concurrently: false }), PRIORITY.CREATE_VIEW, {
        longRunning: view.populated,
        deps: deps({ creates: [index.id], requires: [view.id] }),
      }),
    ),
    ...(replaces ? grantSteps("restore_materialized_view_grants", view, ctx) : []),
  ],
  drop_materialized_view: ({ view, early }) => [
    txStep(
      early ? "drop_materialized_view_early" : "drop_materialized_view",
      renderDropMaterializedView(view),
      early ? PRIORITY.DROP_VIEW_EARLY : PRIORITY.DROP_VIEW,
      { lock: lockOn("access_exclusive", view.id) },
    ),
  ],
  alter_materialized_view_options: ({ from, view }) =>
    renderAlterViewOptions("MATERIALIZED VIEW", view, from.options, view.options).map((sql) =>
      txStep("alter_materialized_view_options", sql, PRIORITY.CREATE_VIEW, {
        lock: lockOn("access_exclusive", view.id),
      }),
    ),
  set_materialized_view_access_method: ({ view, accessMethod }) => [
    txStep(
      "set_materialized_view_access_method",
      renderSetMaterializedViewAccessMethod(view, accessMethod),
      PRIORITY.CREATE_VIEW,
      {
        lock: lockOn("access_exclusive", view.id),
        longRunning: true,
        hazards: [
          hazard("TABLE_REWRITE", `SET ACCESS METHOD ${accessMethod ?? "heap"} rewrites ${view.name}`),
          hazard("LONG_LOCK", `${view.name} is locked ACCESS EXCLUSIVE while it is rewritten`),
        ],
      },
    ),
  ],
  refresh_materialized_view: ({ view }) => [
    txStep("refresh_materialized_view", renderRefreshMaterializedView(view), PRIORITY.CREATE_VIEW, {
      lock: lockOn("access_exclusive", view.id),
      longRunning: true,
      hazards: [
        hazard(
          "LONG_LOCK",
          `REFRESH MATERIALIZED VIEW ${view.name} holds ACCESS EXCLUSIVE while its query runs`,
        ),
      ],
    }),
  ],
};
