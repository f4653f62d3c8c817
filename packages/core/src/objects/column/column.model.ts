import type { Privilege } from "../privilege/privilege.model.js";
import type { SequenceOptions } from "../sequence/sequence.model.js";

export interface ColumnType {
  /** `format_type(atttypid, atttypmod)`: `character varying(20)`, `integer[]`, `public.status`. */
  readonly text: string;
  /** Schema of the element type (`pg_catalog` for built-ins). */
  readonly schema: string;
  /** Name of the element type (`varchar`, `int4`, `status`). */
  readonly name: string;
  /** atttypmod (-1 when none). */
  readonly typmod: number;
  /** attndims: 0 for scalars. A column declared `int[]` has 1. */
  readonly arrayDimensions: number;
  /** pg_type.typcategory of the element type (`S` string, `N` numeric, `E` enum, `U` user, …). */
  readonly category: string;
  /** pg_type.typstorage of the column's type: its columns' storage unless SET STORAGE changed it. */
  readonly storage: ColumnStorage;
}

/** How a column's values are stored and TOASTed (attstorage / typstorage). */
export type ColumnStorage = "plain" | "external" | "extended" | "main";

export interface Column {
  readonly id: string;
  readonly name: string;
  /** attnum; positions have gaps after drops, so compare order, not numbers. */
  readonly position: number;
  readonly type: ColumnType;
  /** Collation when it differs from the type's default, qualified (`pg_catalog."C"`), else null. */
  readonly collation: string | null;
  readonly notNull: boolean;
  /** PG 18 names NOT NULL constraints; null before 18 or when the column is nullable. */
  readonly notNullConstraint: string | null;
  readonly default: string | null;
  readonly identity: {
    readonly generation: "always" | "by default";
    readonly sequence: SequenceOptions;
  } | null;
  readonly generated: { readonly expression: string; readonly storage: "stored" | "virtual" } | null;
  /** False for a column that only exists because a parent table (inheritance, partition) has it. */
  readonly isLocal: boolean;
  /** `SET COMPRESSION` (attcompression); null for the server's `default_toast_compression`. */
  readonly compression: "pglz" | "lz4" | null;
  /** `SET STORAGE` (attstorage) when it differs from the type's (`type.storage`); null otherwise. */
  readonly storage: ColumnStorage | null;
  /** `SET STATISTICS n` (attstattarget); null for the default (-1 before PG 17, null since). */
  readonly statisticsTarget: number | null;
  /** `SET (n_distinct = …, n_distinct_inherited = …)` (attoptions), sorted; empty when none. */
  readonly options: readonly string[];
  readonly comment: string | null;
  readonly privileges: readonly Privilege[];
}
