import { ids } from "../../model/ids.js";
import type {
  Aggregate,
  DefaultPrivilege,
  Privilege,
  Function as Routine,
  SchemaState,
} from "../../model/state.js";
import type { AclTarget } from "./privilege.change.js";

/** What `creationAcl` reads: the default privileges in force and who creates the objects. */
export type CreationContext = Pick<SchemaState, "defaultPrivileges" | "server">;

/** What PostgreSQL grants when an object is created (`acldefault`), besides the owner's own rights. */
export function creationDefaults(target: AclTarget): readonly Privilege[] {
  switch (target.kind) {
    case "routine":
      return [{ grantee: "PUBLIC", privilege: "EXECUTE", grantable: false }];
    case "type":
      return [{ grantee: "PUBLIC", privilege: "USAGE", grantable: false }];
    case "schema":
    case "table":
    case "sequence":
    case "view":
    case "materialized_view":
    case "foreign_table":
    case "column":
    case "event_trigger":
    case "statistics":
    case "collation":
      return [];
    case "named":
      return target.builtinAcl ?? [];
    default: {
      const _exhaustive: never = target;
      return _exhaustive;
    }
  }
}

/** The `ALTER DEFAULT PRIVILEGES … ON <type>` an object kind falls under (views are tables to it). */
export function defaultAclType(target: AclTarget): DefaultPrivilege["objectType"] | null {
  switch (target.kind) {
    case "table":
    case "view":
    case "materialized_view":
    case "foreign_table":
      return "tables";
    case "sequence":
      return "sequences";
    case "routine":
      return "functions";
    case "type":
      return "types";
    case "schema":
      return "schemas";
    case "column":
    case "event_trigger":
    case "statistics":
    case "collation":
    case "named":
      return null;
    default: {
      const _exhaustive: never = target;
      return _exhaustive;
    }
  }
}

/**
 * The privileges (the owner's own aside) an object gets when the plan creates it, as PostgreSQL
 * computes them (aclchk.c `get_user_default_acl`): the built-in defaults (`creationDefaults`),
 * replaced by the creating role's global `ALTER DEFAULT PRIVILEGES` entry for the object type when
 * there is one (it holds the whole ACL, built-ins included unless revoked), plus its entry for the
 * object's schema (schema entries only add; schemas themselves take global entries only). A
 * privilege in both keeps the grant option either gives.
 *
 * The creating role is the one the plan runs as: `server.currentUser` of the current state (the
 * role that read it). Without it (a state saved before pg-flux recorded it), the built-in defaults.
 * Default privileges the same plan changes take effect after the objects it creates
 * (default-privilege.diff.ts orders them so), so the current state's entries are the ones in force.
 */
export function creationAcl(context: CreationContext, target: AclTarget): readonly Privilege[] {
  const builtin = creationDefaults(target);
  const type = defaultAclType(target);
  const creator = context.server.currentUser;
  if (type === null || creator === undefined) return builtin;
  const global = context.defaultPrivileges[ids.defaultPrivilege(creator, null, type)];
  // schemas take global entries only (a schema's own name is its `name`)
  const schema = "schema" in target ? target.schema : null;
  const inSchema =
    schema === null ? undefined : context.defaultPrivileges[ids.defaultPrivilege(creator, schema, type)];
  const merged = new Map<string, Privilege>();
  for (const privilege of [...(global?.privileges ?? builtin), ...(inSchema?.privileges ?? [])]) {
    const key = `${privilege.grantee}\u0000${privilege.privilege}`;
    const before = merged.get(key);
    merged.set(key, before ? { ...before, grantable: before.grantable || privilege.grantable } : privilege);
  }
  return [...merged.values()];
}

/** `creationAcl` of a function, procedure or aggregate. */
export function routineCreationAcl(
  context: CreationContext,
  routine: Routine | Aggregate,
): readonly Privilege[] {
  return creationAcl(context, {
    kind: "routine",
    routine: routine.kind,
    schema: routine.schema,
    name: routine.name,
    arguments: routine.identityArguments,
  });
}
