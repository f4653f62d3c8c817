import type { ChangeBase } from "../../diff/change-base.js";
import type { AclTarget } from "../privilege/privilege.change.js";

/** Every owned object kind (columns have no owner). */
export type OwnedTarget = Exclude<AclTarget, { readonly kind: "column" }>;

/**
 * `ALTER … OWNER TO role`. Always produced by the differ; expanded into a step only with the
 * `manageOwners` plan option (see owner.steps.ts for why it is off by default).
 */
export interface AlterOwner extends ChangeBase {
  readonly kind: "alter_owner";
  readonly target: OwnedTarget;
  readonly owner: string;
}

export type OwnerChange = AlterOwner;
