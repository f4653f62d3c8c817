import { deps } from "../../diff/change-base.js";
import type { Problem } from "../../errors.js";
import { ids } from "../../model/ids.js";
import type { ManagedMembership, ManagedRole, ManagedRoleSetting, RoleState } from "../../model/role.js";
import { quoteIdent } from "../../sql/quote.js";
import type { RoleChange } from "./role.change.js";
import type { RoleRename, RoleRenameHint } from "./role.desired.js";

/**
 * What the role rename hints mean against the server's roles (`current` holds both names of every
 * hint): the old role exists and the new one does not → rename; the new one exists and the old one
 * does not → renamed already, nothing to do (the hint may stay); both exist → a conflict; neither
 * → the hint matches nothing (a typo would otherwise create a second role): both problems.
 */
export function resolveRoleRenames(
  hints: readonly RoleRenameHint[],
  current: RoleState,
  created: ReadonlySet<string>,
): { readonly renames: readonly RoleRename[]; readonly problems: readonly Problem[] } {
  const renames: RoleRename[] = [];
  const problems: Problem[] = [];
  for (const hint of hints) {
    const at = {
      location: hint.location,
      ...(hint.sourceLine === undefined ? {} : { sourceLine: hint.sourceLine }),
    };
    const from = ids.role(hint.from) in current.roles;
    const to = ids.role(hint.to) in current.roles;
    if (!created.has(hint.to)) {
      problems.push({
        message: `rename hint target role ${quoteIdent(hint.to)} is not created by the files`,
        ...at,
      });
    } else if (from && to) {
      problems.push({
        message: `rename hint conflicts with the server: both roles ${quoteIdent(hint.from)} and ${quoteIdent(hint.to)} exist`,
        ...at,
        hint: "drop or rename one of them on the server, or remove the hint",
      });
    } else if (!from && !to) {
      problems.push({
        message: `rename hint matches nothing: the server has neither role ${quoteIdent(hint.from)} (the old name) nor ${quoteIdent(hint.to)}`,
        ...at,
        hint: `write the name the role has on the server now after from=, or remove the hint if ${quoteIdent(hint.to)} is new`,
      });
    } else if (from) {
      renames.push({ from: hint.from, to: hint.to });
    }
  }
  return { renames, problems };
}

/**
 * The role changes from `current` to `desired` (`--manage-roles`; both hold only managed roles):
 * renames first, then creates and in-place changes, memberships, and drops of the current roles
 * `desired` lacks. The caller decides which current roles are in scope, and so which can be dropped.
 */
export function diffRoles(
  current: RoleState,
  desired: RoleState,
  renames: readonly RoleRename[],
): readonly RoleChange[] {
  const changes: RoleChange[] = [];
  const renamedTo = new Map(renames.map((rename) => [rename.from, rename.to]));
  const before = new Map<string, ManagedRole>();
  for (const role of Object.values(current.roles)) {
    const to = renamedTo.get(role.name);
    if (to !== undefined) {
      changes.push({
        kind: "rename_role",
        objectId: ids.role(to),
        from: role.name,
        to,
        login: role.login,
        deps: deps({ creates: [ids.role(to)], drops: [role.id] }),
      });
    }
    const name = to ?? role.name;
    before.set(name, { ...role, name, id: ids.role(name) });
  }
  for (const role of Object.values(desired.roles)) {
    const was = before.get(role.name);
    if (!was) {
      changes.push({ kind: "create_role", objectId: role.id, role, deps: deps({ creates: [role.id] }) });
    } else if (attributesDiffer(was, role)) {
      changes.push({
        kind: "alter_role",
        objectId: role.id,
        name: role.name,
        from: was,
        to: role,
        deps: deps({ alters: [role.id] }),
      });
    }
    changes.push(...settingChanges(role, was?.settings ?? []));
    if ((was?.comment ?? null) !== role.comment) {
      changes.push({
        kind: "comment_role",
        objectId: role.id,
        name: role.name,
        comment: role.comment,
        deps: deps({ requires: [role.id] }),
      });
    }
    changes.push(...membershipChanges(role, was?.memberOf ?? []));
  }
  for (const [name, role] of before) {
    if (ids.role(name) in desired.roles) continue;
    changes.push({
      kind: "drop_role",
      objectId: role.id,
      name,
      dependents: current.dependents[role.name] ?? { owned: [], privileges: [], otherDatabases: [] },
      deps: deps({ drops: [role.id] }),
    });
  }
  return changes;
}

const ATTRIBUTES = [
  "superuser",
  "createdb",
  "createrole",
  "inherit",
  "login",
  "replication",
  "bypassrls",
  "connectionLimit",
  "validUntil",
] as const satisfies readonly (keyof ManagedRole)[];

function attributesDiffer(a: ManagedRole, b: ManagedRole): boolean {
  return ATTRIBUTES.some((key) => a[key] !== b[key]);
}

/** The attributes of `to` that differ from `from`. */
export function changedAttributes(from: ManagedRole, to: ManagedRole): (typeof ATTRIBUTES)[number][] {
  return ATTRIBUTES.filter((key) => from[key] !== to[key]);
}

function settingKey(setting: ManagedRoleSetting): string {
  return JSON.stringify([setting.database, setting.name]);
}

function settingChanges(role: ManagedRole, was: readonly ManagedRoleSetting[]): RoleChange[] {
  const changes: RoleChange[] = [];
  const wanted = new Map(role.settings.map((s) => [settingKey(s), s]));
  const had = new Map(was.map((s) => [settingKey(s), s]));
  const change = (
    setting: ManagedRoleSetting,
    values: ManagedRoleSetting["values"] | null,
    from: ManagedRoleSetting | null,
  ) =>
    changes.push({
      kind: "set_role_setting",
      objectId: role.id,
      role: role.name,
      database: setting.database,
      setting: setting.name,
      values: values ?? null,
      from,
      deps: deps({ requires: [role.id] }),
    });
  for (const [key, setting] of had) if (!wanted.has(key)) change(setting, null, setting);
  for (const [key, setting] of wanted) {
    const from = had.get(key);
    if (from?.value === setting.value) continue;
    // a setting of the server's the files keep as it is has no values to render: it never differs
    change(setting, setting.values ?? null, from ?? null);
  }
  return changes;
}

function membershipChanges(role: ManagedRole, was: readonly ManagedMembership[]): RoleChange[] {
  const changes: RoleChange[] = [];
  const had = new Map(was.map((m) => [m.role, m]));
  const wanted = new Set(role.memberOf.map((m) => m.role));
  for (const m of was) {
    if (wanted.has(m.role)) continue;
    changes.push({
      kind: "revoke_membership",
      objectId: role.id,
      member: role.name,
      role: m.role,
      deps: deps({ requires: [role.id] }),
    });
  }
  for (const m of role.memberOf) {
    const from = had.get(m.role) ?? null;
    if (from && !membershipDiffers(from, m)) continue;
    changes.push({
      kind: "grant_membership",
      objectId: role.id,
      member: role.name,
      membership: m,
      from,
      deps: deps({ requires: [role.id, ids.role(m.role)] }),
    });
  }
  return changes;
}

/** Options the desired side leaves unstated (null) are PostgreSQL's to choose, and not compared. */
function membershipDiffers(current: ManagedMembership, desired: ManagedMembership): boolean {
  return (
    current.admin !== desired.admin ||
    (desired.inherit !== null && current.inherit !== desired.inherit) ||
    (desired.set !== null && current.set !== desired.set)
  );
}

/** The change kinds of managed roles (their steps share the names). */
export const ROLE_CHANGE_KINDS: ReadonlySet<string> = new Set([
  "create_role",
  "alter_role",
  "rename_role",
  "drop_role",
  "set_role_setting",
  "comment_role",
  "grant_membership",
  "revoke_membership",
]);
