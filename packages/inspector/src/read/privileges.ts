import type { Privilege } from "@pg-flux/core";
import { compareText } from "./order.js";

/** Privileges as the catalog queries return them (see `privilegesOf`), sorted and de-duplicated. */
export function readPrivileges(raw: readonly Privilege[] | null): Privilege[] {
  const seen = new Map<string, Privilege>();
  for (const entry of raw ?? []) {
    const privilege = { grantee: entry.grantee, privilege: entry.privilege, grantable: entry.grantable };
    const key = `${privilege.grantee}\u0000${privilege.privilege}`;
    const previous = seen.get(key);
    // The same privilege from two grantors: grantable wins, as PostgreSQL's own check would.
    if (!previous || (!previous.grantable && privilege.grantable)) seen.set(key, privilege);
  }
  return [...seen.values()].sort(
    (a, b) => compareText(a.grantee, b.grantee) || compareText(a.privilege, b.privilege),
  );
}
