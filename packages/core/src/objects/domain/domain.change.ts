import type { ChangeBase } from "../../diff/change-base.js";
import type { TypeRef } from "../enum/enum.change.js";
import type { DomainCheck } from "./domain.render.js";

export interface SetDomainDefault extends ChangeBase {
  readonly kind: "set_domain_default";
  readonly domain: TypeRef;
  /** Null: DROP DEFAULT. */
  readonly default: string | null;
}

export interface SetDomainNotNull extends ChangeBase {
  readonly kind: "set_domain_not_null";
  readonly domain: TypeRef;
  readonly notNull: boolean;
}

/**
 * A CHECK added to a domain. On a domain that exists already every column using it is scanned, so
 * with `autoNotValid` it is added NOT VALID and validated in autocommit (the FK pattern). `validated`
 * false keeps it NOT VALID (the desired state says so).
 */
export interface AddDomainConstraint extends ChangeBase {
  readonly kind: "add_domain_constraint";
  readonly domain: TypeRef;
  readonly check: DomainCheck;
  /** The domain is created in the same plan: nothing to scan, no NOT VALID needed. */
  readonly newDomain: boolean;
}

export interface DropDomainConstraint extends ChangeBase {
  readonly kind: "drop_domain_constraint";
  readonly domain: TypeRef;
  readonly constraint: string;
}

/** A NOT VALID check that the desired state has validated. */
export interface ValidateDomainConstraint extends ChangeBase {
  readonly kind: "validate_domain_constraint";
  readonly domain: TypeRef;
  readonly constraint: string;
}

export type DomainChange =
  | SetDomainDefault
  | SetDomainNotNull
  | AddDomainConstraint
  | DropDomainConstraint
  | ValidateDomainConstraint;
