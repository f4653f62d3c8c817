import type { Problem, SourceLocation } from "../../errors.js";
import { ids } from "../../model/ids.js";
import type {
  ManagedMembership,
  ManagedRole,
  ManagedRoleSetting,
  RoleAttributes,
  RoleDeclaration,
  RoleDeclarations,
  RoleSetting,
  RoleSettingValue,
  RoleState,
} from "../../model/role.js";
import { quoteIdent } from "../../sql/quote.js";

/** A `-- @renamed from=old` hint on `CREATE ROLE new`, resolved against the server (see resolveRoleRenames). */
export interface RoleRename {
  readonly from: string;
  readonly to: string;
}

/** A role rename hint as the files give it. */
export interface RoleRenameHint extends RoleRename {
  readonly location: SourceLocation;
  readonly sourceLine?: string;
}

export interface DesiredRolesInput {
  readonly declarations: RoleDeclarations;
  /** The managed roles as the server has them, under their current names. */
  readonly current: RoleState;
  readonly renames: readonly RoleRename[];
  /** `VALID UNTIL` as the files write it → as the server reads it back (ManagedRole.validUntil; null: infinity). */
  readonly validUntil: ReadonlyMap<string, string | null>;
  /** The server's major: INHERIT and SET options of a membership need 16. */
  readonly major: number;
}

/**
 * The managed roles as the files want them (`--manage-roles`):
 * - a role the files CREATE is described whole: what they do not state is PostgreSQL's default
 *   (NOLOGIN, INHERIT, no limit, no settings, no comment, no memberships);
 * - a role the files only ALTER, COMMENT ON or GRANT something to is the server's role with what
 *   they state laid over it: nothing they leave unsaid is taken away;
 * - SUPERUSER is never changed: stating it where the server differs is a problem (a superuser
 *   bypasses every check the schema describes; grant or revoke it out of band); a role that is a
 *   superuser on the server is only overlaid, even when the files create it.
 * Problems: SUPERUSER changes, INHERIT/SET membership options before PostgreSQL 16.
 */
export function desiredRoleState(input: DesiredRolesInput): {
  readonly state: RoleState;
  readonly problems: readonly Problem[];
} {
  const problems: Problem[] = [];
  const renamedFrom = new Map(input.renames.map((rename) => [rename.to, rename.from]));
  const currentOf = (name: string): ManagedRole | undefined =>
    input.current.roles[ids.role(name)] ?? input.current.roles[ids.role(renamedFrom.get(name) ?? name)];
  const declared = new Map(input.declarations.roles.map((role) => [role.name, role]));
  const names = new Set([...declared.keys(), ...input.declarations.memberships.map((m) => m.member)]);
  const roles: ManagedRole[] = [];
  for (const name of names) {
    const declaration = declared.get(name);
    const current = currentOf(name);
    // a superuser (the bootstrap one, an administrator) is never described whole: a plain
    // `CREATE ROLE postgres;` in the files must not take its LOGIN away
    const created = declaration?.created === true && current?.superuser !== true;
    // a role the files neither create nor find on the server: requireTargetRoles names it
    if (!created && !current) continue;
    const base: ManagedRole = created
      ? newRole(name)
      : { ...(current as ManagedRole), name, id: ids.role(name) };
    const attributes = declaration?.attributes ?? {};
    if (attributes.superuser !== undefined && attributes.superuser !== (current?.superuser ?? false)) {
      problems.push({
        message: `role ${quoteIdent(name)}: pg-flux does not ${attributes.superuser ? "grant" : "revoke"} SUPERUSER (a superuser bypasses every privilege and policy the schema describes)`,
        location: declaration?.location as SourceLocation,
        hint: `${attributes.superuser ? "grant" : "revoke"} it once on the server, outside pg-flux, or state ${current?.superuser ? "SUPERUSER" : "NOSUPERUSER"} (or nothing) in the files`,
        objectId: ids.role(name),
      });
    }
    const stated = attributes.validUntil;
    const validUntil =
      stated === undefined
        ? base.validUntil
        : input.validUntil.has(stated)
          ? (input.validUntil.get(stated) ?? null)
          : stated;
    const memberships = input.declarations.memberships.filter((m) => m.member === name);
    for (const m of memberships) {
      if (input.major < 16 && (m.inherit !== undefined || m.set !== undefined)) {
        problems.push({
          message: `GRANT ${quoteIdent(m.role)} TO ${quoteIdent(name)}: the INHERIT and SET options of a membership need PostgreSQL 16 (the server is ${input.major})`,
          location: m.location,
          hint: "remove the INHERIT/SET options (ADMIN OPTION works on every major)",
          objectId: ids.role(name),
        });
      }
    }
    roles.push({
      ...base,
      ...withAttributes(base, attributes),
      superuser: current?.superuser ?? false,
      validUntil,
      memberOf: mergeMemberships(base.memberOf, memberships),
      settings: mergeSettings(base.settings, declaration?.settings ?? []),
      comment: declaration?.comment === undefined ? base.comment : declaration.comment,
    });
  }
  roles.sort((a, b) => compareText(a.id, b.id));
  return {
    state: { roles: Object.fromEntries(roles.map((role) => [role.id, role])), dependents: {} },
    problems,
  };
}

/** A role as `CREATE ROLE name` makes it: PostgreSQL's defaults (NOLOGIN, INHERIT, no limit, …). */
export function newRole(name: string): ManagedRole {
  return {
    kind: "role",
    id: ids.role(name),
    name,
    superuser: false,
    createdb: false,
    createrole: false,
    inherit: true,
    login: false,
    replication: false,
    bypassrls: false,
    connectionLimit: -1,
    validUntil: null,
    memberOf: [],
    settings: [],
    comment: null,
  };
}

function withAttributes(base: ManagedRole, attributes: RoleAttributes): Partial<ManagedRole> {
  return {
    createdb: attributes.createdb ?? base.createdb,
    createrole: attributes.createrole ?? base.createrole,
    inherit: attributes.inherit ?? base.inherit,
    login: attributes.login ?? base.login,
    replication: attributes.replication ?? base.replication,
    bypassrls: attributes.bypassrls ?? base.bypassrls,
    connectionLimit: attributes.connectionLimit ?? base.connectionLimit,
  };
}

function mergeMemberships(
  base: readonly ManagedMembership[],
  declared: RoleDeclarations["memberships"],
): ManagedMembership[] {
  const byRole = new Map(base.map((m) => [m.role, m]));
  for (const m of declared) {
    const before = byRole.get(m.role);
    byRole.set(m.role, {
      role: m.role,
      admin: m.admin ?? before?.admin ?? false,
      inherit: m.inherit ?? before?.inherit ?? null,
      set: m.set ?? before?.set ?? null,
    });
  }
  return [...byRole.values()].sort((a, b) => compareText(a.role, b.role));
}

/** The settings after the files' SET / RESET / RESET ALL, in file order, sorted. */
function mergeSettings(
  base: readonly ManagedRoleSetting[],
  declared: readonly RoleSetting[],
): ManagedRoleSetting[] {
  let settings = [...base];
  for (const setting of declared) {
    settings = settings.filter(
      (s) => !(s.database === setting.database && (setting.name === null || s.name === setting.name)),
    );
    if (setting.name !== null && setting.value !== null) {
      settings.push({
        database: setting.database,
        name: setting.name,
        value: settingText(setting.name, setting.value),
        values: setting.value,
      });
    }
  }
  return settings.sort(compareSettings);
}

/** Settings whose list items PostgreSQL stores as quoted identifiers (GUC_LIST_QUOTE). */
const LIST_QUOTE = new Set([
  "search_path",
  "temp_tablespaces",
  "local_preload_libraries",
  "session_preload_libraries",
  "shared_preload_libraries",
]);

/**
 * The text pg_db_role_setting stores after `name=` (PostgreSQL's flatten_set_variable_args):
 * numbers as written, strings as they are, or as identifiers for the list settings that quote
 * them (`search_path="$user", public`), joined by `, `.
 */
export function settingText(name: string, values: readonly RoleSettingValue[]): string {
  const quote = LIST_QUOTE.has(name.toLowerCase());
  return values
    .map((value) => (typeof value === "number" ? String(value) : quote ? quoteIdent(value) : value))
    .join(", ");
}

export function compareSettings(a: ManagedRoleSetting, b: ManagedRoleSetting): number {
  if (a.database !== b.database) {
    if (a.database === null) return -1;
    if (b.database === null) return 1;
    return compareText(a.database, b.database);
  }
  return compareText(a.name, b.name);
}

/** Code-unit order, as the inspector sorts names. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every name the managed-role planning needs read from the server: declared, granted to, renamed from. */
export function roleNamesInScope(declarations: RoleDeclarations, renames: readonly RoleRename[]): string[] {
  const names = new Set<string>();
  for (const role of declarations.roles) names.add(role.name);
  for (const m of declarations.memberships) names.add(m.member);
  for (const rename of renames) names.add(rename.from);
  return [...names].sort(compareText);
}

/** The declarations of roles the files create (CREATE ROLE/USER/GROUP). */
export function createdRoles(declarations: RoleDeclarations): readonly RoleDeclaration[] {
  return declarations.roles.filter((role) => role.created);
}
