import { ids } from "../../model/ids.js";
import type { DefaultPrivilege, Privilege, SchemaState } from "../../model/state.js";

/** Fields of a SchemaState that hold a role name (string) or role names (array). */
const ROLE_FIELDS = new Set(["owner", "grantee", "role", "roles", "currentUser"]);

/**
 * The state with the role `from` called `to` everywhere a role is named: owners, grantees, policy
 * roles, default privileges (whose ids carry their role) and the role that read the state. A shadow server's load runs as a
 * throwaway role; this makes what it created read as the target's role created it (and the reverse
 * for the verification copy). Lists stay in the inspector's order.
 */
export function renameRole(state: SchemaState, from: string, to: string): SchemaState {
  if (from === to) return state;
  const visit = (value: unknown, key: string): unknown => {
    if (typeof value === "string") return ROLE_FIELDS.has(key) && value === from ? to : value;
    if (Array.isArray(value)) {
      const items = value.map((item) => visit(item, key));
      if (key === "roles") return (items as string[]).sort(compareText);
      if (key === "privileges") return sortPrivileges(items as Privilege[]);
      return items;
    }
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([field, inner]) => [field, visit(inner, field)]));
    }
    return value;
  };
  const renamed = visit(state, "") as SchemaState;
  const defaults = Object.values(renamed.defaultPrivileges).map((entry): DefaultPrivilege => {
    const id = ids.defaultPrivilege(entry.role, entry.schema, entry.objectType);
    return { ...entry, id };
  });
  defaults.sort((a, b) => compareText(a.id, b.id));
  return { ...renamed, defaultPrivileges: Object.fromEntries(defaults.map((entry) => [entry.id, entry])) };
}

function sortPrivileges(privileges: Privilege[]): Privilege[] {
  return privileges.sort(
    (a, b) => compareText(a.grantee, b.grantee) || compareText(a.privilege, b.privilege),
  );
}

/** Code-unit order, as the inspector sorts names. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
