import { ids, type Statistics } from "@pg-flux/core";
import type { StatisticsRow } from "../queries/statistics.sql.js";
import { decode } from "./codes.js";
import { readBackForm } from "./expression-form.js";

/** stxkind letters; `e` (expressions) is implied by the columns, not asked for. */
const STATISTICS_KIND = { d: "ndistinct", f: "dependencies", m: "mcv" } as const;
const ORDER = ["ndistinct", "dependencies", "mcv"] as const;

export function readStatistics(row: StatisticsRow): Statistics {
  const kinds = new Set(
    row.kinds.filter((code) => code !== "e").map((code) => decode("statistics kind", STATISTICS_KIND, code)),
  );
  return {
    kind: "statistics",
    id: ids.statistics(row.schema, row.name),
    schema: row.schema,
    name: row.name,
    table:
      row.tableKind === "m"
        ? ids.materializedView(row.tableSchema, row.tableName)
        : ids.table(row.tableSchema, row.tableName),
    statisticsKinds: ORDER.filter((kind) => kinds.has(kind)),
    columns: readBackForm(row.columns, "pretty"),
    target: row.target === null || row.target < 0 ? null : row.target,
    owner: row.owner,
    comment: row.comment,
  };
}
