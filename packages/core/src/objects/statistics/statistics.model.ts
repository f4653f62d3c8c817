/** `CREATE STATISTICS`: extended statistics on columns or expressions of one table. */
export interface Statistics {
  readonly kind: "statistics";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  /** Table id. */
  readonly table: string;
  /**
   * The kinds asked for, in CREATE STATISTICS' order (`ndistinct`, `dependencies`, `mcv`); empty for
   * statistics on a single expression, which take none.
   */
  readonly statisticsKinds: readonly ("ndistinct" | "dependencies" | "mcv")[];
  /** `pg_get_statisticsobjdef_columns`: what follows ON (`a, b`, `lower(email), id`). */
  readonly columns: string;
  /** `ALTER STATISTICS … SET STATISTICS n`; null for the default (-1, or null on PostgreSQL 17+). */
  readonly target: number | null;
  readonly owner: string;
  readonly comment: string | null;
}
