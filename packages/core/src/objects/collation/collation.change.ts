import type { ChangeBase } from "../../diff/change-base.js";
import type { Collation } from "../../model/state.js";

export interface CreateCollation extends ChangeBase {
  readonly kind: "create_collation";
  readonly collation: Collation;
}

export interface DropCollation extends ChangeBase {
  readonly kind: "drop_collation";
  readonly collation: Collation;
}

/** Provider, locale or determinism changed on a collation nothing uses: DROP + CREATE. */
export interface ReplaceCollation extends ChangeBase {
  readonly kind: "replace_collation";
  readonly from: Collation;
  readonly to: Collation;
}

export type CollationChange = CreateCollation | DropCollation | ReplaceCollation;
