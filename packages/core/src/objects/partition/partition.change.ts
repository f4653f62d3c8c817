import type { ChangeBase, TableRef } from "../../diff/change-base.js";

/** An existing table becomes a partition (or a partition's bound changes: detach, then attach). */
export interface AttachPartition extends ChangeBase {
  readonly kind: "attach_partition";
  readonly parent: TableRef;
  readonly table: TableRef;
  readonly bound: string;
}

export interface DetachPartition extends ChangeBase {
  readonly kind: "detach_partition";
  readonly parent: TableRef;
  readonly table: TableRef;
}

export type PartitionChange = AttachPartition | DetachPartition;
