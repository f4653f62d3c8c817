import { quoteIdent } from "../../sql/quote.js";
import { relationName } from "../sql.js";
import type { AccessMethod } from "./access-method.model.js";

/**
 * `CREATE ACCESS METHOD name TYPE INDEX | TABLE HANDLER handler_function;`
 * https://www.postgresql.org/docs/current/sql-create-access-method.html
 */
export function renderCreateAccessMethod(method: AccessMethod): string {
  const handler = relationName(method.handler.schema, method.handler.name);
  return `CREATE ACCESS METHOD ${quoteIdent(method.name)} TYPE ${method.type.toUpperCase()} HANDLER ${handler};`;
}

/**
 * `DROP ACCESS METHOD name;`
 * https://www.postgresql.org/docs/current/sql-drop-access-method.html
 */
export function renderDropAccessMethod(method: AccessMethod): string {
  return `DROP ACCESS METHOD ${quoteIdent(method.name)};`;
}
