import type { ChangeBase } from "../../diff/change-base.js";
import type { ObjectTarget } from "../object-target.js";

/**
 * What a COMMENT ON names: any kind of object. One shared change kind serves every object kind; a
 * new kind adds its shape to ObjectTarget (objects/object-target.ts) and a case in
 * object-target.render.ts (the switch there is exhaustive; COMMENT, OWNER and GRANT share it).
 */
export type CommentTarget = ObjectTarget;

export interface SetComment extends ChangeBase {
  readonly kind: "set_comment";
  readonly target: CommentTarget;
  /** Null removes the comment. */
  readonly comment: string | null;
}

export type CommentChange = SetComment;
