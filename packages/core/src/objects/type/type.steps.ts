import { PRIORITY } from "../../step/priorities.js";
import { hazard, lockOn, type StepDraft, type StepHandlers, txStep } from "../../step/step.js";
import { renderSetDefault } from "../column/column.render.js";
import { renderRenameDomainConstraint } from "../domain/domain.render.js";
import { defaultMultirangeName } from "../range/range.render.js";
import type { RecreateType, RenameType, TypeChange } from "./type.change.js";
import {
  renderConvertColumn,
  renderCreateType,
  renderDropType,
  renderRenameType,
  renderTypeSetSchema,
} from "./type.render.js";

export const typeSteps: StepHandlers<TypeChange> = {
  create_type: ({ type }) => [txStep(`create_${type.kind}`, renderCreateType(type), PRIORITY.CREATE_TYPE)],
  drop_type: ({ type }) => [
    // No hazard: a type holds no rows, and DROP TYPE fails while any column still uses it.
    txStep(`drop_${type.kind}`, renderDropType(type), PRIORITY.DROP_TYPE),
  ],
  recreate_type: (change) => recreateSteps(change),
  rename_type: (change) => renameSteps(change),
};

/**
 * ```
 * ALTER TYPE public.order_state SET SCHEMA sales;   -- when the hint changes the schema
 * ALTER TYPE sales.order_state RENAME TO order_status;
 * ```
 * Catalog-only: no rows are touched, and columns keep using the type (by oid). A range's
 * multirange is moved and renamed after it; a domain's checks named after it are renamed.
 */
function renameSteps({ type, to, multirange, checks }: RenameType): readonly StepDraft[] {
  const priority = PRIORITY.RENAME;
  const steps: StepDraft[] = [];
  if (type.schema !== to.schema) {
    steps.push(txStep(`move_${type.kind}`, renderTypeSetSchema(type, type, to.schema), priority));
    if (multirange) {
      const from = { schema: type.schema, name: multirange.from };
      steps.push(txStep("move_multirange", renderTypeSetSchema(type, from, to.schema), priority));
    }
  }
  if (type.name !== to.name) {
    const from = { schema: to.schema, name: type.name };
    steps.push(txStep(`rename_${type.kind}`, renderRenameType(type, from, to.name), priority));
  }
  if (multirange && multirange.from !== multirange.to) {
    const from = { schema: to.schema, name: multirange.from };
    steps.push(txStep("rename_multirange", renderRenameType(type, from, multirange.to), priority));
  }
  for (const check of checks) {
    steps.push(
      txStep("rename_domain_constraint", renderRenameDomainConstraint(to, check.from, check.to), priority),
    );
  }
  return steps;
}

/**
 * The seed's recreate-the-type path:
 * ```
 * CREATE TYPE status_new AS ENUM ('draft', 'published');
 * ALTER TABLE posts ALTER COLUMN status TYPE status_new USING status::text::status_new;
 * DROP TYPE status;
 * ALTER TYPE status_new RENAME TO status;
 * ```
 * Defaults on converted columns are dropped before (they reference the old type) and set again
 * after the rename. A type no column uses is simply dropped and created again.
 */
function recreateSteps({
  type,
  currentKind,
  tempName,
  columns,
  reason,
  dataLoss,
}: RecreateType): readonly StepDraft[] {
  const priority = PRIORITY.ALTER_TYPE;
  const current = { kind: currentKind, schema: type.schema, name: type.name };
  if (columns.length === 0) {
    return [
      txStep(`drop_${currentKind}`, renderDropType(current), priority),
      txStep(`create_${type.kind}`, renderCreateType(type), priority),
    ];
  }
  const temp = { schema: type.schema, name: tempName };
  const steps: StepDraft[] = [txStep(`create_${type.kind}`, renderCreateType(type, temp), priority)];
  for (const column of columns) {
    const lock = lockOn("access_exclusive", column.table.id);
    if (column.currentDefault !== null) {
      steps.push(
        txStep("drop_column_default", renderSetDefault(column.table, column.column, null), priority, {
          lock,
        }),
      );
    }
    steps.push(
      txStep("convert_column_type", renderConvertColumn(type, column, temp), priority, {
        lock,
        longRunning: true,
        hazards: [
          ...(dataLoss ? [hazard("DATA_LOSS", `${column.table.name}.${column.column}: ${dataLoss}`)] : []),
          hazard(
            "TABLE_REWRITE",
            `${column.table.name}.${column.column} is converted to the recreated type ${type.name} (${reason})`,
          ),
          hazard("LONG_LOCK", `${column.table.name} is locked ACCESS EXCLUSIVE while it is rewritten`),
        ],
      }),
    );
  }
  steps.push(txStep(`drop_${currentKind}`, renderDropType(current), priority));
  steps.push(txStep(`rename_${type.kind}`, renderRenameType(type, temp, type.name), priority));
  if (type.kind === "range" && type.multirangeName !== null) {
    const multirange = { schema: type.schema, name: defaultMultirangeName(tempName) };
    if (multirange.name !== type.multirangeName) {
      steps.push(
        txStep("rename_multirange", renderRenameType(type, multirange, type.multirangeName), priority),
      );
    }
  }
  for (const column of columns) {
    if (column.currentDefault === null || column.desiredDefault === null) continue;
    steps.push(
      txStep(
        "set_column_default",
        renderSetDefault(column.table, column.column, column.desiredDefault),
        priority,
        {
          lock: lockOn("access_exclusive", column.table.id),
        },
      ),
    );
  }
  return steps;
}
