import { encodeId } from "../../model/ids.js";

/** An object named by schema and name (an operator, a sort family). */
export interface SchemaName {
  readonly schema: string;
  readonly name: string;
}

/**
 * One operator of an operator family or class (pg_amop): its strategy number and operand types
 * (the operator's own argument types), the operator by schema and name, and `FOR ORDER BY` its
 * sort family (a btree family) — null for `FOR SEARCH`. Types are the server's `format_type` text.
 */
export interface OperatorMember {
  readonly strategy: number;
  readonly leftType: string;
  readonly rightType: string;
  readonly operator: SchemaName;
  /** The operator's id when it is an operator of the state (its CREATE comes first), else null. */
  readonly operatorId: string | null;
  readonly orderBy: SchemaName | null;
}

/** One support function of an operator family or class (pg_amproc). */
export interface FunctionMember {
  readonly number: number;
  readonly leftType: string;
  readonly rightType: string;
  /** `amproc::regprocedure` text: `public.abs_cmp(integer,integer)`, built-ins unqualified. */
  readonly function: string;
  /** The function's id when it is a routine of the state, else null. */
  readonly functionId: string | null;
}

/**
 * `CREATE OPERATOR FAMILY`: identified by schema, name and index method. `operators` and
 * `functions` are its loose members — those added by `ALTER OPERATOR FAMILY … ADD`, or by a
 * class's CREATE but bound to the family (a btree class's cross-type operators); the members bound
 * to a class are the class's. Sorted by strategy (number), then operand types.
 */
export interface OperatorFamily {
  readonly kind: "operator_family";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  readonly method: string;
  readonly operators: readonly OperatorMember[];
  readonly functions: readonly FunctionMember[];
  readonly owner: string;
  readonly comment: string | null;
}

/** `operator_family:public.abs_ops(btree)`: schema and name, the index method in parentheses. */
export function operatorFamilyId(schema: string, name: string, method: string): string {
  return encodeId("operator_family", [schema, name], method);
}

/** The ids a member's SQL names: its operator or function when they are objects of the state. */
export function memberRequires(
  operators: readonly OperatorMember[],
  functions: readonly FunctionMember[],
): readonly string[] {
  return [
    ...operators.flatMap((member) => [
      ...(member.operatorId ? [member.operatorId] : []),
      ...(member.orderBy && member.orderBy.schema !== "pg_catalog"
        ? [operatorFamilyId(member.orderBy.schema, member.orderBy.name, "btree")]
        : []),
    ]),
    ...functions.flatMap((member) => (member.functionId ? [member.functionId] : [])),
  ];
}
