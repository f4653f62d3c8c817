import type { ChangeBase, TableRef } from "../../diff/change-base.js";
import type { Constraint, Index } from "../../model/state.js";

export interface AddConstraint extends ChangeBase {
  readonly kind: "add_constraint";
  readonly table: TableRef;
  readonly constraint: Constraint;
  /** The table is created by this plan (no online rewrite needed: it is empty and unseen). */
  readonly tableIsNew: boolean;
  /** CONCURRENTLY and FK/CHECK NOT VALID are not available on partitioned parents. */
  readonly partitioned: boolean;
  /** Referenced table of a foreign key. */
  readonly referenced: TableRef | null;
  /** The desired backing index of a PRIMARY KEY / UNIQUE (built concurrently first on existing tables). */
  readonly index: Index | null;
  /**
   * That index already exists, valid and as wanted (an earlier run built it and stopped before
   * attaching it): only `ADD CONSTRAINT … USING INDEX` is left to do.
   */
  readonly reuseIndex: boolean;
}

export interface DropConstraint extends ChangeBase {
  readonly kind: "drop_constraint";
  readonly table: TableRef;
  readonly constraint: Constraint;
}

/** A NOT VALID constraint that the desired state has validated. */
export interface ValidateConstraint extends ChangeBase {
  readonly kind: "validate_constraint";
  readonly table: TableRef;
  readonly name: string;
}

/** PG 18: a FOREIGN KEY switched between ENFORCED and NOT ENFORCED in place. */
export interface AlterConstraintEnforcement extends ChangeBase {
  readonly kind: "alter_constraint_enforcement";
  readonly table: TableRef;
  readonly name: string;
  readonly enforced: boolean;
}

export interface RenameConstraint extends ChangeBase {
  readonly kind: "rename_constraint";
  readonly table: TableRef;
  readonly from: string;
  readonly to: string;
}

export type ConstraintChange =
  | AddConstraint
  | DropConstraint
  | ValidateConstraint
  | AlterConstraintEnforcement
  | RenameConstraint;
