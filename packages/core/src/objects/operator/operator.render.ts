import { PgFluxError } from "../../errors.js";
import { quoteIdent } from "../../sql/quote.js";
import { relationName } from "../sql.js";
import type { Operator, OperatorRef, ProcedureRef } from "./operator.model.js";

/** The characters an operator name is made of (PostgreSQL "Lexical Structure: Operators"). */
const OPERATOR_NAME = /^[+\-*/<>=~!@#%^&|`?]{1,63}$/;

/**
 * An operator's name as SQL writes it: not quoted (operators cannot be), so checked to be one —
 * public unqualified, others `schema.op` (objects/sql.ts).
 */
export function operatorName(schema: string, name: string): string {
  if (!OPERATOR_NAME.test(name))
    throw new PgFluxError(`"${name}" is not an operator name`, {
      code: "invalid_input",
      hint: "an operator name is made of + - * / < > = ~ ! @ # % ^ & | ` ?",
    });
  return schema === "public" ? name : `${quoteIdent(schema)}.${name}`;
}

/** `OPERATOR(schema.op)`: an operator named where an expression could follow (COMMUTATOR, NEGATOR). */
function operatorRef(ref: OperatorRef): string {
  return `OPERATOR(${quoteIdent(ref.schema)}.${operatorName("public", ref.name)})`;
}

function procedureName(ref: ProcedureRef): string {
  return relationName(ref.schema, ref.name);
}

/** `public.~<< (text, text)`, `-! (NONE, integer)`: how DROP, ALTER and COMMENT name it. */
export function operatorSignature(operator: Operator): string {
  return `${operatorName(operator.schema, operator.name)} (${operator.leftType ?? "NONE"}, ${operator.rightType})`;
}

/**
 * `CREATE OPERATOR name (FUNCTION = f, LEFTARG = t, RIGHTARG = t, COMMUTATOR = …, NEGATOR = …,
 * RESTRICT = f, JOIN = f, HASHES, MERGES);`
 * https://www.postgresql.org/docs/current/sql-createoperator.html
 */
export function renderCreateOperator(operator: Operator): string {
  const options = [
    `FUNCTION = ${procedureName(operator.function)}`,
    ...(operator.leftType === null ? [] : [`LEFTARG = ${operator.leftType}`]),
    `RIGHTARG = ${operator.rightType}`,
    ...(operator.commutator ? [`COMMUTATOR = ${operatorRef(operator.commutator)}`] : []),
    ...(operator.negator ? [`NEGATOR = ${operatorRef(operator.negator)}`] : []),
    ...(operator.restrict ? [`RESTRICT = ${procedureName(operator.restrict)}`] : []),
    ...(operator.join ? [`JOIN = ${procedureName(operator.join)}`] : []),
    ...(operator.hashes ? ["HASHES"] : []),
    ...(operator.merges ? ["MERGES"] : []),
  ];
  return `CREATE OPERATOR ${operatorName(operator.schema, operator.name)} (${options.join(", ")});`;
}

/**
 * `DROP OPERATOR name (left, right);`
 * https://www.postgresql.org/docs/current/sql-dropoperator.html
 */
export function renderDropOperator(operator: Operator): string {
  return `DROP OPERATOR ${operatorSignature(operator)};`;
}

/**
 * `ALTER OPERATOR name (left, right) SET (RESTRICT = f | NONE, JOIN = f | NONE);` — the estimators,
 * the one part of an operator PostgreSQL 14–16 can change in place.
 * https://www.postgresql.org/docs/current/sql-alteroperator.html
 */
export function renderAlterOperatorEstimators(operator: Operator): string {
  const estimator = (ref: ProcedureRef | null) => (ref === null ? "NONE" : procedureName(ref));
  return `ALTER OPERATOR ${operatorSignature(operator)} SET (RESTRICT = ${estimator(operator.restrict)}, JOIN = ${estimator(operator.join)});`;
}
