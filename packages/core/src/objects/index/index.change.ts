import type { ChangeBase, TableRef } from "../../diff/change-base.js";
import type { Index } from "../../model/state.js";

export interface CreateIndex extends ChangeBase {
  readonly kind: "create_index";
  readonly index: Index;
  readonly table: TableRef;
  /** On a table this plan creates: plain CREATE INDEX inside the transaction. */
  readonly tableIsNew: boolean;
  /** Partitioned parents cannot be indexed CONCURRENTLY. */
  readonly partitioned: boolean;
}

export interface DropIndex extends ChangeBase {
  readonly kind: "drop_index";
  readonly index: Index;
  readonly partitioned: boolean;
}

/** A changed index on an existing table: build the new one concurrently, drop the old, rename. */
export interface ReplaceIndex extends ChangeBase {
  readonly kind: "replace_index";
  readonly from: Index;
  readonly to: Index;
  readonly table: TableRef;
  readonly partitioned: boolean;
}

export interface RenameIndex extends ChangeBase {
  readonly kind: "rename_index";
  readonly schema: string;
  readonly from: string;
  readonly to: string;
}

export type IndexChange = CreateIndex | DropIndex | ReplaceIndex | RenameIndex;
