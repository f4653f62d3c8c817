import type {
  ManagedMembership,
  ManagedRole,
  RoleAttributes,
  RoleDeclaration,
  RoleDeclarations,
  RoleMembership,
  RoleSetting,
} from "../../model/role.js";
import { quoteIdent, quoteLiteral, quoteNullableLiteral } from "../../sql/quote.js";
import { newRole } from "./role.desired.js";

type BooleanAttribute =
  | "superuser"
  | "createdb"
  | "createrole"
  | "inherit"
  | "login"
  | "replication"
  | "bypassrls";

/** Keywords of the boolean attributes, as CREATE ROLE spells them (true, false). */
const FLAGS: readonly (readonly [BooleanAttribute, string, string])[] = [
  ["superuser", "SUPERUSER", "NOSUPERUSER"],
  ["createdb", "CREATEDB", "NOCREATEDB"],
  ["createrole", "CREATEROLE", "NOCREATEROLE"],
  ["inherit", "INHERIT", "NOINHERIT"],
  ["login", "LOGIN", "NOLOGIN"],
  ["replication", "REPLICATION", "NOREPLICATION"],
  ["bypassrls", "BYPASSRLS", "NOBYPASSRLS"],
];

/** The stated attributes as role options, in CREATE ROLE's synopsis order. */
function attributeOptions(attributes: RoleAttributes): string[] {
  const options: string[] = [];
  for (const [key, yes, no] of FLAGS) {
    const value = attributes[key];
    if (value !== undefined) options.push(value ? yes : no);
  }
  if (attributes.connectionLimit !== undefined)
    options.push(`CONNECTION LIMIT ${attributes.connectionLimit}`);
  if (attributes.validUntil !== undefined) options.push(`VALID UNTIL ${quoteLiteral(attributes.validUntil)}`);
  return options;
}

/**
 * `CREATE ROLE name [WITH option …];` with the attributes the files state; NOLOGIN when they say
 * nothing about LOGIN (PostgreSQL's default, spelled out). Never a password: pg-flux refuses them.
 * https://www.postgresql.org/docs/current/sql-createrole.html
 */
export function renderCreateRole(name: string, attributes: RoleAttributes = {}): string {
  const options = attributeOptions({ ...attributes, login: attributes.login ?? false });
  return `CREATE ROLE ${quoteIdent(name)} ${options.join(" ")};`;
}

/**
 * `ALTER ROLE name [IN DATABASE d] SET p = v;` / `RESET p;` / `RESET ALL;`
 * https://www.postgresql.org/docs/current/sql-alterrole.html
 */
export function renderRoleSetting(name: string, setting: RoleSetting): string {
  const where = setting.database === null ? "" : ` IN DATABASE ${quoteIdent(setting.database)}`;
  const head = `ALTER ROLE ${quoteIdent(name)}${where}`;
  if (setting.name === null) return `${head} RESET ALL;`;
  if (setting.value === null) return `${head} RESET ${quoteIdent(setting.name)};`;
  const values = setting.value.map((value) =>
    typeof value === "number" ? String(value) : quoteLiteral(value),
  );
  return `${head} SET ${quoteIdent(setting.name)} TO ${values.join(", ")};`;
}

/**
 * `COMMENT ON ROLE name IS '…';`
 * https://www.postgresql.org/docs/current/sql-comment.html
 */
export function renderRoleComment(name: string, comment: string | null): string {
  return `COMMENT ON ROLE ${quoteIdent(name)} IS ${quoteNullableLiteral(comment)};`;
}

/**
 * `GRANT role TO member [WITH ADMIN OPTION];`, or with the options as stated
 * (`WITH ADMIN …, INHERIT …, SET …`: PostgreSQL 16) when INHERIT or SET is stated.
 * https://www.postgresql.org/docs/current/sql-grant.html
 */
export function renderGrantMembership(membership: RoleMembership): string {
  const head = `GRANT ${quoteIdent(membership.role)} TO ${quoteIdent(membership.member)}`;
  if (membership.inherit === undefined && membership.set === undefined)
    return membership.admin ? `${head} WITH ADMIN OPTION;` : `${head};`;
  const options: string[] = [];
  if (membership.admin !== undefined) options.push(`ADMIN ${membership.admin ? "TRUE" : "FALSE"}`);
  if (membership.inherit !== undefined) options.push(`INHERIT ${membership.inherit ? "TRUE" : "FALSE"}`);
  if (membership.set !== undefined) options.push(`SET ${membership.set ? "TRUE" : "FALSE"}`);
  return `${head} WITH ${options.join(", ")};`;
}

/** The statements that create a declared role as the files describe it (memberships aside). */
export function renderDeclaredRole(role: RoleDeclaration): string[] {
  return [
    renderCreateRole(role.name, role.attributes),
    ...role.settings.map((setting) => renderRoleSetting(role.name, setting)),
    ...(role.comment === undefined ? [] : [renderRoleComment(role.name, role.comment)]),
  ];
}

/**
 * What to run on a server that lacks `missing`: each role as the files declare it (a role they only
 * name becomes `CREATE ROLE name NOLOGIN`), then the declared memberships that involve one of them.
 */
export function renderMissingRoles(missing: readonly string[], declarations: RoleDeclarations): string[] {
  const absent = new Set(missing);
  const declared = new Map(declarations.roles.map((role) => [role.name, role]));
  const statements = [...absent].sort().flatMap((name) => {
    const role = declared.get(name);
    return role ? renderDeclaredRole(role) : [renderCreateRole(name)];
  });
  const memberships = declarations.memberships
    .filter((m) => absent.has(m.role) || absent.has(m.member))
    .map(renderGrantMembership);
  return [...statements, ...new Set(memberships)];
}

/** The attributes of a managed role that differ from what CREATE ROLE gives by default. */
function managedAttributes(role: ManagedRole, from: ManagedRole | null): RoleAttributes {
  const base = from ?? newRole(role.name);
  const out: { -readonly [K in keyof RoleAttributes]: RoleAttributes[K] } = {};
  for (const [key] of FLAGS) if (role[key] !== base[key]) out[key] = role[key];
  if (role.connectionLimit !== base.connectionLimit) out.connectionLimit = role.connectionLimit;
  // no expiry is spelled 'infinity': PostgreSQL has no way back to NULL
  if (role.validUntil !== base.validUntil) out.validUntil = role.validUntil ?? "infinity";
  return out;
}

/**
 * `CREATE ROLE` for a managed role: NOLOGIN or LOGIN, then the attributes that differ from
 * PostgreSQL's defaults. https://www.postgresql.org/docs/current/sql-createrole.html
 */
export function renderCreateManagedRole(role: ManagedRole): string {
  return renderCreateRole(role.name, managedAttributes(role, null));
}

/**
 * `ALTER ROLE name option …;` with the attributes that change.
 * https://www.postgresql.org/docs/current/sql-alterrole.html
 */
export function renderAlterRole(from: ManagedRole, to: ManagedRole): string {
  return `ALTER ROLE ${quoteIdent(to.name)} ${attributeOptions(managedAttributes(to, from)).join(" ")};`;
}

/** `ALTER ROLE name RENAME TO new_name;` https://www.postgresql.org/docs/current/sql-alterrole.html */
export function renderRenameRole(from: string, to: string): string {
  return `ALTER ROLE ${quoteIdent(from)} RENAME TO ${quoteIdent(to)};`;
}

/** `DROP ROLE name;` https://www.postgresql.org/docs/current/sql-droprole.html */
export function renderDropRole(name: string): string {
  return `DROP ROLE ${quoteIdent(name)};`;
}

/** `REVOKE role FROM member;` https://www.postgresql.org/docs/current/sql-revoke.html */
export function renderRevokeMembership(role: string, member: string): string {
  return `REVOKE ${quoteIdent(role)} FROM ${quoteIdent(member)};`;
}

/**
 * A managed membership: new (`GRANT role TO member [WITH …]`), or an existing one whose options
 * change: ADMIN taken away by `REVOKE ADMIN OPTION FOR` (every major), the others by GRANT with the
 * options that change (PostgreSQL 16 updates an existing grant's stated options).
 * https://www.postgresql.org/docs/current/sql-grant.html
 */
export function renderManagedMembership(
  member: string,
  to: ManagedMembership,
  from: ManagedMembership | null,
): string[] {
  const location = { file: "", line: 0, column: 0 };
  if (from === null) {
    return [
      renderGrantMembership({
        role: to.role,
        member,
        location,
        ...(to.admin ? { admin: true } : {}),
        ...(to.inherit === null ? {} : { inherit: to.inherit }),
        ...(to.set === null ? {} : { set: to.set }),
      }),
    ];
  }
  const statements: string[] = [];
  if (from.admin && !to.admin)
    statements.push(`REVOKE ADMIN OPTION FOR ${quoteIdent(to.role)} FROM ${quoteIdent(member)};`);
  const inherit = to.inherit !== null && to.inherit !== from.inherit ? to.inherit : undefined;
  const set = to.set !== null && to.set !== from.set ? to.set : undefined;
  if ((!from.admin && to.admin) || inherit !== undefined || set !== undefined) {
    statements.push(
      renderGrantMembership({
        role: to.role,
        member,
        location,
        ...(!from.admin && to.admin ? { admin: true } : {}),
        ...(inherit === undefined ? {} : { inherit }),
        ...(set === undefined ? {} : { set }),
      }),
    );
  }
  return statements;
}
