import type { ChangeBase } from "../../diff/change-base.js";
import type { EnumPlacement } from "./enum.render.js";

export interface TypeRef {
  readonly id: string;
  readonly schema: string;
  readonly name: string;
}

/** `ALTER TYPE … ADD VALUE` with its BEFORE/AFTER placement. */
export interface AddEnumValue extends ChangeBase {
  readonly kind: "add_enum_value";
  readonly type: TypeRef;
  readonly label: string;
  readonly placement: EnumPlacement;
}

/** `ALTER TYPE … RENAME VALUE` (same position with a new label, or a `@renamed-value` hint). */
export interface RenameEnumValue extends ChangeBase {
  readonly kind: "rename_enum_value";
  readonly type: TypeRef;
  readonly from: string;
  readonly to: string;
}

export type EnumChange = AddEnumValue | RenameEnumValue;
