import { MissingRolesError, type Problem, quoteIdent, quoteLiteral, renderMissingRoles } from "@pg-flux/core";
import { withConnection } from "@pg-flux/inspector";
import type { DesiredScript } from "@pg-flux/parser";
import type pg from "pg";

/** The roles among `roles` that the server lacks. */
export async function missingRoles(client: pg.ClientBase, roles: readonly string[]): Promise<string[]> {
  if (roles.length === 0) return [];
  const { rows } = await client.query<{ rolname: string }>(
    "select rolname from pg_roles where rolname = any($1)",
    [[...roles]],
  );
  const present = new Set(rows.map((row) => row.rolname));
  return roles.filter((role) => !present.has(role));
}

/**
 * On an embedded scratch server: create the roles the files name, NOLOGIN, as placeholders. The
 * verification copy creates its roles at the same time as the desired state's load; when both create
 * one role, the loser's duplicate error means the role is there, which is all either needs.
 */
export async function createRoles(client: pg.ClientBase, roles: readonly string[]): Promise<void> {
  for (const role of roles) {
    await client
      .query(
        `do $$ begin if not exists (select from pg_roles where rolname = ${quoteLiteral(role)}) then create role ${quoteIdent(role)} nologin; end if; end $$`,
      )
      .catch(ignoreDuplicateRole);
  }
}

/** 23505 (a concurrent CREATE ROLE won the pg_authid insert) or 42710 (duplicate_object). */
function ignoreDuplicateRole(error: unknown): void {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "23505" || code === "42710") return;
  throw error;
}

/**
 * The error for roles the desired state declares or names that `where` lacks: each located where the
 * files first declare or name it, and the statements that create them as the files declare them.
 */
export function missingRolesError(
  where: string,
  missing: readonly string[],
  script: Pick<DesiredScript, "roleDeclarations" | "roleMentions">,
  managed = false,
): MissingRolesError {
  const mentions = new Map(script.roleMentions.map((mention) => [mention.name, mention]));
  const problems = missing.map((role): Problem => {
    const mention = mentions.get(role);
    return {
      message: `role ${quoteIdent(role)} is ${mention?.declared ? "declared" : "named"} here`,
      ...(mention ? { location: mention.location, sourceLine: mention.sourceLine } : {}),
    };
  });
  return new MissingRolesError(
    where,
    problems,
    missing,
    renderMissingRoles(missing, script.roleDeclarations),
    managed,
  );
}

/** What the files say about roles (a DesiredScript, or a cached desired state). */
export type ScriptRoles = Pick<DesiredScript, "roles" | "roleDeclarations" | "roleMentions">;

/**
 * Refuses the plan when the target lacks a role the files declare or name: pg-flux does not manage
 * roles, so the migration could not run there (GRANT, OWNER TO, CREATE POLICY … TO fail). With
 * `managed` (--manage-roles) `script.roles` holds only the roles the files do not create.
 */
export async function requireTargetRoles(
  targetUrl: string,
  script: ScriptRoles,
  managed = false,
): Promise<void> {
  const missing = await withConnection(targetUrl, "inspect", (client) => missingRoles(client, script.roles));
  if (missing.length > 0) throw missingRolesError("the target's server", missing, script, managed);
}

/**
 * On an embedded scratch server: the role the load runs as, a superuser there (see loadDesiredState).
 * SUPERUSER is set even when the role exists: the verification copy may have created it first, as
 * the NOLOGIN placeholder of an owner.
 */
export async function createLoadRole(client: pg.ClientBase, role: string): Promise<void> {
  await createRoles(client, [role]);
  // Loads running at once on one scratch server make the same role superuser at once; the loser of
  // that catalog update fails with "tuple concurrently updated" though the role ends as asked: read
  // again, and alter only while it is not yet a superuser.
  for (let attempt = 1; ; attempt += 1) {
    const { rows } = await client.query<{ rolsuper: boolean }>(
      "select rolsuper from pg_roles where rolname = $1",
      [role],
    );
    if (rows[0]?.rolsuper) return;
    try {
      await client.query(`alter role ${quoteIdent(role)} superuser`);
      return;
    } catch (error) {
      if (attempt >= 5 || !concurrentlyUpdated(error)) throw error;
    }
  }
}

/** PostgreSQL's internal error (XX000) when two sessions update the same catalog row at once. */
function concurrentlyUpdated(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === "XX000" && message === "tuple concurrently updated";
}
