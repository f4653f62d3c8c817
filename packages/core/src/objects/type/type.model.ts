import type { Privilege } from "../privilege/privilege.model.js";

interface TypeBase {
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  readonly owner: string;
  readonly comment: string | null;
  readonly privileges: readonly Privilege[];
}

export interface EnumType extends TypeBase {
  readonly kind: "enum";
  /** In sort order. */
  readonly labels: readonly string[];
}

export interface CompositeType extends TypeBase {
  readonly kind: "composite";
  readonly attributes: readonly {
    readonly name: string;
    readonly type: string;
    readonly collation: string | null;
  }[];
}

export interface DomainType extends TypeBase {
  readonly kind: "domain";
  readonly baseType: string;
  readonly default: string | null;
  readonly notNull: boolean;
  readonly collation: string | null;
  readonly checks: readonly {
    readonly name: string;
    readonly expression: string;
    readonly validated: boolean;
  }[];
}

export interface RangeType extends TypeBase {
  readonly kind: "range";
  readonly subtype: string;
  readonly subtypeOpclass: string | null;
  readonly collation: string | null;
  readonly canonical: string | null;
  readonly subtypeDiff: string | null;
  readonly multirangeName: string | null;
}

export type TypeDefinition = EnumType | CompositeType | DomainType | RangeType;
