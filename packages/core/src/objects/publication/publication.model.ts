import { encodeId } from "../../model/ids.js";

/** What a publication publishes (`publish = '…'`), in PostgreSQL's order. */
export const PUBLISH_ACTIONS = ["insert", "update", "delete", "truncate"] as const;
export type PublishAction = (typeof PUBLISH_ACTIONS)[number];

/**
 * A table of a publication (`FOR TABLE ONLY t (columns) WHERE (filter)`): one pg_publication_rel
 * row. A table listed without ONLY brings its inheritance children along, each a row of its own, so
 * every table is one entry here and is rendered with ONLY.
 */
export interface PublicationTable {
  readonly schema: string;
  readonly name: string;
  /** The column list (PostgreSQL 15+), in the table's column order; null: every column. */
  readonly columns: readonly string[] | null;
  /** The row filter (PostgreSQL 15+), `pg_get_expr` text; null: every row. */
  readonly where: string | null;
}

/**
 * `CREATE PUBLICATION`: identified by its name (publications belong to the database). `FOR ALL
 * TABLES`, or its tables and (15+) schemas (`FOR TABLES IN SCHEMA`), and its `WITH` options.
 */
export interface Publication {
  readonly kind: "publication";
  readonly id: string;
  readonly name: string;
  readonly allTables: boolean;
  /** Sorted by schema, then name. */
  readonly tables: readonly PublicationTable[];
  /** `FOR TABLES IN SCHEMA` (15+), sorted. */
  readonly schemas: readonly string[];
  /** `publish`: the actions published, in PUBLISH_ACTIONS order (all four by default). */
  readonly publish: readonly PublishAction[];
  /** `publish_via_partition_root`. */
  readonly viaPartitionRoot: boolean;
  /** `publish_generated_columns` (PostgreSQL 18; `none` before). */
  readonly generatedColumns: "none" | "stored";
  readonly owner: string;
  readonly comment: string | null;
}

/** `publication:audit_pub`. */
export function publicationId(name: string): string {
  return encodeId("publication", [name]);
}
