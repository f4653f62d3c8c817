import type { ChangeBase, TableRef } from "../../diff/change-base.js";
import type { Index } from "../../model/state.js";

type Named = { readonly schema: string; readonly name: string };

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
  /**
   * Taken off for a routine or generated column that the plan drops and creates again
   * (routine-dependents.ts): a plain DROP INDEX inside that transaction, so the constraints,
   * defaults and policies taken off with it never show a committed gap. Its table is locked
   * ACCESS EXCLUSIVE by that transaction's other statements anyway.
   */
  readonly inTransaction: boolean;
  /**
   * An INVALID index (what a failed, killed or timed-out CREATE INDEX CONCURRENTLY leaves): dropped
   * `IF EXISTS` and without INDEX_DROPPED, since no query can use it.
   */
  readonly invalid: boolean;
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

/** `ALTER INDEX … ALTER COLUMN n SET STATISTICS t` on an expression key; null target: the default. */
export interface SetIndexStatistics extends ChangeBase {
  readonly kind: "set_index_statistics";
  readonly index: Named;
  /** The index's table (for the lock). */
  readonly table: string;
  readonly column: number;
  readonly target: number | null;
}

export type IndexChange = CreateIndex | DropIndex | ReplaceIndex | RenameIndex | SetIndexStatistics;
