import type { ChangeBase, TableRef } from "../../diff/change-base.js";
import type { Constraint, Table } from "../../model/state.js";

export interface CreateTable extends ChangeBase {
  readonly kind: "create_table";
  readonly table: Table;
  /** PRIMARY KEY / UNIQUE / CHECK / EXCLUDE constraints written inside CREATE TABLE. */
  readonly constraints: readonly Constraint[];
  /** Partition parent (`PARTITION OF`), resolved to names. */
  readonly partitionOf: { readonly parent: TableRef; readonly bound: string } | null;
  readonly inherits: readonly TableRef[];
}

export interface DropTable extends ChangeBase {
  readonly kind: "drop_table";
  readonly table: Table;
}

/** From a hint: a new name and/or schema (the seed's schema move is a table rename across schemas). */
export interface RenameTable extends ChangeBase {
  readonly kind: "rename_table";
  readonly from: TableRef;
  readonly to: TableRef;
}

/** ENABLE/DISABLE and FORCE/NO FORCE ROW LEVEL SECURITY (the seed's ChangeToggleRLS). */
export interface ToggleRls extends ChangeBase {
  readonly kind: "toggle_rls";
  readonly table: TableRef;
  readonly rowSecurity: boolean | null;
  readonly forceRowSecurity: boolean | null;
}

export interface SetTableOptions extends ChangeBase {
  readonly kind: "set_table_options";
  readonly table: TableRef;
  readonly set: readonly string[];
  readonly reset: readonly string[];
}

export interface SetReplicaIdentity extends ChangeBase {
  readonly kind: "set_replica_identity";
  readonly table: TableRef;
  readonly identity: Table["replicaIdentity"];
  readonly index: string | null;
}

export interface SetTablePersistence extends ChangeBase {
  readonly kind: "set_table_persistence";
  readonly table: TableRef;
  readonly persistence: Table["persistence"];
}

/** `ALTER TABLE … SET ACCESS METHOD` (PostgreSQL 15+): the table is rewritten; undefined is heap. */
export interface SetTableAccessMethod extends ChangeBase {
  readonly kind: "set_table_access_method";
  readonly table: TableRef;
  readonly accessMethod: string | undefined;
}

/** `ALTER TABLE … CLUSTER ON index` / `SET WITHOUT CLUSTER` (null index). */
export interface SetClusterIndex extends ChangeBase {
  readonly kind: "set_cluster_index";
  readonly table: TableRef;
  readonly index: string | null;
}

export interface AlterTableInherit extends ChangeBase {
  readonly kind: "alter_table_inherit";
  readonly table: TableRef;
  readonly parent: TableRef;
  readonly inherit: boolean;
}

/**
 * `ALTER TABLE t NOT OF` (`ofType` null) / `ALTER TABLE t OF type`: a table becomes or stops being a
 * typed table. OF runs after the table's columns were made the type's (priority DROP_COLUMN, after
 * the column changes); NOT OF before them.
 */
export interface AlterTableOf extends ChangeBase {
  readonly kind: "alter_table_of";
  readonly table: TableRef;
  readonly ofType: string | null;
}

export type TableChange =
  | SetTableAccessMethod
  | AlterTableOf
  | CreateTable
  | DropTable
  | RenameTable
  | ToggleRls
  | SetTableOptions
  | SetReplicaIdentity
  | SetTablePersistence
  | SetClusterIndex
  | AlterTableInherit;
