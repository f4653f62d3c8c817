import { PRIORITY } from "../../step/priorities.js";
import {
  autocommitStep,
  hazard,
  lockOn,
  type StepDraft,
  type StepHandlers,
  txStep,
} from "../../step/step.js";
import { renderDropConstraint, renderValidateConstraint } from "../constraint/constraint.render.js";
import { restartHazard } from "../sequence/sequence.bounds.js";
import type { ColumnChange } from "./column.change.js";
import {
  identityStart,
  notNullCheckName,
  renderAddColumn,
  renderAddNotNullCheck,
  renderAlterColumnType,
  renderDropColumn,
  renderIdentityChange,
  renderRenameColumn,
  renderSetColumnSetting,
  renderSetDefault,
  renderSetNotNull,
} from "./column.render.js";
import { setNotNullNeedsCheck } from "./column.set-not-null.js";

export const columnSteps: StepHandlers<ColumnChange> = {
  add_column: ({ table, column }) => {
    const rewrites = column.generated?.storage === "stored";
    return [
      txStep("add_column", renderAddColumn(table, column), PRIORITY.ADD_COLUMN, {
        lock: lockOn("access_exclusive", table.id),
        longRunning: rewrites,
        hazards: rewrites
          ? [
              hazard(
                "TABLE_REWRITE",
                `adding stored generated column ${column.name} computes it for every row of ${table.name}`,
              ),
              hazard("LONG_LOCK", `${table.name} is locked ACCESS EXCLUSIVE while it is rewritten`),
            ]
          : [],
      }),
    ];
  },
  drop_column: ({ table, column, readded }) => [
    txStep("drop_column", renderDropColumn(table, column.name), PRIORITY.DROP_COLUMN, {
      lock: lockOn("access_exclusive", table.id),
      hazards: readded
        ? []
        : [hazard("DATA_LOSS", `column ${table.name}.${column.name} is dropped with its data`)],
    }),
  ],
  rename_column: ({ table, from, to }) => [
    txStep("rename_column", renderRenameColumn(table, from, to), PRIORITY.RENAME, {
      lock: lockOn("access_exclusive", table.id),
    }),
  ],
  alter_column_type: ({ table, column, fromType, cost, dropDefault }) => {
    const steps: StepDraft[] = [];
    const lock = lockOn("access_exclusive", table.id);
    if (dropDefault)
      steps.push(
        txStep("drop_column_default", renderSetDefault(table, column.name, null), PRIORITY.ALTER_COLUMN, {
          lock,
        }),
      );
    const hazards = [
      ...(cost.rewrite
        ? [
            hazard(
              "TABLE_REWRITE",
              `${table.name}.${column.name} ${fromType} → ${column.type.text} rewrites the table`,
            ),
            hazard("LONG_LOCK", `${table.name} is locked ACCESS EXCLUSIVE while it is rewritten`),
          ]
        : []),
      ...(cost.narrowing
        ? [
            hazard(
              "DATA_LOSS",
              `${fromType} → ${column.type.text} narrows ${table.name}.${column.name}: rows that do not fit fail the statement or lose precision`,
            ),
          ]
        : []),
    ];
    steps.push(
      txStep("alter_column_type", renderAlterColumnType(table, column, cost.using), PRIORITY.ALTER_COLUMN, {
        lock,
        hazards,
        longRunning: cost.rewrite,
      }),
    );
    if (dropDefault && column.default !== null) {
      steps.push(
        txStep(
          "set_column_default",
          renderSetDefault(table, column.name, column.default),
          PRIORITY.ALTER_COLUMN,
          { lock },
        ),
      );
    }
    return steps;
  },
  set_column_default: ({ table, column, default: value }) => [
    txStep("set_column_default", renderSetDefault(table, column, value), PRIORITY.ALTER_COLUMN, {
      lock: lockOn("access_exclusive", table.id),
    }),
  ],
  drop_not_null: ({ table, column }) => [
    txStep("drop_not_null", renderSetNotNull(table, column, false), PRIORITY.ALTER_COLUMN, {
      lock: lockOn("access_exclusive", table.id),
    }),
  ],
  set_not_null: ({ table, column, reltuples, partitioned, leftoverCheck }, ctx) => {
    const lock = lockOn("access_exclusive", table.id);
    const setNotNull = txStep("set_not_null", renderSetNotNull(table, column, true), PRIORITY.ALTER_COLUMN, {
      lock,
    });
    if (leftoverCheck === null && !setNotNullNeedsCheck(reltuples, partitioned, ctx.options))
      return [setNotNull];
    // The seed's four steps: CHECK NOT VALID (instant), VALIDATE in autocommit under SHARE UPDATE
    // EXCLUSIVE (writes go on), SET NOT NULL (PG 12+ uses the proven CHECK, no scan), drop the helper.
    // A helper an earlier run left is taken over where that run stopped.
    const check = leftoverCheck?.name ?? notNullCheckName(table.name, column);
    const validate = autocommitStep(
      "validate_not_null_check",
      renderValidateConstraint(table, check),
      PRIORITY.ALTER_COLUMN,
      { lock: lockOn("share_update_exclusive", table.id) },
    );
    return [
      ...(leftoverCheck === null
        ? [
            txStep("add_not_null_check", renderAddNotNullCheck(table, column, check), PRIORITY.ALTER_COLUMN, {
              lock,
            }),
          ]
        : []),
      ...(leftoverCheck?.validated ? [] : [validate]),
      setNotNull,
      txStep("drop_not_null_check", renderDropConstraint(table, check), PRIORITY.ALTER_COLUMN, { lock }),
    ];
  },
  set_column_setting: ({ table, column, only, setting }) => [
    txStep(
      "set_column_setting",
      renderSetColumnSetting(table, column, only, setting),
      PRIORITY.ALTER_COLUMN,
      {
        // SET STATISTICS and the n_distinct options only change what ANALYZE does.
        lock: lockOn(
          setting.name === "statistics" || setting.name === "options"
            ? "share_update_exclusive"
            : "access_exclusive",
          table.id,
        ),
      },
    ),
  ],
  alter_column_identity: ({ table, column, from, indexed, reltuples }, ctx) => {
    const lock = lockOn("access_exclusive", table.id);
    const steps = renderIdentityChange(table, column, from).map(({ sql, moveBack }) =>
      txStep("alter_column_identity", sql, PRIORITY.ALTER_COLUMN, {
        lock,
        hazards:
          moveBack && column.identity
            ? [
                restartHazard(
                  `the identity sequence of ${table.name}.${column.name}`,
                  column.identity.sequence,
                ),
              ]
            : [],
      }),
    );
    if (from !== null || column.identity === null) return steps;
    // The new sequence starts at 1 whatever the rows hold: moved past them in the same transaction,
    // so that no insert ever sees the identity before it is.
    const scans = !indexed && !(reltuples >= 0 && reltuples < ctx.options.setNotNullReltuplesHint);
    return [
      ...steps,
      txStep(
        "set_identity_start",
        identityStart(table, column.name, column.identity),
        PRIORITY.ALTER_COLUMN,
        {
          lock,
          longRunning: !indexed,
          hazards: scans
            ? [
                hazard(
                  "LONG_LOCK",
                  `${table.name} is scanned for the highest ${column.name} under ACCESS EXCLUSIVE (no index leads with ${column.name})`,
                ),
              ]
            : [],
        },
      ),
    ];
  },
};
