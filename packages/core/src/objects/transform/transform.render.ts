import { quoteIdent } from "../../sql/quote.js";
import type { ProcedureRef } from "../operator/operator.model.js";
import { relationName } from "../sql.js";
import type { Transform } from "./transform.model.js";

/** `FOR type LANGUAGE lang`: how DROP and COMMENT name a transform (the type is format_type text). */
export function transformSignature(transform: Transform): string {
  return `FOR ${transform.type} LANGUAGE ${quoteIdent(transform.language)}`;
}

/** A transform function: its one argument is always `internal`. */
const fn = (ref: ProcedureRef) => `${relationName(ref.schema, ref.name)}(internal)`;

/**
 * `CREATE [OR REPLACE] TRANSFORM FOR type LANGUAGE lang (FROM SQL WITH FUNCTION f(internal)
 * [, TO SQL WITH FUNCTION g(internal)]);` — `OR REPLACE` keeps the transform (its oid, its comment
 * and the functions declared `TRANSFORM FOR TYPE` on it) and sets both functions, the one left out
 * to none (PostgreSQL 9.5+, so every supported major).
 * https://www.postgresql.org/docs/current/sql-createtransform.html
 */
export function renderCreateTransform(transform: Transform, replace = false): string {
  const functions = [
    ...(transform.fromSql ? [`FROM SQL WITH FUNCTION ${fn(transform.fromSql)}`] : []),
    ...(transform.toSql ? [`TO SQL WITH FUNCTION ${fn(transform.toSql)}`] : []),
  ];
  return `CREATE ${replace ? "OR REPLACE " : ""}TRANSFORM ${transformSignature(transform)} (${functions.join(", ")});`;
}

/**
 * `DROP TRANSFORM FOR type LANGUAGE lang;`
 * https://www.postgresql.org/docs/current/sql-droptransform.html
 */
export function renderDropTransform(transform: Transform): string {
  return `DROP TRANSFORM ${transformSignature(transform)};`;
}
