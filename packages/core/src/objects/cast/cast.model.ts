import { encodeId } from "../../model/ids.js";

/**
 * `CREATE CAST`: identified by its source and target types (the server's `format_type` text, user
 * types qualified). Casts belong to the database, not to a schema; `schemas` are those of its types
 * and function (built-ins left out), which decide whether a `--schemas` filter keeps it.
 */
export interface Cast {
  readonly kind: "cast";
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** `WITH FUNCTION`, `WITH INOUT` (through the types' text forms) or `WITHOUT FUNCTION` (binary coercible). */
  readonly method: "function" | "inout" | "binary";
  /** `castfunc::regprocedure` text (`public.pair_text(public.pair)`) when `method` is `function`. */
  readonly function: string | null;
  /** The function's id when it is a routine of the state (its CREATE needs it first), else null. */
  readonly functionId: string | null;
  readonly context: "explicit" | "assignment" | "implicit";
  /** Schemas of its types and function, sorted, built-ins left out. */
  readonly schemas: readonly string[];
  readonly comment: string | null;
}

/** `cast:"public.pair".text`: the source and target types' text. */
export function castId(source: string, target: string): string {
  return encodeId("cast", [source, target]);
}
