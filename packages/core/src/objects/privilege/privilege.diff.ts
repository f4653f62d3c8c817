import type { Change } from "../../diff/change.js";
import { deps } from "../../diff/change-base.js";
import type { DiffContext } from "../../diff/context.js";
import type { Privilege, Table } from "../../model/state.js";
import { definitionIsRecreated } from "../definition/definition.diff.js";
import { ownedObjects } from "../owner/owned-objects.js";
import { typeIsRecreated } from "../type/type.diff.js";
import { creationAcl } from "./creation-acl.js";
import type { AclTarget, PrivilegeChange } from "./privilege.change.js";

/** The order GRANT's synopsis lists privileges in, so statements read the same every time. */
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
  "CREATE",
  "CONNECT",
  "TEMPORARY",
  "EXECUTE",
  "SET",
  "ALTER SYSTEM",
];
export function sortPrivileges(privileges: readonly string[]): readonly string[] {
  const rank = (p: string) => (ORDER.includes(p) ? ORDER.indexOf(p) : ORDER.length);
  return [...privileges].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Per grantee, what changes between two ACLs (each list in GRANT's order). */
export interface AclDelta {
  readonly grantee: string;
  readonly revoke: readonly string[];
  readonly revokeOption: readonly string[];
  readonly grant: readonly string[];
  readonly grantWithOption: readonly string[];
}

/**
 * What turns `from` into `to`: REVOKE what is gone, REVOKE GRANT OPTION FOR what lost it, GRANT
 * what is new (WITH GRANT OPTION where desired). Grantees sorted.
 */
export function aclDelta(from: readonly Privilege[], to: readonly Privilege[]): readonly AclDelta[] {
  const key = (p: Privilege) => `${p.grantee}\u0000${p.privilege}`;
  const current = new Map(from.map((p) => [key(p), p] as const));
  const desired = new Map(to.map((p) => [key(p), p] as const));
  type Group = { revoke: string[]; revokeOption: string[]; grant: string[]; grantWithOption: string[] };
  const groups = new Map<string, Group>();
  const group = (grantee: string) => {
    let g = groups.get(grantee);
    if (!g) {
      g = { revoke: [], revokeOption: [], grant: [], grantWithOption: [] };
      groups.set(grantee, g);
    }
    return g;
  };
  for (const [k, p] of current) {
    const want = desired.get(k);
    if (!want) group(p.grantee).revoke.push(p.privilege);
    else if (p.grantable && !want.grantable) group(p.grantee).revokeOption.push(p.privilege);
  }
  for (const [k, p] of desired) {
    const have = current.get(k);
    if (!have) (p.grantable ? group(p.grantee).grantWithOption : group(p.grantee).grant).push(p.privilege);
    else if (p.grantable && !have.grantable) group(p.grantee).grantWithOption.push(p.privilege);
  }
  return [...groups.keys()].sort().map((grantee) => {
    const g = groups.get(grantee)!;
    return {
      grantee,
      revoke: sortPrivileges(g.revoke),
      revokeOption: sortPrivileges(g.revokeOption),
      grant: sortPrivileges(g.grant),
      grantWithOption: sortPrivileges(g.grantWithOption),
    };
  });
}

/**
 * The GRANT/REVOKE changes on one object, one statement per grantee and kind. For an object this
 * plan creates, `from` is what it gets on creation (`creationAcl`: the built-in defaults and the
 * creating role's default privileges).
 */
export function diffAcl(
  objectId: string,
  target: AclTarget,
  from: readonly Privilege[],
  to: readonly Privilege[],
  requires: readonly string[] = [objectId],
): readonly PrivilegeChange[] {
  const on = deps({ requires });
  const changes: PrivilegeChange[] = [];
  for (const d of aclDelta(from, to)) {
    const base = { objectId, target, grantee: d.grantee, deps: on };
    if (d.revoke.length)
      changes.push({ kind: "revoke_privileges", ...base, privileges: d.revoke, grantOptionOnly: false });
    if (d.revokeOption.length)
      changes.push({ kind: "revoke_privileges", ...base, privileges: d.revokeOption, grantOptionOnly: true });
    if (d.grant.length)
      changes.push({ kind: "grant_privileges", ...base, privileges: d.grant, grantable: false });
    if (d.grantWithOption.length)
      changes.push({ kind: "grant_privileges", ...base, privileges: d.grantWithOption, grantable: true });
  }
  return changes;
}

/**
 * Grants on every object kind that has them: schemas, tables and their columns, sequences, views,
 * materialized views, functions, procedures, aggregates and types. Objects on both sides are
 * compared; new ones start from what they get on creation (`creationAcl`: built-in defaults, then
 * the creating role's default privileges); dropped ones take their grants along. A type or a
 * definition object (a language made TRUSTED) this plan recreates starts from its creation ACL too. Views, functions and aggregates
 * the plan recreates re-emit their own grants (see view/view.grants.ts).
 */
export function diffPrivileges(ctx: DiffContext): readonly Change[] {
  const changes: Change[] = [];
  for (const object of ownedObjects(ctx)) {
    // an owner but no ACL: event triggers, statistics, collations, the definition kinds without one
    const desired = object.desired;
    if (!("privileges" in desired)) continue;
    const recreated =
      (object.collection === "types" &&
        object.current !== undefined &&
        typeIsRecreated(ctx, object.current, object.desired)) ||
      definitionIsRecreated(ctx, object);
    const current = object.current as typeof desired | undefined;
    const from = recreated ? undefined : current?.privileges;
    changes.push(
      ...diffAcl(
        object.desired.id,
        object.target,
        from ?? creationAcl(ctx.current, object.target),
        desired.privileges,
      ),
    );
    if (object.collection === "tables") changes.push(...columnAcls(object.desired, object.current));
  }
  return changes;
}

/** Column grants of a table (`before` undefined: the plan creates it); they require the table too. */
function columnAcls(table: Table, before: Table | undefined): readonly PrivilegeChange[] {
  return table.columns.flatMap((column) =>
    diffAcl(
      column.id,
      { kind: "column", schema: table.schema, table: table.name, name: column.name },
      // columns get no default privileges
      before?.columns.find((c) => c.id === column.id)?.privileges ?? [],
      column.privileges,
      [column.id, table.id],
    ),
  );
}
