import { encodeId } from "../../model/ids.js";
import type { ProcedureRef } from "../operator/operator.model.js";

/**
 * `CREATE TRANSFORM FOR type LANGUAGE lang (FROM SQL WITH FUNCTION f(internal), TO SQL WITH FUNCTION
 * g(internal))`: how a procedural language converts values of a type. Identified by its type (the
 * server's `format_type` text, user types qualified) and its language; it belongs to the database,
 * with no schema and no owner. `schemas` are those of its type and functions (built-ins left out),
 * which decide whether a `--schemas` filter keeps it.
 */
export interface Transform {
  readonly kind: "transform";
  readonly id: string;
  readonly type: string;
  readonly language: string;
  /** `FROM SQL WITH FUNCTION` (type → language; takes and returns `internal`), or null. */
  readonly fromSql: ProcedureRef | null;
  /** `TO SQL WITH FUNCTION` (language → type; takes `internal`, returns the type), or null. */
  readonly toSql: ProcedureRef | null;
  /** The ids of those functions that are routines of the state (user functions), sorted: created first. */
  readonly functionIds: readonly string[];
  /** Schemas of its type and functions, sorted, built-ins left out. */
  readonly schemas: readonly string[];
  readonly comment: string | null;
}

/** `transform:integer.plpython3u`: its type's text and its language. */
export function transformId(type: string, language: string): string {
  return encodeId("transform", [type, language]);
}
