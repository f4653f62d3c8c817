import { encodeId } from "../../model/ids.js";
import type { ProcedureRef } from "../operator/operator.model.js";

/**
 * `CREATE TEXT SEARCH TEMPLATE`: an optional INIT and a LEXIZE function (by name: their arguments are
 * fixed), no owner (superusers create them), a comment. PostgreSQL has no ALTER for its functions.
 */
export interface TextSearchTemplate {
  readonly kind: "text_search_template";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  readonly init: ProcedureRef | null;
  readonly lexize: ProcedureRef;
  /** The ids of those functions that are routines of the state (user functions): created first. */
  readonly functionIds: readonly string[];
  readonly comment: string | null;
}

/** `text_search_template:public.simple_words`. */
export function textSearchTemplateId(schema: string, name: string): string {
  return encodeId("text_search_template", [schema, name]);
}
