export interface IndexKey {
  /** Column name or parenthesised expression, as pg_get_indexdef prints the key. */
  readonly expression: string;
  readonly opclass: string | null;
  readonly collation: string | null;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

export interface Index {
  readonly kind: "index";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  /** Table or materialized view id. */
  readonly table: string;
  /** `pg_get_indexdef`: the full CREATE INDEX statement. */
  readonly definition: string;
  readonly method: string;
  readonly unique: boolean;
  readonly nullsNotDistinct: boolean;
  readonly primary: boolean;
  readonly keys: readonly IndexKey[];
  readonly include: readonly string[];
  readonly predicate: string | null;
  readonly options: readonly string[];
  /** False after a failed CREATE INDEX CONCURRENTLY: such an index must be dropped and rebuilt. */
  readonly valid: boolean;
  /** Constraint id when a PRIMARY KEY / UNIQUE / EXCLUDE constraint owns the index. */
  readonly constraint: string | null;
  /** Parent index id when this index exists because its partitioned parent has one. */
  readonly parentIndex: string | null;
  /**
   * `ALTER INDEX … ALTER COLUMN n SET STATISTICS t` (expression keys only), by key number (1-based),
   * only those not at the default; never a reason to rebuild the index.
   */
  readonly columnStatistics: readonly { readonly column: number; readonly target: number }[];
  readonly comment: string | null;
}
