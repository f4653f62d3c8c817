import { quoteIdent } from "../sql/quote.js";
import { routineSignature } from "./function/function.render.js";
import type { ObjectTarget } from "./object-target.js";
import { relationName } from "./sql.js";

/**
 * How `COMMENT ON` and `ALTER … OWNER TO` name an object: its keyword and its (quoted) name —
 * `TABLE app.users`, `DOMAIN email`, `AGGREGATE total(*)`, `CONSTRAINT c ON t`. GRANT names a few
 * kinds otherwise (privilege.render.ts `aclObject`) and defers to this for the rest.
 */
export function renderObjectTarget(target: ObjectTarget): string {
  switch (target.kind) {
    case "schema":
      return `SCHEMA ${quoteIdent(target.name)}`;
    case "extension":
      return `EXTENSION ${quoteIdent(target.name)}`;
    case "sequence":
      return `SEQUENCE ${relationName(target.schema, target.name)}`;
    case "table":
      return `TABLE ${relationName(target.schema, target.name)}`;
    case "column":
      return `COLUMN ${relationName(target.schema, target.table)}.${quoteIdent(target.name)}`;
    case "constraint":
      return `CONSTRAINT ${quoteIdent(target.name)} ON ${relationName(target.schema, target.table)}`;
    case "index":
      return `INDEX ${relationName(target.schema, target.name)}`;
    case "statistics":
      return `STATISTICS ${relationName(target.schema, target.name)}`;
    case "collation":
      return `COLLATION ${relationName(target.schema, target.name)}`;
    case "type":
      return `${target.domain ? "DOMAIN" : "TYPE"} ${relationName(target.schema, target.name)}`;
    case "policy":
      return `POLICY ${quoteIdent(target.name)} ON ${relationName(target.schema, target.table)}`;
    case "view":
      return `VIEW ${relationName(target.schema, target.name)}`;
    case "foreign_table":
      return `FOREIGN TABLE ${relationName(target.schema, target.name)}`;
    case "materialized_view":
      return `MATERIALIZED VIEW ${relationName(target.schema, target.name)}`;
    case "routine":
      return `${target.routine.toUpperCase()} ${routineSignature(target)}`;
    case "trigger":
      return `TRIGGER ${quoteIdent(target.name)} ON ${relationName(target.schema, target.table)}`;
    case "event_trigger":
      return `EVENT TRIGGER ${quoteIdent(target.name)}`;
    case "named":
      return target.sql;
    default: {
      const _exhaustive: never = target;
      return _exhaustive;
    }
  }
}
