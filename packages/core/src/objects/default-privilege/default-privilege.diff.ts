import type { Change } from "../../diff/change.js";
import { deps } from "../../diff/change-base.js";
import type { DiffContext } from "../../diff/context.js";
import { ids } from "../../model/ids.js";
import type { DefaultPrivilege, Privilege } from "../../model/state.js";
import { ownedObjects } from "../owner/owned-objects.js";
import { defaultAclType } from "../privilege/creation-acl.js";
import { aclDelta } from "../privilege/privilege.diff.js";
import type { DefaultAclScope, DefaultPrivilegeChange } from "./default-privilege.change.js";

/**
 * What future objects get when no entry exists: for a global entry PostgreSQL's creation defaults
 * (EXECUTE to PUBLIC on functions, USAGE to PUBLIC on types); a per-schema entry only adds to the
 * global one, so its absence is empty.
 */
function absent(scope: DefaultAclScope): readonly Privilege[] {
  if (scope.schema !== null) return [];
  if (scope.objectType === "functions")
    return [{ grantee: "PUBLIC", privilege: "EXECUTE", grantable: false }];
  if (scope.objectType === "types") return [{ grantee: "PUBLIC", privilege: "USAGE", grantable: false }];
  return [];
}

/**
 * The objects the plan creates that `scope` applies to (created by its role, of its type, in its
 * schema): a change of the entry waits for them, so they are created under the current default
 * privileges, which is what their grants were planned from (privilege/creation-acl.ts).
 */
function createdUnder(ctx: DiffContext, scope: DefaultAclScope): string[] {
  if (scope.role !== ctx.current.server.currentUser) return [];
  return ownedObjects(ctx)
    .filter(
      (object) =>
        object.current === undefined &&
        defaultAclType(object.target) === scope.objectType &&
        (scope.schema === null || ("schema" in object.target && object.target.schema === scope.schema)),
    )
    .map((object) => object.desired.id);
}

/** `ALTER DEFAULT PRIVILEGES` entries, compared per role, schema and object type. */
export function diffDefaultPrivileges(ctx: DiffContext): readonly Change[] {
  const changes: DefaultPrivilegeChange[] = [];
  const idsUnion = [
    ...new Set([
      ...Object.keys(ctx.current.defaultPrivileges),
      ...Object.keys(ctx.desired.defaultPrivileges),
    ]),
  ].sort();
  for (const id of idsUnion) {
    const from: DefaultPrivilege | undefined = ctx.current.defaultPrivileges[id];
    const to: DefaultPrivilege | undefined = ctx.desired.defaultPrivileges[id];
    const entry = (to ?? from)!;
    const scope: DefaultAclScope = { role: entry.role, schema: entry.schema, objectType: entry.objectType };
    const on = deps({
      requires: [...(scope.schema === null ? [] : [ids.schema(scope.schema)]), ...createdUnder(ctx, scope)],
    });
    for (const d of aclDelta(from?.privileges ?? absent(scope), to?.privileges ?? absent(scope))) {
      const base = { objectId: id, scope, grantee: d.grantee, deps: on };
      if (d.revoke.length)
        changes.push({
          kind: "revoke_default_privileges",
          ...base,
          privileges: d.revoke,
          grantOptionOnly: false,
        });
      if (d.revokeOption.length)
        changes.push({
          kind: "revoke_default_privileges",
          ...base,
          privileges: d.revokeOption,
          grantOptionOnly: true,
        });
      if (d.grant.length)
        changes.push({ kind: "grant_default_privileges", ...base, privileges: d.grant, grantable: false });
      if (d.grantWithOption.length)
        changes.push({
          kind: "grant_default_privileges",
          ...base,
          privileges: d.grantWithOption,
          grantable: true,
        });
    }
  }
  return changes;
}
