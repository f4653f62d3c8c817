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
  /** The kind of the type being replaced (DROP DOMAIN cannot drop an enum that becomes a domain). */
  readonly currentKind: TypeDefinition["kind"];
  readonly tempName: string;
  readonly columns: readonly ConvertedColumn[];
  /** Why the type cannot be altered in place, for the hazard text. */
  readonly reason: string;
  /** Set when converting the columns can fail on existing rows (a removed enum value). */
  readonly dataLoss: string | null;
}

/** A name pair: the current one and the desired one. */
export interface Renamed {
  readonly from: string;
  readonly to: string;
}

/**
 * A `@renamed` hint on a type: `ALTER TYPE … SET SCHEMA` when the schema changes, then `ALTER TYPE …
 * RENAME TO`. The type keeps its oid, so columns, domains, composites, ranges and routines using it
 * follow without being touched. What PostgreSQL leaves behind under the old name goes along: a
 * range's multirange, a domain's checks named after it (`<old>_check`).
 */
export interface RenameType extends ChangeBase {
  readonly kind: "rename_type";
  /** The type as it is before the rename (schema renames applied): its kind says TYPE or DOMAIN. */
  readonly type: TypeDefinition;
  readonly to: { readonly schema: string; readonly name: string };
  /** A range's multirange, when its name changes or the range moves to another schema. */
  readonly multirange: Renamed | null;
  /** A domain's checks whose name changes with the domain's. */
  readonly checks: readonly Renamed[];
}

export type TypeChange = CreateType | DropType | RecreateType | RenameType;
