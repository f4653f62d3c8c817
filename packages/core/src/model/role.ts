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
