import type { Privilege } from "../../model/state.js";
import { quoteIdent } from "../../sql/quote.js";

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
   * Privileges PostgreSQL grants on creation (`acldefault`): EXECUTE to PUBLIC for routines, none
   * for relations. The inspector lists them explicitly, so one missing from the desired list is
   * revoked after the CREATE.
   */
  readonly defaults: readonly Privilege[];
}

const ORDER = [
  "SELECT",
  "INSERT",
  "UPDATE",
  "DELETE",
  "TRUNCATE",
  "REFERENCES",
  "TRIGGER",
  "MAINTAIN",
  "USAGE",
  "EXECUTE",
];

function grantee(name: string): string {
  return name === "PUBLIC" ? "PUBLIC" : quoteIdent(name);
}

function rank(privilege: string): number {
  const at = ORDER.indexOf(privilege);
  return at === -1 ? ORDER.length : at;
}

/**
 * `GRANT priv[, …] ON object TO grantee [WITH GRANT OPTION];` one per grantee and grant option,
 * grantees sorted, then `REVOKE … FROM …;` for creation defaults the desired state does not hold.
 * https://www.postgresql.org/docs/current/sql-grant.html
 * https://www.postgresql.org/docs/current/sql-revoke.html
 */
export function renderGrants(target: GrantTarget, privileges: readonly Privilege[]): readonly string[] {
  const holds = (p: Privilege) =>
    privileges.some((q) => q.grantee === p.grantee && q.privilege === p.privilege);
  const isDefault = (p: Privilege) =>
    target.defaults.some((d) => d.grantee === p.grantee && d.privilege === p.privilege && !p.grantable);
  const groups = new Map<string, { grantee: string; grantable: boolean; privileges: string[] }>();
  for (const p of privileges) {
    if (isDefault(p)) continue;
    const key = `${p.grantee}\u0000${p.grantable}`;
    const group = groups.get(key) ?? { grantee: p.grantee, grantable: p.grantable, privileges: [] };
    if (!group.privileges.includes(p.privilege)) group.privileges.push(p.privilege);
    groups.set(key, group);
  }
  const grants = [...groups.values()]
    .sort((a, b) =>
      a.grantee === b.grantee ? Number(a.grantable) - Number(b.grantable) : a.grantee < b.grantee ? -1 : 1,
    )
    .map((g) => {
      const list = [...g.privileges].sort((x, y) => rank(x) - rank(y) || (x < y ? -1 : 1)).join(", ");
      const option = g.grantable ? " WITH GRANT OPTION" : "";
      return `GRANT ${list} ON ${target.object} TO ${grantee(g.grantee)}${option};`;
    });
  const revokes = target.defaults
    .filter((d) => !holds(d))
    .map((d) => `REVOKE ${d.privilege} ON ${target.object} FROM ${grantee(d.grantee)};`);
  return [...grants, ...revokes];
}

/** Routines are created with EXECUTE for PUBLIC. */
export const ROUTINE_DEFAULTS: readonly Privilege[] = [
  { grantee: "PUBLIC", privilege: "EXECUTE", grantable: false },
];
