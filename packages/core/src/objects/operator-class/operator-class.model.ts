import { encodeId } from "../../model/ids.js";
import type { FunctionMember, OperatorMember, SchemaName } from "../operator-family/operator-family.model.js";

/**
 * `CREATE OPERATOR CLASS`: identified by schema, name and index method. `type` is its `FOR TYPE`
 * (the server's `format_type` text, user types qualified), `storage` its `STORAGE` type (null when
 * it stores the input type). It lives in `family` (PostgreSQL makes one of its own name when
 * `FAMILY` is left out; the model always has it, as a family of the state or a built-in one).
 * `operators` and `functions` are the members bound to the class, dropped with it; members bound
 * to the family are the family's.
 */
export interface OperatorClass {
  readonly kind: "operator_class";
  readonly id: string;
  readonly schema: string;
  readonly name: string;
  readonly method: string;
  readonly type: string;
  readonly isDefault: boolean;
  readonly family: SchemaName;
  readonly storage: string | null;
  readonly operators: readonly OperatorMember[];
  readonly functions: readonly FunctionMember[];
  readonly owner: string;
  readonly comment: string | null;
}

/** `operator_class:public.abs_ops(btree)`: schema and name, the index method in parentheses. */
export function operatorClassId(schema: string, name: string, method: string): string {
  return encodeId("operator_class", [schema, name], method);
}
