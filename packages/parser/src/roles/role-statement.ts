import type {
  RoleAttributes,
  RoleDeclaration,
  RoleMembership,
  RoleSetting,
  RoleSettingValue,
} from "@pg-flux/core";
import type { Node } from "libpg-query";
import { nodeType } from "../statements/statement.model.js";

/**
 * One role statement of the desired-state files, read into data (see `RoleDeclarations` in core):
 * CREATE ROLE/USER/GROUP, ALTER ROLE/USER/GROUP (attributes, ADD USER, settings), COMMENT ON ROLE,
 * GRANT role TO role, and `DROP ROLE IF EXISTS` (a no-op before the files' own CREATE ROLE, as
 * pg_dumpall --clean writes it). Anything else about roles is refused with the reason.
 */
export type RoleStatement =
  | {
      readonly kind: "declares";
      readonly roles: readonly RolePart[];
      readonly memberships: readonly MembershipPart[];
    }
  | { readonly kind: "drops"; readonly roles: readonly string[]; readonly ifExists: boolean }
  | {
      readonly kind: "refused";
      readonly message: string;
      readonly hint?: string;
      /** false when the statement holds a secret: its text is never shown. */
      readonly echo: boolean;
    };

/** What one statement says about one role (merged into a RoleDeclaration, which adds where). */
export type RolePart = Omit<RoleDeclaration, "location">;

export type MembershipPart = Omit<RoleMembership, "location">;

/** AST node types that act on roles. */
const ROLE_NODES = new Set([
  "CreateRoleStmt",
  "AlterRoleStmt",
  "AlterRoleSetStmt",
  "GrantRoleStmt",
  "DropRoleStmt",
]);

/** Whether a statement acts on roles (including COMMENT ON ROLE and ALTER ROLE … RENAME). */
export function isRoleStatement(node: Node): boolean {
  const type = nodeType(node);
  if (ROLE_NODES.has(type)) return true;
  const body = bodyOf(node);
  return (
    (type === "CommentStmt" || type === "RenameStmt") && (body.objtype ?? body.renameType) === "OBJECT_ROLE"
  );
}

export const PASSWORD_REFUSED =
  "a password in the desired state is refused: schema files are committed, reviewed and copied, so a secret does not belong in them, and pg-flux never manages passwords";
export const PASSWORD_HINT =
  "remove the PASSWORD clause (its text is not shown here) and set the password once on the server, outside the schema files: \\password <role> in psql, or your secret manager";

/** Reads a role statement (`isRoleStatement`) into data, or says why it is refused. */
export function readRoleStatement(node: Node): RoleStatement {
  const type = nodeType(node);
  const body = bodyOf(node);
  switch (type) {
    case "CreateRoleStmt":
      return readCreate(body);
    case "AlterRoleStmt":
      return readAlter(body);
    case "AlterRoleSetStmt":
      return readSetting(body);
    case "GrantRoleStmt":
      return readGrant(body);
    case "DropRoleStmt": {
      const names = roleSpecs(body.roles);
      if (names === null) return refused("DROP ROLE names CURRENT_USER or SESSION_USER");
      return { kind: "drops", roles: names, ifExists: body.missing_ok === true };
    }
    case "CommentStmt": {
      const name = (body.object as { String?: { sval?: string } } | undefined)?.String?.sval ?? "";
      const comment = typeof body.comment === "string" ? body.comment : null;
      return declares([{ name, created: false, attributes: {}, settings: [], comment }]);
    }
    default:
      return refused(
        "renaming a role acts on the whole server, outside the database pg-flux manages",
        "rename it once on the server (ALTER ROLE … RENAME TO …) and declare it under its new name",
      );
  }
}

type Body = Readonly<Record<string, unknown>>;

function bodyOf(node: Node): Body {
  return (node as unknown as Readonly<Record<string, Body>>)[nodeType(node)] ?? {};
}

function declares(roles: readonly RolePart[], memberships: readonly MembershipPart[] = []): RoleStatement {
  return { kind: "declares", roles, memberships };
}

function refused(message: string, hint?: string, echo = true): RoleStatement {
  return { kind: "refused", message, ...(hint ? { hint } : {}), echo };
}

interface DefElem {
  readonly defname?: string;
  readonly arg?: unknown;
}

function defElems(options: unknown): DefElem[] {
  if (!Array.isArray(options)) return [];
  return options.map((option) => (option as { DefElem?: DefElem }).DefElem ?? {});
}

/** Boolean attribute options by their DefElem name. */
const BOOLEAN_OPTIONS: Readonly<Record<string, keyof RoleAttributes>> = {
  superuser: "superuser",
  createdb: "createdb",
  createrole: "createrole",
  inherit: "inherit",
  canlogin: "login",
  isreplication: "replication",
  bypassrls: "bypassrls",
};

interface ReadOptions {
  readonly attributes: RoleAttributes;
  /** IN ROLE: roles this one joins. */
  readonly inRoles: readonly string[];
  /** ROLE / ADD USER: members added to this one. */
  readonly members: readonly string[];
  /** ADMIN: members added with ADMIN OPTION. */
  readonly admins: readonly string[];
  readonly password: boolean;
  readonly unnamed: boolean;
}

function readOptions(options: unknown): ReadOptions {
  const attributes: Record<string, boolean | number | string> = {};
  const lists = { inRoles: [] as string[], members: [] as string[], admins: [] as string[] };
  let password = false;
  let unnamed = false;
  const list = (arg: unknown): string[] => {
    const names = roleSpecs((arg as { List?: { items?: unknown } } | undefined)?.List?.items);
    if (names === null) unnamed = true;
    return names ?? [];
  };
  for (const { defname, arg } of defElems(options)) {
    const flag = defname === undefined ? undefined : BOOLEAN_OPTIONS[defname];
    if (flag) attributes[flag] = (arg as { Boolean?: { boolval?: boolean } }).Boolean?.boolval === true;
    else if (defname === "connectionlimit")
      attributes.connectionLimit = (arg as { Integer?: { ival?: number } }).Integer?.ival ?? 0;
    else if (defname === "validUntil")
      attributes.validUntil = (arg as { String?: { sval?: string } }).String?.sval ?? "";
    // PASSWORD NULL (no argument) sets no secret
    else if (defname === "password" && arg !== undefined) password = true;
    else if (defname === "addroleto") lists.inRoles.push(...list(arg));
    else if (defname === "rolemembers") lists.members.push(...list(arg));
    else if (defname === "adminmembers") lists.admins.push(...list(arg));
    // sysid: ignored by PostgreSQL
  }
  return { attributes, ...lists, password, unnamed };
}

function readCreate(body: Body): RoleStatement {
  const name = typeof body.role === "string" ? body.role : "";
  const read = readOptions(body.options);
  if (read.password) return refused(`CREATE ROLE ${name}: ${PASSWORD_REFUSED}`, PASSWORD_HINT, false);
  if (read.unnamed) return refused("CREATE ROLE names CURRENT_USER or SESSION_USER: name the role");
  const user = body.stmt_type === "ROLESTMT_USER";
  const attributes: RoleAttributes =
    user && read.attributes.login === undefined ? { ...read.attributes, login: true } : read.attributes;
  return declares(
    [{ name, created: true, attributes, settings: [] }],
    [
      ...read.inRoles.map((role) => ({ role, member: name })),
      ...read.members.map((member) => ({ role: name, member })),
      ...read.admins.map((member) => ({ role: name, member, admin: true })),
    ],
  );
}

function readAlter(body: Body): RoleStatement {
  const name = roleSpec(body.role);
  const read = readOptions(body.options);
  if (read.password)
    return refused(`ALTER ROLE ${name ?? "CURRENT_USER"}: ${PASSWORD_REFUSED}`, PASSWORD_HINT, false);
  if (name === null || read.unnamed) return refused(SESSION_ROLE, SESSION_ROLE_HINT);
  if (body.action === -1)
    return refused(
      "ALTER GROUP … DROP USER in desired state: the files describe the memberships that should exist",
      "remove the statement (and the GRANT or ADD USER that made the membership, if the files have one)",
    );
  return declares(
    [{ name, created: false, attributes: read.attributes, settings: [] }],
    read.members.map((member) => ({ role: name, member })),
  );
}

const SESSION_ROLE =
  "the statement acts on CURRENT_USER, SESSION_USER or CURRENT_ROLE: whoever loads the files, not a role of the schema";
const SESSION_ROLE_HINT = "name the role";

function readSetting(body: Body): RoleStatement {
  if (body.role === undefined)
    return refused(
      "ALTER ROLE ALL acts on every role of the whole server, outside the database pg-flux manages: remove it from the desired state",
      "set it once on the server, outside pg-flux",
    );
  const name = roleSpec(body.role);
  if (name === null) return refused(SESSION_ROLE, SESSION_ROLE_HINT);
  const set = (body.setstmt ?? {}) as { kind?: string; name?: string; args?: unknown[] };
  const database = typeof body.database === "string" ? body.database : null;
  let setting: RoleSetting;
  switch (set.kind) {
    case "VAR_SET_VALUE":
      setting = { name: set.name ?? "", database, value: (set.args ?? []).map(settingValue) };
      break;
    case "VAR_SET_DEFAULT":
    case "VAR_RESET":
      setting = { name: set.name ?? "", database, value: null };
      break;
    case "VAR_RESET_ALL":
      setting = { name: null, database, value: null };
      break;
    default:
      return refused(
        `ALTER ROLE ${name} SET ${set.name ?? ""} FROM CURRENT takes the value of whoever loads the files`,
        "write the value",
      );
  }
  return declares([{ name, created: false, attributes: {}, settings: [setting] }]);
}

function settingValue(arg: unknown): RoleSettingValue {
  const constant = (arg as { A_Const?: Readonly<Record<string, unknown>> }).A_Const ?? {};
  const ival = (constant.ival as { ival?: number } | undefined)?.ival;
  if (constant.ival !== undefined) return ival ?? 0;
  const fval = (constant.fval as { fval?: string } | undefined)?.fval;
  if (fval !== undefined) return Number(fval);
  const boolval = (constant.boolval as { boolval?: boolean } | undefined)?.boolval;
  if (constant.boolval !== undefined) return boolval === true ? "true" : "false";
  return (constant.sval as { sval?: string } | undefined)?.sval ?? "";
}

function readGrant(body: Body): RoleStatement {
  const granted = (Array.isArray(body.granted_roles) ? body.granted_roles : []).map(
    (item) => (item as { AccessPriv?: { priv_name?: string } }).AccessPriv?.priv_name ?? "",
  );
  if (body.is_grant !== true)
    return refused(
      "REVOKE of a role membership in desired state: the files describe the memberships that should exist",
      "remove the statement (and the GRANT that made the membership, if the files have one)",
    );
  const members = roleSpecs(body.grantee_roles);
  if (members === null) return refused(SESSION_ROLE, SESSION_ROLE_HINT);
  const options: { admin?: boolean; inherit?: boolean; set?: boolean } = {};
  for (const { defname, arg } of defElems(body.opt)) {
    const value = (arg as { Boolean?: { boolval?: boolean } } | undefined)?.Boolean?.boolval === true;
    if (defname === "admin" || defname === "inherit" || defname === "set") options[defname] = value;
  }
  return declares(
    [],
    granted.flatMap((role) => members.map((member) => ({ role, member, ...options }))),
  );
}

/** A RoleSpec's name; null for CURRENT_USER, SESSION_USER, CURRENT_ROLE and PUBLIC. */
function roleSpec(value: unknown): string | null {
  const spec = ((value as { RoleSpec?: unknown } | undefined)?.RoleSpec ?? value) as
    | { roletype?: string; rolename?: string }
    | undefined;
  return spec?.roletype === "ROLESPEC_CSTRING" && typeof spec.rolename === "string" ? spec.rolename : null;
}

/** Names of a RoleSpec list; null when one of them is not a name. */
function roleSpecs(items: unknown): string[] | null {
  const names: string[] = [];
  for (const item of Array.isArray(items) ? items : []) {
    const name = roleSpec(item);
    if (name === null) return null;
    names.push(name);
  }
  return names;
}
