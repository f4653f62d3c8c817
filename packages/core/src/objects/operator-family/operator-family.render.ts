import { quoteIdent } from "../../sql/quote.js";
import { operatorName } from "../operator/operator.render.js";
import { relationName } from "../sql.js";
import type { FunctionMember, OperatorFamily, OperatorMember } from "./operator-family.model.js";

/** `name USING method`: how every statement about a family or class names it. */
export function usingName(object: {
  readonly schema: string;
  readonly name: string;
  readonly method: string;
}): string {
  return `${relationName(object.schema, object.name)} USING ${quoteIdent(object.method)}`;
}

/** `OPERATOR 1 <<< (integer, integer) [FOR ORDER BY family]`: an operator as CREATE CLASS and ADD list it. */
export function operatorItem(member: OperatorMember): string {
  const orderBy = member.orderBy
    ? ` FOR ORDER BY ${relationName(member.orderBy.schema, member.orderBy.name)}`
    : "";
  return `OPERATOR ${member.strategy} ${operatorName(member.operator.schema, member.operator.name)} (${member.leftType}, ${member.rightType})${orderBy}`;
}

/**
 * `FUNCTION 1 (integer, integer) public.abs_cmp(integer,integer)`: the operand types are always
 * written — their defaults differ by index method, and written out they are stored as read.
 */
export function functionItem(member: FunctionMember): string {
  return `FUNCTION ${member.number} (${member.leftType}, ${member.rightType}) ${member.function}`;
}

/** A member as `ALTER OPERATOR FAMILY … DROP` names it: its number and operand types. */
function dropItem(
  keyword: "OPERATOR" | "FUNCTION",
  number: number,
  member: { readonly leftType: string; readonly rightType: string },
): string {
  return `${keyword} ${number} (${member.leftType}, ${member.rightType})`;
}

/**
 * `CREATE OPERATOR FAMILY name USING method;`, then its loose members added.
 * https://www.postgresql.org/docs/current/sql-createopfamily.html
 */
export function renderCreateOperatorFamily(family: OperatorFamily): readonly string[] {
  return [
    `CREATE OPERATOR FAMILY ${usingName(family)};`,
    ...renderAddMembers(family, family.operators, family.functions),
  ];
}

/**
 * `DROP OPERATOR FAMILY name USING method;`
 * https://www.postgresql.org/docs/current/sql-dropopfamily.html
 */
export function renderDropOperatorFamily(family: OperatorFamily): string {
  return `DROP OPERATOR FAMILY ${usingName(family)};`;
}

/**
 * `ALTER OPERATOR FAMILY name USING method ADD OPERATOR …, FUNCTION …;` (none when the lists are empty).
 * https://www.postgresql.org/docs/current/sql-alteropfamily.html
 */
export function renderAddMembers(
  family: OperatorFamily,
  operators: readonly OperatorMember[],
  functions: readonly FunctionMember[],
): readonly string[] {
  const items = [...operators.map(operatorItem), ...functions.map(functionItem)];
  return items.length === 0 ? [] : [`ALTER OPERATOR FAMILY ${usingName(family)} ADD ${items.join(", ")};`];
}

/**
 * `ALTER OPERATOR FAMILY name USING method DROP OPERATOR 1 (t, t), FUNCTION 1 (t, t);`
 * https://www.postgresql.org/docs/current/sql-alteropfamily.html
 */
export function renderDropMembers(
  family: OperatorFamily,
  operators: readonly OperatorMember[],
  functions: readonly FunctionMember[],
): readonly string[] {
  const items = [
    ...operators.map((member) => dropItem("OPERATOR", member.strategy, member)),
    ...functions.map((member) => dropItem("FUNCTION", member.number, member)),
  ];
  return items.length === 0 ? [] : [`ALTER OPERATOR FAMILY ${usingName(family)} DROP ${items.join(", ")};`];
}

/** A member's key in its family: pg_amop's and pg_amproc's unique (number, left type, right type). */
export function memberKey(
  number: number,
  member: { readonly leftType: string; readonly rightType: string },
): string {
  return `${number}\u0000${member.leftType}\u0000${member.rightType}`;
}
