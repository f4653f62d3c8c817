import { encodeId } from "../../model/ids.js";
import type { ProcedureRef } from "../operator/operator.model.js";

/** A text search parser, template or dictionary named by schema and name (`pg_catalog.simple`). */
export interface TextSearchRef {
  readonly schema: string;
  readonly name: string;
}

/**
 * `CREATE TEXT SEARCH PARSER`: five functions (by name: their arguments are fixed by PostgreSQL),
 * no owner (superusers create them), a comment. PostgreSQL has no ALTER for its functions.
 */
export interface TextSearchParser {
  readonly kind: "text_search_parser";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  readonly start: ProcedureRef;
  readonly gettoken: ProcedureRef;
  readonly end: ProcedureRef;
  readonly lextypes: ProcedureRef;
  readonly headline: ProcedureRef | null;
  /** The ids of those functions that are routines of the state (user functions): created first. */
  readonly functionIds: readonly string[];
  readonly comment: string | null;
}

/** `text_search_parser:public.words`. */
export function textSearchParserId(schema: string, name: string): string {
  return encodeId("text_search_parser", [schema, name]);
}
