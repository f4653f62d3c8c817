import { encodeId } from "../../model/ids.js";

/** An operator named by schema and name (`COMMUTATOR`, `NEGATOR`). */
export interface OperatorRef {
  readonly schema: string;
  readonly name: string;
}

/** A function named by schema and name (`FUNCTION`, `RESTRICT`, `JOIN`). */
export interface ProcedureRef {
  readonly schema: string;
  readonly name: string;
}

/**
 * `CREATE OPERATOR`: identified by schema, name and argument types (a prefix operator has no left
 * argument; PostgreSQL 14 removed postfix ones). Types are the server's `format_type` text, user
 * types qualified (`public.email`). Shell operators (made by a COMMUTATOR or NEGATOR that names an
 * operator not yet defined) are not objects of their own.
 */
export interface Operator {
  readonly kind: "operator";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  /** null for a prefix operator (`LEFTARG` omitted, `NONE` in its signature). */
  readonly leftType: string | null;
  readonly rightType: string;
  readonly function: ProcedureRef;
  /**
   * The id of `function` when it is a routine of the state (a user function); null for a built-in.
   * Its CREATE needs it first.
   */
  readonly functionId: string | null;
  readonly commutator: OperatorRef | null;
  readonly negator: OperatorRef | null;
  readonly restrict: ProcedureRef | null;
  readonly join: ProcedureRef | null;
  readonly hashes: boolean;
  readonly merges: boolean;
  readonly owner: string;
  readonly comment: string | null;
}

/** `operator:public.~<<(text, text)`; `NONE` for a prefix operator's left argument, as PostgreSQL writes it. */
export function operatorId(schema: string, name: string, leftType: string | null, rightType: string): string {
  return encodeId("operator", [schema, name], `${leftType ?? "NONE"}, ${rightType}`);
}
