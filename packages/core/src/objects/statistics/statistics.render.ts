import type { Statistics } from "../../model/state.js";
import { relationName } from "../sql.js";

type Named = { readonly schema: string; readonly name: string };

/**
 * `CREATE STATISTICS name [(kinds)] ON columns FROM table;` — the kinds are left out for statistics on
 * a single expression, which take none.
 * https://www.postgresql.org/docs/current/sql-createstatistics.html
 */
export function renderCreateStatistics(table: Named, statistics: Statistics): string {
  const kinds = statistics.statisticsKinds.length > 0 ? ` (${statistics.statisticsKinds.join(", ")})` : "";
  return `CREATE STATISTICS ${relationName(statistics.schema, statistics.name)}${kinds} ON ${statistics.columns} FROM ${relationName(table.schema, table.name)};`;
}

/**
 * `ALTER STATISTICS name SET STATISTICS { n | DEFAULT };` (`-1` before PostgreSQL 17, which has no
 * DEFAULT there).
 * https://www.postgresql.org/docs/current/sql-alterstatistics.html
 */
export function renderSetStatisticsTarget(statistics: Statistics, major: number): string {
  const target = statistics.target ?? (major >= 17 ? "DEFAULT" : "-1");
  return `ALTER STATISTICS ${relationName(statistics.schema, statistics.name)} SET STATISTICS ${target};`;
}

/** `DROP STATISTICS name;` (https://www.postgresql.org/docs/current/sql-dropstatistics.html) */
export function renderDropStatistics(statistics: Named): string {
  return `DROP STATISTICS ${relationName(statistics.schema, statistics.name)};`;
}
