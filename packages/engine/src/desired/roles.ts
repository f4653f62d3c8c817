import { type Problem, quoteIdent, quoteLiteral } from "@pg-flux/core";
import { lineText, roleNames, type Statement } from "@pg-flux/parser";
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

/** On a shared server pg-flux never creates roles: one problem per missing role, where it is first named. */
export function missingRoleProblems(missing: readonly string[], statements: readonly Statement[]): Problem[] {
  return missing.map((role) => {
    const statement = statements.find((s) => roleNames(s.node).includes(role));
    return {
      message: `role "${role}" does not exist on the server the desired state is loaded on`,
      ...(statement
        ? {
            location: statement.location,
            sourceLine: lineText(statement.script.file, statement.location.line),
          }
        : {}),
      hint: `create it once on the server (CREATE ROLE ${quoteIdent(role)} NOLOGIN;): roles are server-wide and pg-flux does not create them`,
    };
  });
}

/**
 * On an embedded scratch server: the role the load runs as, a superuser there (see loadDesiredState).
 * SUPERUSER is set even when the role exists: the verification copy may have created it first, as
 * the NOLOGIN placeholder of an owner.
 */
export async function createLoadRole(client: pg.ClientBase, role: string): Promise<void> {
  await createRoles(client, [role]);
  await client.query(`alter role ${quoteIdent(role)} superuser`);
}
