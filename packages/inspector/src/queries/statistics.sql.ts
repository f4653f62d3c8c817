import type { Capabilities } from "../capabilities.js";
import { commentOf, managedNamespace, notExtensionMember } from "./fragments.js";

export interface StatisticsRow {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly tableSchema: string;
  readonly tableName: string;
  /** relkind of the table: `r`, `p` or `m`. */
  readonly tableKind: string;
  /** stxkind: `d` ndistinct, `f` dependencies, `m` mcv, `e` expressions (implied by expressions). */
  readonly kinds: readonly string[];
  readonly columns: string;
  /** stxstattarget: -1 (before 17) or null (17+) for the default. */
  readonly target: number | null;
  readonly owner: string;
  readonly comment: string | null;
}

/** `CREATE STATISTICS` objects (pg_statistic_ext), in the managed schemas. */
export function statisticsQuery(_caps: Capabilities): string {
  return `
select s.oid, n.nspname as schema, s.stxname as name, tn.nspname as "tableSchema", t.relname as "tableName",
  t.relkind as "tableKind", s.stxkind::text[] as kinds, pg_get_statisticsobjdef_columns(s.oid) as columns,
  s.stxstattarget::int as target, pg_get_userbyid(s.stxowner) as owner,
  ${commentOf("pg_statistic_ext", "s.oid")} as comment
from pg_statistic_ext s
join pg_namespace n on n.oid = s.stxnamespace
join pg_class t on t.oid = s.stxrelid
join pg_namespace tn on tn.oid = t.relnamespace
where ${managedNamespace("n")} and ${notExtensionMember("pg_statistic_ext", "s.oid")}
order by n.nspname, s.stxname`;
}
