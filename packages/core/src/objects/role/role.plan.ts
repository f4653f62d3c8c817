import type { Problem, SourceLocation } from "../../errors.js";
import { ids } from "../../model/ids.js";
import type { RoleState } from "../../model/role.js";
import { quoteIdent } from "../../sql/quote.js";
import type { RoleRename } from "./role.desired.js";

/**
 * Which roles `--manage-roles` reads and may change (saved in the plan, so that `apply` reads the
 * same roles again for the fingerprint):
 * - `names`: the roles the files declare, grant memberships to, or rename from;
 * - `patterns`: `migrate.manageRoles: ["app_*"]`; an existing role matching one is managed too,
 *   and dropped (ROLE_DROP) when the files no longer create it. Without patterns nothing is dropped.
 * Never in scope: `pg_*` roles, the bootstrap superuser, superusers matched by a pattern only,
 * and the role the plan runs as.
 */
export interface RoleScope {
  readonly names: readonly string[];
  readonly patterns: readonly string[];
}

/** What the planner takes with `--manage-roles` (plan's `roles` input). */
export interface ManagedRolesPlanInput {
  /** The roles in scope as the server has them (with what depends on them). */
  readonly current: RoleState;
  /** The managed roles as the files want them (desiredRoleState). */
  readonly desired: RoleState;
  readonly renames: readonly RoleRename[];
  readonly scope: RoleScope;
}

/** `*` matches any run of characters, everything else itself (a role pattern, whole name). */
export function rolePatternMatches(pattern: string, name: string): boolean {
  const parts = pattern.split("*");
  if (parts.length === 1) return pattern === name;
  const first = parts[0] as string;
  const last = parts.at(-1) as string;
  if (!name.startsWith(first) || name.length < first.length + last.length || !name.endsWith(last))
    return false;
  let at = first.length;
  for (const part of parts.slice(1, -1)) {
    const found = name.indexOf(part, at);
    if (found < 0 || found + part.length > name.length - last.length) return false;
    at = found + part.length;
  }
  return true;
}

/** Where the files name a role, for problems about it. */
export interface RoleMentionPlace {
  readonly location: SourceLocation;
  readonly sourceLine: string;
}

/**
 * The drops `--manage-roles` refuses, as problems: a role the files still name (a grant, owner or
 * policy would fail without it), a role that owns objects (pg-flux never runs REASSIGN OWNED or
 * DROP OWNED: which owner should take them, or whether they should go, is the user's call), and a
 * role with objects or privileges in another database of the cluster (out of the plan's reach).
 */
export function roleDropProblems(
  current: RoleState,
  desired: RoleState,
  renames: readonly RoleRename[],
  named: ReadonlyMap<string, RoleMentionPlace>,
): Problem[] {
  const renamed = new Set(renames.map((rename) => rename.from));
  const problems: Problem[] = [];
  for (const role of Object.values(current.roles)) {
    if (role.id in desired.roles || renamed.has(role.name)) continue;
    const name = quoteIdent(role.name);
    const place = named.get(role.name);
    if (place) {
      problems.push({
        message: `role ${name} matches a --manage-roles pattern and the files name it, but do not create it: it would be dropped`,
        ...place,
        hint: `create it in the files (CREATE ROLE ${name} …), or stop naming it`,
        objectId: role.id,
      });
      continue;
    }
    const dependents = current.dependents[role.name];
    if (!dependents) continue;
    const reasons = [
      ...(dependents.owned.length > 0 ? [`it owns ${dependents.owned.join(", ")}`] : []),
      ...(dependents.otherDatabases.length > 0
        ? [`it owns objects or holds privileges in database ${dependents.otherDatabases.join(", ")}`]
        : []),
    ];
    if (reasons.length === 0) continue;
    problems.push({
      message: `role ${name} is no longer created by the files and matches a --manage-roles pattern, but cannot be dropped: ${reasons.join("; ")}`,
      hint: `give its objects another owner (ALTER … OWNER TO, or REASSIGN OWNED BY ${name} TO <role> in each database) or drop them, revoke its privileges elsewhere, then plan again; or create the role in the files to keep it`,
      objectId: ids.role(role.name),
    });
  }
  return problems;
}
