import type { ChangeBase } from "../../diff/change-base.js";

/**
 * What a COMMENT ON names. One shared change kind serves every object kind; a new kind adds its
 * target here and a case in comment.render.ts (the switch there is exhaustive).
 */
export type CommentTarget =
  | { readonly kind: "schema"; readonly name: string }
  | { readonly kind: "extension"; readonly name: string }
  | { readonly kind: "sequence"; readonly schema: string; readonly name: string }
  | { readonly kind: "table"; readonly schema: string; readonly name: string }
  | { readonly kind: "column"; readonly schema: string; readonly table: string; readonly name: string }
  | { readonly kind: "constraint"; readonly schema: string; readonly table: string; readonly name: string }
  | { readonly kind: "index"; readonly schema: string; readonly name: string }
  | { readonly kind: "type"; readonly domain: boolean; readonly schema: string; readonly name: string }
  | { readonly kind: "policy"; readonly schema: string; readonly table: string; readonly name: string }
  | { readonly kind: "view"; readonly schema: string; readonly name: string }
  | { readonly kind: "materialized_view"; readonly schema: string; readonly name: string }
  | {
      readonly kind: "routine";
      readonly routine: "function" | "procedure" | "aggregate";
      readonly schema: string;
      readonly name: string;
      readonly arguments: string;
    }
  | { readonly kind: "trigger"; readonly schema: string; readonly table: string; readonly name: string }
  | { readonly kind: "event_trigger"; readonly name: string };

export interface SetComment extends ChangeBase {
  readonly kind: "set_comment";
  readonly target: CommentTarget;
  /** Null removes the comment. */
  readonly comment: string | null;
}

export type CommentChange = SetComment;
