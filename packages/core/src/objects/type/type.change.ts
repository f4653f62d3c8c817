import type { ChangeBase, TableRef } from "../../diff/change-base.js";
import type { TypeDefinition } from "../../model/state.js";

/** `CREATE TYPE` / `CREATE DOMAIN` of any user type kind (enum, composite, domain, range). */
export interface CreateType extends ChangeBase {
  readonly kind: "create_type";
  readonly type: TypeDefinition;
}

export interface DropType extends ChangeBase {
  readonly kind: "drop_type";
  readonly type: TypeDefinition;
}

/** A column switched from the old type to its replacement during a recreate. */
export interface ConvertedColumn {
  readonly table: TableRef;
  readonly column: string;
  /** `[]` per array dimension of the column (`status[]`). */
  readonly arraySuffix: string;
  /** The current default: dropped first, it references the old type. */
  readonly currentDefault: string | null;
  /** The desired default: set again once the new type carries the old name. */
  readonly desiredDefault: string | null;
}

/**
 * The recreate-the-type path, for changes PostgreSQL cannot make in place (an enum value removed or
 * reordered, a domain's base type, a range's definition): create the desired type under a temporary
 * name, switch every column over with `USING`, drop the old type, give the new one the old name.
 */
export interface RecreateType extends ChangeBase {
  readonly kind: "recreate_type";
  /** The desired type. */
  readonly type: TypeDefinition;
  readonly tempName: string;
  readonly columns: readonly ConvertedColumn[];
  /** Why the type cannot be altered in place, for the hazard text. */
  readonly reason: string;
  /** Set when converting the columns can fail on existing rows (a removed enum value). */
  readonly dataLoss: string | null;
}

export type TypeChange = CreateType | DropType | RecreateType;
