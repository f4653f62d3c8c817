interface ConstraintBase {
  readonly id: string;
  readonly schema: string;
  /** Table id (or domain type id for domain checks, which live on the domain instead). */
  readonly table: string;
  readonly name: string;
  /** `pg_get_constraintdef`: what follows `ADD CONSTRAINT name`. */
  readonly definition: string;
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
  /** False for NOT VALID constraints, and for NOT ENFORCED ones (PostgreSQL never validates those). */
  readonly validated: boolean;
  /**
   * False for a CHECK or FOREIGN KEY declared NOT ENFORCED (PG 18, `conenforced`); true for every
   * other constraint and on every earlier version.
   */
  readonly enforced: boolean;
  /** False when the constraint exists only because a parent (partition/inheritance) has it. */
  readonly isLocal: boolean;
  readonly noInherit: boolean;
  readonly comment: string | null;
}

export interface PrimaryKeyConstraint extends ConstraintBase {
  readonly kind: "primary_key";
  readonly columns: readonly string[];
  /** The index that backs it (index id). */
  readonly index: string;
}

export interface UniqueConstraint extends ConstraintBase {
  readonly kind: "unique";
  readonly columns: readonly string[];
  readonly index: string;
  readonly nullsNotDistinct: boolean;
}

export interface CheckConstraint extends ConstraintBase {
  readonly kind: "check";
  /** The boolean expression, without `CHECK (…)`. */
  readonly expression: string;
}

export type ReferentialAction = "no action" | "restrict" | "cascade" | "set null" | "set default";

export interface ForeignKeyConstraint extends ConstraintBase {
  readonly kind: "foreign_key";
  readonly columns: readonly string[];
  /** Referenced table id. */
  readonly referencedTable: string;
  readonly referencedColumns: readonly string[];
  readonly match: "simple" | "full" | "partial";
  readonly onUpdate: ReferentialAction;
  readonly onDelete: ReferentialAction;
}

export interface ExcludeConstraint extends ConstraintBase {
  readonly kind: "exclude";
  readonly index: string;
}

/** PG 18: NOT NULL constraints are catalogued with names. Earlier versions: never produced. */
export interface NotNullConstraint extends ConstraintBase {
  readonly kind: "not_null";
  readonly column: string;
}

export type Constraint =
  | PrimaryKeyConstraint
  | UniqueConstraint
  | CheckConstraint
  | ForeignKeyConstraint
  | ExcludeConstraint
  | NotNullConstraint;
