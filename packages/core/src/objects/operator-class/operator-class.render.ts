import { quoteIdent } from "../../sql/quote.js";
import { functionItem, operatorItem, usingName } from "../operator-family/operator-family.render.js";
import { relationName } from "../sql.js";
import type { OperatorClass } from "./operator-class.model.js";

/**
 * `CREATE OPERATOR CLASS name [DEFAULT] FOR TYPE type USING method FAMILY family AS OPERATOR …,
 * FUNCTION …, STORAGE type;` — the family always named (the one PostgreSQL would make is a family
 * of the state, created first). PostgreSQL wants one item at least: a class whose members are all
 * its family's says `STORAGE` of its own type, which stores nothing.
 * https://www.postgresql.org/docs/current/sql-createopclass.html
 */
export function renderCreateOperatorClass(opclass: OperatorClass): string {
  const items = [
    ...opclass.operators.map(operatorItem),
    ...opclass.functions.map(functionItem),
    ...(opclass.storage !== null ? [`STORAGE ${opclass.storage}`] : []),
  ];
  if (items.length === 0) items.push(`STORAGE ${opclass.type}`);
  const family = relationName(opclass.family.schema, opclass.family.name);
  return `CREATE OPERATOR CLASS ${relationName(opclass.schema, opclass.name)}${opclass.isDefault ? " DEFAULT" : ""} FOR TYPE ${opclass.type} USING ${quoteIdent(opclass.method)} FAMILY ${family} AS ${items.join(", ")};`;
}

/**
 * `DROP OPERATOR CLASS name USING method;`
 * https://www.postgresql.org/docs/current/sql-dropopclass.html
 */
export function renderDropOperatorClass(opclass: OperatorClass): string {
  return `DROP OPERATOR CLASS ${usingName(opclass)};`;
}
