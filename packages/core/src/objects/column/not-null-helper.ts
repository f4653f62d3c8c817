import type { DiffContext } from "../../diff/context.js";
import { ids } from "../../model/ids.js";
import type { CheckConstraint, Constraint, Table } from "../../model/state.js";
import { quoteIdent } from "../../sql/quote.js";
import { stripOuterParens } from "../../sql/scan.js";
import { notNullCheckName } from "./column.render.js";

/**
 * The helper CHECK of the NOT NULL pattern (`chk_<table>_<column>_notnull`, `CHECK (c IS NOT NULL)`)
 * that an earlier run added and did not get to drop: its VALIDATE found NULLs, or the run stopped
 * before SET NOT NULL. When the plan sets that column NOT NULL, the pattern takes it over (validates
 * it if it is still NOT VALID, then SET NOT NULL and drops it) instead of dropping it and adding it
 * again. Not on partitioned tables, which never get the pattern.
 */
export function leftoverNotNullCheck(
  ctx: DiffContext,
  table: Table,
  columnName: string,
): CheckConstraint | null {
  if (table.partitionBy !== null) return null;
  const current = ctx.current.tables[table.id];
  const before = current?.columns.find((c) => c.name === columnName);
  const after = table.columns.find((c) => c.name === columnName);
  if (!before || !after || before.notNull || !after.notNull) return null;
  const name = notNullCheckName(table.name, columnName);
  const found = ctx.current.constraints[ids.constraint(table.schema, table.name, name)];
  if (found?.kind !== "check" || !found.enforced || ctx.desired.constraints[found.id]) return null;
  return stripOuterParens(found.expression) === `${quoteIdent(columnName)} IS NOT NULL` ? found : null;
}

/** Is `constraint` a helper CHECK the NOT NULL pattern of this plan takes over? */
export function isLeftoverNotNullCheck(ctx: DiffContext, constraint: Constraint): boolean {
  if (constraint.kind !== "check") return false;
  const table = ctx.desired.tables[constraint.table];
  if (!table) return false;
  return table.columns.some((column) => leftoverNotNullCheck(ctx, table, column.name)?.id === constraint.id);
}
