import { quoteIdent } from "../../sql/quote.js";
import { relationName } from "../sql.js";
import type { AclTarget } from "./privilege.change.js";

/** A role in GRANT/REVOKE: `PUBLIC` is the keyword, every other name an identifier. */
export function roleName(role: string): string {
  return role === "PUBLIC" ? "PUBLIC" : quoteIdent(role);
}

/** `name(args)` of a function, procedure or aggregate. */
function routine(target: {
  readonly schema: string;
  readonly name: string;
  readonly arguments: string;
}): string {
  return `${relationName(target.schema, target.name)}(${target.arguments})`;
}

/**
 * The object part of GRANT/REVOKE: `TABLE t` (views and materialized views are tables to GRANT),
 * `SEQUENCE s`, `SCHEMA s`, `FUNCTION f(args)` (aggregates too), `PROCEDURE p(args)`, `TYPE t`,
 * `DOMAIN d`; a column privilege names its column list before ON (see renderGrant).
 */
export function aclObject(target: AclTarget): string {
  switch (target.kind) {
    case "schema":
      return `SCHEMA ${quoteIdent(target.name)}`;
    case "table":
    case "view":
    case "materialized_view":
      return `TABLE ${relationName(target.schema, target.name)}`;
    case "sequence":
      return `SEQUENCE ${relationName(target.schema, target.name)}`;
    case "column":
      return `TABLE ${relationName(target.schema, target.table)}`;
    case "routine":
      return `${target.routine === "procedure" ? "PROCEDURE" : "FUNCTION"} ${routine(target)}`;
    case "type":
      return `${target.domain ? "DOMAIN" : "TYPE"} ${relationName(target.schema, target.name)}`;
    case "event_trigger":
      // Event triggers carry no ACL; the case exists for ALTER … OWNER TO (objects/owner).
      return `EVENT TRIGGER ${quoteIdent(target.name)}`;
    case "statistics":
      // No ACL either; for ALTER STATISTICS … OWNER TO.
      return `STATISTICS ${relationName(target.schema, target.name)}`;
    case "collation":
      // No ACL either; for ALTER COLLATION … OWNER TO.
      return `COLLATION ${relationName(target.schema, target.name)}`;
    default: {
      const _exhaustive: never = target;
      return _exhaustive;
    }
  }
}

function privilegeList(target: AclTarget, privileges: readonly string[]): string {
  const column = target.kind === "column" ? ` (${quoteIdent(target.name)})` : "";
  return privileges.map((p) => `${p}${column}`).join(", ");
}

/**
 * `GRANT SELECT, INSERT ON TABLE t TO role [WITH GRANT OPTION];` — `GRANT SELECT (c) ON TABLE t …`
 * for a column.
 * https://www.postgresql.org/docs/current/sql-grant.html
 */
export function renderGrant(
  target: AclTarget,
  privileges: readonly string[],
  grantee: string,
  grantable: boolean,
): string {
  return `GRANT ${privilegeList(target, privileges)} ON ${aclObject(target)} TO ${roleName(grantee)}${grantable ? " WITH GRANT OPTION" : ""};`;
}

/**
 * `REVOKE [GRANT OPTION FOR] SELECT ON TABLE t FROM role;`
 * https://www.postgresql.org/docs/current/sql-revoke.html
 */
export function renderRevoke(
  target: AclTarget,
  privileges: readonly string[],
  grantee: string,
  grantOptionOnly: boolean,
): string {
  return `REVOKE ${grantOptionOnly ? "GRANT OPTION FOR " : ""}${privilegeList(target, privileges)} ON ${aclObject(target)} FROM ${roleName(grantee)};`;
}
