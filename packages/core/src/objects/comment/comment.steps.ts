import { PRIORITY } from "../../step/priorities.js";
import { type StepHandlers, txStep } from "../../step/step.js";
import type { CommentChange } from "./comment.change.js";
import { renderComment } from "./comment.render.js";

export const commentSteps: StepHandlers<CommentChange> = {
  set_comment: (change) => [txStep("set_comment", renderComment(change), PRIORITY.COMMENT)],
};
