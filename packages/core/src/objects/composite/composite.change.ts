import type { ChangeBase } from "../../diff/change-base.js";
import type { TypeRef } from "../enum/enum.change.js";
import type { Attribute } from "./composite.render.js";

/** `ALTER TYPE … {ADD|DROP|ALTER} ATTRIBUTE`: composite types change in place. */
export interface AlterCompositeAttribute extends ChangeBase {
  readonly kind: "alter_composite_attribute";
  readonly type: TypeRef;
  readonly action: "add" | "drop" | "alter";
  readonly attribute: Attribute;
}

export type CompositeChange = AlterCompositeAttribute;
