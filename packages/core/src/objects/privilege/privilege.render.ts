import { quoteIdent } from "../../sql/quote.js";
import { renderObjectTarget } from "../object-target.render.js";
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
    case "table":
    case "view":
    case "materialized_view":
    case "foreign_table":
      return `TABLE ${relationName(target.schema, target.name)}`;
    case "column":
      return `TABLE ${relationName(target.schema, target.table)}`;
    case "routine":
      return `${target.routine === "procedure" ? "PROCEDURE" : "FUNCTION"} ${routine(target)}`;
    case "named":
      return target.grant ?? target.sql;
    default:
      // Named as COMMENT and OWNER name them. Event triggers, statistics and collations carry no
      // ACL: they are here for ALTER … OWNER TO (objects/owner).
      return renderObjectTarget(target);
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
