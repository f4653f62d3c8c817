import type { Column } from "../column/column.model.js";
import type { Privilege } from "../privilege/privilege.model.js";

export interface PartitionBy {
  readonly strategy: "range" | "list" | "hash";
  /** `pg_get_partkeydef`: `RANGE (occurred_at)`. */
  readonly definition: string;
  /** Key columns or expressions, in order. */
  readonly keys: readonly string[];
}

export interface Table {
  readonly kind: "table";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  readonly persistence: "permanent" | "unlogged";
  readonly columns: readonly Column[];
  /** Set on partitioned parents. */
  readonly partitionBy: PartitionBy | null;
  /** Set on partitions: the parent's table id and the bound (`FOR VALUES FROM (…) TO (…)`, `DEFAULT`). */
  readonly partitionOf: { readonly parent: string; readonly bound: string } | null;
  /**
   * A typed table's composite type (`CREATE TABLE t OF type`, `ALTER TABLE t OF type`), as a type id;
   * absent for other tables (so their fingerprints stay what they were). Its columns are the type's.
   */
  readonly ofType?: string;
  /**
   * Its table access method (`USING am`) when it is not heap; absent for heap tables (so their
   * fingerprints stay what they were).
   */
  readonly accessMethod?: string;
  /** Inheritance parents (table ids, in inhseqno order); partitions do not list their parent here. */
  readonly inherits: readonly string[];
  readonly rowSecurity: boolean;
  readonly forceRowSecurity: boolean;
  readonly replicaIdentity: "default" | "nothing" | "full" | "index";
  /** Index id when `replicaIdentity` is `index`. */
  readonly replicaIdentityIndex: string | null;
  /**
   * The index `CLUSTER … USING` / `ALTER TABLE … CLUSTER ON` marked (indisclustered), as an index id;
   * null when none. The marker only: the rows' physical order is data, not schema.
   */
  readonly clusterIndex: string | null;
  /** reloptions: `["fillfactor=70"]`, sorted. */
  readonly options: readonly string[];
  readonly owner: string;
  readonly comment: string | null;
  readonly privileges: readonly Privilege[];
}
