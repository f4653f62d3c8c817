import type { Constraint } from "../../model/state.js";
import { PRIORITY } from "../../step/priorities.js";
import { autocommitStep, hazard, lockOn, type StepHandlers, txStep } from "../../step/step.js";
import { renderCreateIndex } from "../index/index.render.js";
import type { AddConstraint, ConstraintChange } from "./constraint.change.js";
import {
  renderAddConstraint,
  renderAddConstraintUsingIndex,
  renderAlterConstraintEnforcement,
  renderConstraintDefinition,
  renderDropConstraint,
  renderRenameConstraint,
  renderValidateConstraint,
} from "./constraint.render.js";

export const constraintSteps: StepHandlers<ConstraintChange> = {
  add_constraint: (change, ctx) => {
    const { table, constraint, tableIsNew, partitioned, referenced, index, reuseIndex } = change;
    const definition = renderConstraintDefinition(constraint, referenced);
    const plain = (extra: Parameters<typeof txStep>[3] = {}) =>
      txStep(
        "add_constraint",
        renderAddConstraint(table, constraint.name, definition, false),
        PRIORITY.ADD_CONSTRAINT,
        {
          lock: lockOn(
            constraint.kind === "foreign_key" ? "share_row_exclusive" : "access_exclusive",
            table.id,
          ),
          ...extra,
        },
      );
    switch (constraint.kind) {
      case "foreign_key":
      case "check": {
        // NOT ENFORCED (PG 18): no row is checked, nothing to validate.
        if (!constraint.enforced) return [plain()];
        if (!constraint.validated) {
          return [
            txStep(
              "add_constraint",
              renderAddConstraint(table, constraint.name, definition, true),
              PRIORITY.ADD_CONSTRAINT,
              {
                lock: lockOn("access_exclusive", table.id),
              },
            ),
          ];
        }
        // Temporal foreign keys (PERIOD) cannot be added NOT VALID.
        const temporal = constraint.definition.includes("PERIOD ");
        if (tableIsNew) return [plain()];
        if (!ctx.options.autoNotValid || partitioned || temporal) {
          return [plain({ longRunning: true, hazards: scanHazards(change) })];
        }
        // Seed: add NOT VALID (brief lock), then VALIDATE in autocommit under SHARE UPDATE EXCLUSIVE.
        return [
          txStep(
            "add_constraint_not_valid",
            renderAddConstraint(table, constraint.name, definition, true),
            PRIORITY.ADD_CONSTRAINT,
            {
              lock: lockOn(
                constraint.kind === "foreign_key" ? "share_row_exclusive" : "access_exclusive",
                table.id,
              ),
            },
          ),
          autocommitStep(
            "validate_constraint",
            renderValidateConstraint(table, constraint.name),
            PRIORITY.VALIDATE_CONSTRAINT,
            {
              lock: lockOn("share_update_exclusive", table.id),
            },
          ),
        ];
      }
      case "primary_key":
      case "unique": {
        if (tableIsNew) return [plain()];
        if (index === null || !attachesIndex(constraint, index, partitioned)) {
          return [
            plain({
              longRunning: true,
              hazards: [
                hazard("INDEX_BUILD", `the index of ${constraint.name} is built on ${table.name}`),
                hazard(
                  "LONG_LOCK",
                  `${table.name} is locked ACCESS EXCLUSIVE while the index of ${constraint.name} is built`,
                ),
              ],
            }),
          ];
        }
        const attach = txStep(
          "add_constraint_using_index",
          renderAddConstraintUsingIndex(
            table,
            constraint.name,
            constraint.kind,
            index.name,
            constraint.deferrable,
            constraint.initiallyDeferred,
          ),
          PRIORITY.ADD_CONSTRAINT,
          { lock: lockOn("access_exclusive", table.id) },
        );
        // An earlier run built the index and stopped before attaching it: attach it.
        if (reuseIndex) return [attach];
        // Build the unique index concurrently, then attach it (catalog flip).
        return [
          autocommitStep(
            "create_unique_index_concurrently",
            renderCreateIndex(index, table, { concurrently: true }),
            PRIORITY.CREATE_INDEX,
            {
              lock: lockOn("share_update_exclusive", table.id),
              hazards: [
                hazard("INDEX_BUILD", `unique index ${index.name} is built concurrently on ${table.name}`),
              ],
            },
          ),
          attach,
        ];
      }
      case "exclude":
      case "not_null":
        return [
          plain(
            tableIsNew
              ? {}
              : {
                  longRunning: true,
                  hazards: [
                    hazard("INDEX_BUILD", `the index of ${constraint.name} is built on ${table.name}`),
                    hazard(
                      "LONG_LOCK",
                      `${table.name} is locked ACCESS EXCLUSIVE while ${constraint.name} is checked`,
                    ),
                  ],
                },
          ),
        ];
      default: {
        const _exhaustive: never = constraint;
        return _exhaustive;
      }
    }
  },
  drop_constraint: ({ table, constraint }) => [
    txStep(
      "drop_constraint",
      renderDropConstraint(table, constraint.name),
      constraint.kind === "foreign_key" ? PRIORITY.DROP_FOREIGN_KEY : PRIORITY.DROP_CONSTRAINT,
      {
        lock: lockOn("access_exclusive", table.id),
        hazards:
          constraint.kind === "primary_key" || constraint.kind === "unique" || constraint.kind === "exclude"
            ? [hazard("INDEX_DROPPED", `the index backing ${constraint.name} is dropped with it`)]
            : [],
      },
    ),
  ],
  validate_constraint: ({ table, name }) => [
    autocommitStep(
      "validate_constraint",
      renderValidateConstraint(table, name),
      PRIORITY.VALIDATE_CONSTRAINT,
      {
        lock: lockOn("share_update_exclusive", table.id),
      },
    ),
  ],
  alter_constraint_enforcement: ({ table, name, enforced }) => [
    txStep(
      "alter_constraint_enforcement",
      renderAlterConstraintEnforcement(table, name, enforced),
      PRIORITY.VALIDATE_CONSTRAINT,
      {
        lock: lockOn("access_exclusive", table.id),
        ...(enforced
          ? {
              longRunning: true,
              hazards: [
                hazard(
                  "LONG_LOCK",
                  `${table.name} is scanned under ACCESS EXCLUSIVE to enforce ${name} on every existing row`,
                ),
              ],
            }
          : {}),
      },
    ),
  ],
  rename_constraint: ({ table, from, to }) => [
    txStep("rename_constraint", renderRenameConstraint(table, from, to), PRIORITY.RENAME, {
      lock: lockOn("access_exclusive", table.id),
    }),
  ],
};

/**
 * A PRIMARY KEY / UNIQUE on an existing table whose index can be built on its own (CREATE UNIQUE
 * INDEX CONCURRENTLY) and then attached with `ADD CONSTRAINT … USING INDEX`: not on a partitioned
 * table (USING INDEX is refused there), not for a non-btree index, not for WITHOUT OVERLAPS keys
 * (GiST-backed: no CREATE UNIQUE INDEX can build them).
 */
export function attachesIndex(
  constraint: Constraint,
  index: { readonly method: string },
  partitioned: boolean,
): boolean {
  return (
    (constraint.kind === "primary_key" || constraint.kind === "unique") &&
    !partitioned &&
    index.method === "btree" &&
    !constraint.definition.includes("WITHOUT OVERLAPS")
  );
}

function scanHazards({ constraint, table }: AddConstraint) {
  return constraint.kind === "check"
    ? [
        hazard(
          "LONG_LOCK",
          `${table.name} is scanned under ACCESS EXCLUSIVE to check ${constraint.name} (enable autoNotValid to avoid it)`,
        ),
      ]
    : [];
}
