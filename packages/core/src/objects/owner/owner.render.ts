import { quoteIdent } from "../../sql/quote.js";
import { relationName } from "../sql.js";
import type { OwnedTarget } from "./owner.change.js";

function objectOf(target: OwnedTarget): string {
  switch (target.kind) {
    case "schema":
      return `SCHEMA ${quoteIdent(target.name)}`;
    case "table":
      return `TABLE ${relationName(target.schema, target.name)}`;
    case "sequence":
      return `SEQUENCE ${relationName(target.schema, target.name)}`;
    case "view":
      return `VIEW ${relationName(target.schema, target.name)}`;
    case "materialized_view":
      return `MATERIALIZED VIEW ${relationName(target.schema, target.name)}`;
    case "routine": {
      const args = target.routine === "aggregate" && target.arguments === "" ? "*" : target.arguments;
      return `${target.routine.toUpperCase()} ${relationName(target.schema, target.name)}(${args})`;
    }
    case "type":
      return `${target.domain ? "DOMAIN" : "TYPE"} ${relationName(target.schema, target.name)}`;
    case "event_trigger":
      return `EVENT TRIGGER ${quoteIdent(target.name)}`;
    case "statistics":
      return `STATISTICS ${relationName(target.schema, target.name)}`;
    case "collation":
      return `COLLATION ${relationName(target.schema, target.name)}`;
    default: {
      const _exhaustive: never = target;
      return _exhaustive;
    }
  }
}

/**
 * `ALTER {TABLE|SEQUENCE|VIEW|…} name OWNER TO role;`
 * https://www.postgresql.org/docs/current/sql-altertable.html (and each kind's ALTER page)
 */
export function renderAlterOwner(target: OwnedTarget, owner: string): string {
  return `ALTER ${objectOf(target)} OWNER TO ${quoteIdent(owner)};`;
}
