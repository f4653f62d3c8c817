import { quoteIdent } from "../../sql/quote.js";
import { renderObjectTarget } from "../object-target.render.js";
import type { OwnedTarget } from "./owner.change.js";

/**
 * `ALTER {TABLE|SEQUENCE|VIEW|…} name OWNER TO role;`
 * https://www.postgresql.org/docs/current/sql-altertable.html (and each kind's ALTER page)
 */
export function renderAlterOwner(target: OwnedTarget, owner: string): string {
  return `ALTER ${renderObjectTarget(target)} OWNER TO ${quoteIdent(owner)};`;
}
