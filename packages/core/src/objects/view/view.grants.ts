import type { Privilege } from "../../model/state.js";
import { quoteIdent } from "../../sql/quote.js";
import { aclDelta } from "../privilege/privilege.diff.js";

/**
 * Grants of an object this plan drops and creates again.
 *
 * Contract with the privileges kind: it diffs GRANT/REVOKE for objects that exist on both sides
 * (and for new objects). When one of these kinds *recreates* an object that exists on both sides,
 * the privileges differ sees nothing to do (current and desired grants are equal) although the
 * DROP took the grants along, so the recreate steps re-emit every desired grant right after the
 * CREATE, in the same transaction. GRANT is idempotent, so a privileges change on the same object
 * that also grants is harmless, and its REVOKEs run against what these statements restored.
 */
export interface GrantTarget {
  /** What follows `ON`: `TABLE active_users`, `FUNCTION f(integer)`. */
  readonly object: string;
  /**
   * What the object gets on creation (`creationAcl`: PostgreSQL's built-in defaults, EXECUTE to
   * PUBLIC for routines, then the creating role's default privileges). The inspector lists them
   * explicitly, so one missing from the desired list is revoked after the CREATE.
   */
  readonly defaults: readonly Privilege[];
}

function grantee(name: string): string {
  return name === "PUBLIC" ? "PUBLIC" : quoteIdent(name);
}

/**
 * `GRANT priv[, …] ON object TO grantee [WITH GRANT OPTION];` one per grantee and grant option,
 * grantees sorted, then `REVOKE [GRANT OPTION FOR] … FROM …;` for what the creation ACL gives that
 * the desired state does not hold.
 * https://www.postgresql.org/docs/current/sql-grant.html
 * https://www.postgresql.org/docs/current/sql-revoke.html
 */
export function renderGrants(target: GrantTarget, privileges: readonly Privilege[]): readonly string[] {
  const delta = aclDelta(target.defaults, privileges);
  const on = `ON ${target.object}`;
  const grants = delta.flatMap((d) => [
    ...(d.grant.length ? [`GRANT ${d.grant.join(", ")} ${on} TO ${grantee(d.grantee)};`] : []),
    ...(d.grantWithOption.length
      ? [`GRANT ${d.grantWithOption.join(", ")} ${on} TO ${grantee(d.grantee)} WITH GRANT OPTION;`]
      : []),
  ]);
  const revokes = delta.flatMap((d) => [
    ...(d.revoke.length ? [`REVOKE ${d.revoke.join(", ")} ${on} FROM ${grantee(d.grantee)};`] : []),
    ...(d.revokeOption.length
      ? [`REVOKE GRANT OPTION FOR ${d.revokeOption.join(", ")} ${on} FROM ${grantee(d.grantee)};`]
      : []),
  ]);
  return [...grants, ...revokes];
}
