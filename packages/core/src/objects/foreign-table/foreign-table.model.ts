import { encodeId } from "../../model/ids.js";
import type { ForeignOption } from "../foreign-data-wrapper/foreign-options.js";
import type { Privilege } from "../privilege/privilege.model.js";

/** A column of a foreign table. */
export interface ForeignColumn {
  readonly name: string;
  /** `format_type` text, user types qualified. */
  readonly type: string;
  /** `COLLATE x` when it differs from its type's (qualified), else null. */
  readonly collation: string | null;
  readonly notNull: boolean;
  /** `pg_get_expr` of the default, or null. */
  readonly default: string | null;
  /** Column options (`column_name 'remote_col'`), sorted. */
  readonly options: readonly ForeignOption[];
  readonly comment: string | null;
}

/**
 * `CREATE FOREIGN TABLE`: a relation whose rows live on a foreign server, identified like a table
 * (its id is `foreign_table:schema.name`). Columns in their order; options of the table and of each
 * column; `SERVER` fixed (no ALTER for it: a server change drops and creates it again).
 */
export interface ForeignTable {
  readonly kind: "foreign_table";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  readonly server: string;
  readonly columns: readonly ForeignColumn[];
  readonly options: readonly ForeignOption[];
  readonly owner: string;
  /** Table privileges (`SELECT`, `INSERT`, …); column grants are not modelled on foreign tables. */
  readonly privileges: readonly Privilege[];
  readonly comment: string | null;
}

/** `foreign_table:public.remote_users` (relations share one namespace per schema). */
export function foreignTableId(schema: string, name: string): string {
  return encodeId("foreign_table", [schema, name]);
}
