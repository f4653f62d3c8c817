import type { SourceLocation } from "../errors.js";

/**
 * Roles as the desired-state files declare them. Roles live in the cluster, not in the database
 * pg-flux manages: by default they are not managed, only required (every role the files declare or
 * name must exist on the target; the scratch server gets NOLOGIN placeholders). The parser reads
 * every role statement into these records so that a managed role kind can diff them later.
 */

/** Attributes a role statement states; an unstated one is absent (CREATE USER states `login`). */
export interface RoleAttributes {
  readonly superuser?: boolean;
  readonly createdb?: boolean;
  readonly createrole?: boolean;
  readonly inherit?: boolean;
  readonly login?: boolean;
  readonly replication?: boolean;
  readonly bypassrls?: boolean;
  /** -1: no limit. */
  readonly connectionLimit?: number;
  /** `VALID UNTIL` as written (a timestamp, or `infinity`). */
  readonly validUntil?: string;
}

/** One value of a role setting: strings are rendered as literals, numbers as they are. */
export type RoleSettingValue = string | number;

/** `ALTER ROLE … [IN DATABASE d] SET name = value` / `RESET name` / `RESET ALL`. */
export interface RoleSetting {
  /** null: `RESET ALL`. */
  readonly name: string | null;
  readonly database: string | null;
  /** null: `RESET` (or `SET … TO DEFAULT`): the setting should not be there. */
  readonly value: readonly RoleSettingValue[] | null;
}

/** A role the files create (CREATE ROLE/USER/GROUP) or change (ALTER ROLE, COMMENT ON ROLE), merged in file order. */
export interface RoleDeclaration {
  readonly name: string;
  /** Where the files first declare it. */
  readonly location: SourceLocation;
  /** A CREATE ROLE/USER/GROUP declares it; otherwise the files only alter or comment on it. */
  readonly created: boolean;
  readonly attributes: RoleAttributes;
  readonly settings: readonly RoleSetting[];
  /** `COMMENT ON ROLE`; absent when the files say nothing, null for `IS NULL`. */
  readonly comment?: string | null;
}

/** `GRANT role TO member` (or CREATE ROLE's IN ROLE / ROLE / ADMIN). Options absent when unstated. */
export interface RoleMembership {
  readonly role: string;
  readonly member: string;
  readonly admin?: boolean;
  /** PostgreSQL 16+. */
  readonly inherit?: boolean;
  /** PostgreSQL 16+. */
  readonly set?: boolean;
  readonly location: SourceLocation;
}

export interface RoleDeclarations {
  /** By name, in the order the files first declare them. */
  readonly roles: readonly RoleDeclaration[];
  readonly memberships: readonly RoleMembership[];
}

export const NO_ROLE_DECLARATIONS: RoleDeclarations = { roles: [], memberships: [] };

/**
 * Managed roles (`--manage-roles`): a role as the server has it, or as the files want it, every
 * attribute explicit. Roles belong to the cluster, not to the database a SchemaState describes, so
 * they are kept in a RoleState of their own beside it (planner's `roles` input) and never mixed
 * into the per-database collections. Never a password: pg-flux neither reads nor writes them.
 */
export interface ManagedRole {
  readonly kind: "role";
  /** `role:<name>` (ids.role). */
  readonly id: string;
  readonly name: string;
  readonly superuser: boolean;
  readonly createdb: boolean;
  readonly createrole: boolean;
  readonly inherit: boolean;
  readonly login: boolean;
  readonly replication: boolean;
  readonly bypassrls: boolean;
  /** -1: no limit. */
  readonly connectionLimit: number;
  /**
   * `VALID UNTIL` in UTC as `YYYY-MM-DD HH:MM:SS[.ffffff]+00` (or `infinity`), as the server reads
   * the timestamp back (the engine normalizes what the files wrote through the server); null: none.
   */
  readonly validUntil: string | null;
  /** The roles it is a member of (pg_auth_members, one entry per granted role), sorted by role. */
  readonly memberOf: readonly ManagedMembership[];
  /** `ALTER ROLE … [IN DATABASE d] SET` (pg_db_role_setting), sorted by database (null first) then name. */
  readonly settings: readonly ManagedRoleSetting[];
  readonly comment: string | null;
}

/** One membership of a managed role in `role`. */
export interface ManagedMembership {
  readonly role: string;
  readonly admin: boolean;
  /**
   * PostgreSQL 16+: INHERIT / SET options of the grant; null before 16 (the server has none) and on
   * the desired side when the files do not state them (the server's default is then not compared).
   */
  readonly inherit: boolean | null;
  readonly set: boolean | null;
}

/** One setting as pg_db_role_setting stores it: `value` is the text after `name=`. */
export interface ManagedRoleSetting {
  /** null: for every database. */
  readonly database: string | null;
  readonly name: string;
  readonly value: string;
  /** Desired side: the values as the files give them, to render `SET` from (never compared). */
  readonly values?: readonly RoleSettingValue[];
}

/** What depends on a role where DROP ROLE would fail or lose something (pg_shdepend), for ROLE_DROP. */
export interface RoleDependents {
  /** Objects of the inspected database the role owns, described (`table public.orders`). */
  readonly owned: readonly string[];
  /** Objects of the inspected database the role holds privileges or policies on, described. */
  readonly privileges: readonly string[];
  /** Other databases of the cluster where the role owns objects or holds privileges. */
  readonly otherDatabases: readonly string[];
}

/** The managed roles of one side, by id (sorted), with what depends on each (current side only). */
export interface RoleState {
  readonly roles: Readonly<Record<string, ManagedRole>>;
  /** By role name; measurements for hazards, never compared or fingerprinted. */
  readonly dependents: Readonly<Record<string, RoleDependents>>;
}

export const NO_ROLES: RoleState = { roles: {}, dependents: {} };
