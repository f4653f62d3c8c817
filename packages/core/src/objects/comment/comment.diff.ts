import { deps } from "../../diff/change-base.js";
import type { CommentTarget, SetComment } from "./comment.change.js";

/**
 * The comment change for one object, if its comment differs. `from` is null for objects being
 * created (their comment is set after the CREATE).
 */
export function diffComment(
  objectId: string,
  target: CommentTarget,
  from: string | null,
  to: string | null,
): readonly SetComment[] {
  if (from === to) return [];
  return [{ kind: "set_comment", objectId, target, comment: to, deps: deps({ requires: [objectId] }) }];
}
