import {
  compareSettings,
  compareText,
  ids,
  type ManagedMembership,
  type ManagedRole,
  type ManagedRoleSetting,
  PgFluxError,
  type RoleDependents,
  type RoleScope,
  type RoleState,
} from "@pg-flux/core";
import type pg from "pg";

/**
 * Managed roles (`--manage-roles`): reads the roles of `scope` from the cluster — attributes
 * (pg_roles; never passwords), memberships (pg_auth_members; INHERIT/SET options from 16),
 * settings in every database (pg_db_role_setting), comments (shobj_description) and what depends
 * on each role (pg_shdepend) — in one read-only snapshot. Never in scope: `pg_*` roles; by
 * pattern, never the bootstrap superuser, a superuser or the role connected (current_user). A
 * superuser the files name is read (so it is not created again) and only what they state is
 * applied to it (core desiredRoleState).
 */
export async function inspectRoles(client: pg.ClientBase, scope: RoleScope): Promise<RoleState> {
  await client.query("begin isolation level repeatable read read only");
  try {
    const major = Math.floor(
      Number(
        (await client.query<{ v: string }>("select current_setting('server_version_num') as v")).rows[0]?.v,
      ) / 10000,
    );
    const { rows: roles } = await client.query<RoleRow>(ROLES_QUERY, [
      [...scope.names],
      scope.patterns.map(likePattern),
    ]);
    const oids = roles.map((role) => role.oid);
    const { rows: memberships } = await client.query<MembershipRow>(membershipsQuery(major), [oids]);
    const { rows: settings } = await client.query<SettingRow>(SETTINGS_QUERY, [oids]);
    const { rows: dependents } = await client.query<DependentRow>(DEPENDENTS_QUERY, [oids]);
    await client.query("commit");
    return readRoles(roles, memberships, settings, dependents);
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw new PgFluxError(
      `reading the roles failed: ${error instanceof Error ? error.message : String(error)}`,
      {
        code: "runtime",
        cause: error,
      },
    );
  }
}

/**
 * `VALID UNTIL` values as the files write them, read back by the server as ManagedRole.validUntil
 * (UTC; `infinity` is no expiry, null). A value the server cannot read is returned as an error.
 */
export async function normalizeValidUntil(
  client: pg.ClientBase,
  texts: readonly string[],
): Promise<Map<string, string | null | Error>> {
  const out = new Map<string, string | null | Error>();
  for (const text of new Set(texts)) {
    try {
      const { rows } = await client.query<{ v: string | null }>(
        `select ${VALID_UNTIL("$1::timestamptz")} as v`,
        [text],
      );
      out.set(text, validUntilText(rows[0]?.v ?? null));
    } catch (error) {
      out.set(text, error instanceof Error ? error : new Error(String(error)));
    }
  }
  return out;
}

/** A role pattern (`app_*`) as a LIKE pattern: `*` any run, everything else itself. */
function likePattern(pattern: string): string {
  return pattern.replace(/[\\%_]/g, (c) => `\\${c}`).replaceAll("*", "%");
}

const VALID_UNTIL = (value: string) =>
  `case when ${value} is null or not isfinite(${value}) then null else to_char(${value} at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') end`;

function validUntilText(value: string | null): string | null {
  return value === null ? null : `${value.replace(/\.0+$/, "").replace(/(\.\d*?)0+$/, "$1")}+00`;
}

interface RoleRow {
  readonly oid: number;
  readonly name: string;
  readonly superuser: boolean;
  readonly createdb: boolean;
  readonly createrole: boolean;
  readonly inherit: boolean;
  readonly login: boolean;
  readonly replication: boolean;
  readonly bypassrls: boolean;
  readonly connectionLimit: number;
  readonly validUntil: string | null;
  readonly comment: string | null;
}

const ROLES_QUERY = `
select r.oid::int as oid, r.rolname as name, r.rolsuper as superuser, r.rolcreatedb as createdb,
  r.rolcreaterole as createrole, r.rolinherit as inherit, r.rolcanlogin as login,
  r.rolreplication as replication, r.rolbypassrls as bypassrls, r.rolconnlimit as "connectionLimit",
  ${VALID_UNTIL("r.rolvaliduntil")} as "validUntil",
  shobj_description(r.oid, 'pg_authid') as comment
from pg_roles r
where r.rolname !~ '^pg_'
  and (r.rolname = any($1::text[])
    or (not r.rolsuper and r.oid <> 10 and r.rolname <> current_user
      and exists (select from unnest($2::text[]) p(pattern) where r.rolname like p.pattern)))
order by r.rolname collate "C"`;

interface MembershipRow {
  readonly member: number;
  readonly role: string;
  readonly admin: boolean;
  readonly inherit: boolean | null;
  readonly set: boolean | null;
}

/** One row per (member, role): PostgreSQL 16 keeps a grant per grantor, their options are or-ed. */
function membershipsQuery(major: number): string {
  const options =
    major >= 16
      ? "bool_or(m.inherit_option) as inherit, bool_or(m.set_option) as set"
      : "null::boolean as inherit, null::boolean as set";
  return `
select m.member::int as member, r.rolname as role, bool_or(m.admin_option) as admin, ${options}
from pg_auth_members m
join pg_roles r on r.oid = m.roleid
where m.member = any($1::oid[])
group by m.member, r.rolname`;
}

interface SettingRow {
  readonly role: number;
  readonly database: string | null;
  readonly config: string;
}

const SETTINGS_QUERY = `
select s.setrole::int as role, d.datname as database, c.config
from pg_db_role_setting s
left join pg_database d on d.oid = s.setdatabase
cross join unnest(s.setconfig) c(config)
where s.setrole = any($1::oid[])`;

interface DependentRow {
  readonly role: number;
  /** o: owner, a: privileges, r: policy, i/t/…: others. */
  readonly type: string;
  /** Described when in this database or shared (a database, a tablespace); null in another database. */
  readonly object: string | null;
  readonly database: string | null;
}

const DEPENDENTS_QUERY = `
select d.refobjid::int as role, d.deptype as type,
  case when d.dbid in (0, (select oid from pg_database where datname = current_database()))
    then pg_describe_object(d.classid, d.objid, d.objsubid) end as object,
  case when d.dbid not in (0, (select oid from pg_database where datname = current_database()))
    then (select datname from pg_database where oid = d.dbid) end as database
from pg_shdepend d
where d.refclassid = 'pg_authid'::regclass and d.refobjid = any($1::oid[]) and d.deptype in ('o', 'a', 'r')`;

function readRoles(
  roleRows: readonly RoleRow[],
  membershipRows: readonly MembershipRow[],
  settingRows: readonly SettingRow[],
  dependentRows: readonly DependentRow[],
): RoleState {
  const roles: Record<string, ManagedRole> = {};
  const dependents: Record<string, RoleDependents> = {};
  for (const row of roleRows) {
    const memberOf: ManagedMembership[] = membershipRows
      .filter((m) => m.member === row.oid)
      .map((m) => ({ role: m.role, admin: m.admin, inherit: m.inherit, set: m.set }))
      .sort((a, b) => compareText(a.role, b.role));
    const settings: ManagedRoleSetting[] = settingRows
      .filter((s) => s.role === row.oid)
      .map((s) => {
        const at = s.config.indexOf("=");
        return { database: s.database, name: s.config.slice(0, at), value: s.config.slice(at + 1) };
      })
      .sort(compareSettings);
    roles[ids.role(row.name)] = {
      kind: "role",
      id: ids.role(row.name),
      name: row.name,
      superuser: row.superuser,
      createdb: row.createdb,
      createrole: row.createrole,
      inherit: row.inherit,
      login: row.login,
      replication: row.replication,
      bypassrls: row.bypassrls,
      connectionLimit: row.connectionLimit,
      validUntil: validUntilText(row.validUntil),
      memberOf,
      settings,
      comment: row.comment,
    };
    const mine = dependentRows.filter((d) => d.role === row.oid);
    const described = (types: readonly string[]) =>
      [
        ...new Set(
          mine.filter((d) => types.includes(d.type) && d.object !== null).map((d) => d.object as string),
        ),
      ].sort(compareText);
    dependents[row.name] = {
      owned: described(["o"]),
      privileges: described(["a", "r"]),
      otherDatabases: [...new Set(mine.flatMap((d) => (d.database === null ? [] : [d.database])))].sort(
        compareText,
      ),
    };
  }
  const sorted = Object.keys(roles).sort(compareText);
  return { roles: Object.fromEntries(sorted.map((id) => [id, roles[id] as ManagedRole])), dependents };
}
