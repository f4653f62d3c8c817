import {
  decodeId,
  desiredRoleState,
  groupSteps,
  InvalidInputError,
  type ManagedRolesPlanInput,
  type Plan,
  type Problem,
  ROLE_CHANGE_KINDS,
  type RoleRenameHint,
  type RoleScope,
  resolveRoleRenames,
  roleDropProblems,
  roleNamesInScope,
} from "@pg-flux/core";
import { inspectRoles, normalizeValidUntil, withConnection } from "@pg-flux/inspector";
import type { RenameHint } from "@pg-flux/parser";
import type { ScriptRoles } from "../desired/roles.js";

/**
 * `--manage-roles`: `true` manages the roles the files create (never drops one); a list of
 * patterns (`app_*`) also manages the existing roles matching one, and drops those the files no
 * longer create (ROLE_DROP). `false`/absent: roles are required, not managed.
 */
export type ManageRoles = boolean | readonly string[];

/** The patterns of a ManageRoles value; null when roles are not managed. */
export function rolePatterns(manage: ManageRoles | undefined): readonly string[] | null {
  if (manage === undefined || manage === false) return null;
  return manage === true ? [] : manage;
}

/** The `@renamed-role` hints of the files, as the role planning takes them. */
export function roleRenameHints(hints: readonly RenameHint[]): RoleRenameHint[] {
  return hints
    .filter((hint) => hint.kind === "role")
    .map((hint) => ({
      from: hint.from.name,
      to: decodeId(hint.targetId)?.names[0] ?? hint.targetId,
      location: hint.location,
      ...(hint.sourceLine === undefined ? {} : { sourceLine: hint.sourceLine }),
    }));
}

/** Refuses role rename hints when roles are not managed: a hint that does nothing is an error. */
export function refuseRoleHints(hints: readonly RenameHint[]): void {
  const problems = roleRenameHints(hints).map(
    (hint): Problem => ({
      message: `role rename hint ${hint.from} → ${hint.to}, but roles are not managed: pg-flux would not rename the role`,
      location: hint.location,
      ...(hint.sourceLine === undefined ? {} : { sourceLine: hint.sourceLine }),
      hint: "plan with --manage-roles (flux.json migrate.manageRoles), or rename the role once on the server and remove the hint",
    }),
  );
  if (problems.length > 0) throw new InvalidInputError(problems);
}

/**
 * What the files say about roles, reduced to the roles that must already exist on the target when
 * roles are managed: the ones the files name or alter but do not create.
 */
export function requiredRoles(script: ScriptRoles): ScriptRoles {
  const created = new Set(script.roleDeclarations.roles.filter((r) => r.created).map((r) => r.name));
  return { ...script, roles: script.roles.filter((role) => !created.has(role)) };
}

/**
 * Reads the managed roles from the target and works out what the files want (core
 * `desiredRoleState`), the hinted renames (`resolveRoleRenames`) and the drops refused
 * (`roleDropProblems`): every problem is reported at once as InvalidInputError.
 */
export async function managedRolesInput(
  targetUrl: string,
  script: ScriptRoles,
  hints: readonly RenameHint[],
  patterns: readonly string[],
): Promise<ManagedRolesPlanInput> {
  const declarations = script.roleDeclarations;
  const roleHints = roleRenameHints(hints);
  const scope: RoleScope = { names: roleNamesInScope(declarations, roleHints), patterns: [...patterns] };
  const stated = declarations.roles.flatMap((role) =>
    role.attributes.validUntil === undefined ? [] : [{ role, text: role.attributes.validUntil }],
  );
  const { current, validUntil, major } = await withConnection(targetUrl, "inspect", async (client) => ({
    current: await inspectRoles(client, scope),
    validUntil: await normalizeValidUntil(
      client,
      stated.map((s) => s.text),
    ),
    major: Math.floor(
      Number((await client.query("show server_version_num")).rows[0]?.server_version_num) / 10000,
    ),
  }));
  const problems: Problem[] = [];
  const readable = new Map<string, string | null>();
  for (const { role, text } of stated) {
    const value = validUntil.get(text);
    if (value instanceof Error)
      problems.push({
        message: `role ${role.name}: VALID UNTIL '${text}' is not a timestamp the server reads: ${value.message}`,
        location: role.location,
        hint: "write a timestamp with a time zone, e.g. '2030-01-01 00:00:00+00', or 'infinity'",
      });
    else if (value !== undefined) readable.set(text, value);
  }
  const created = new Set(declarations.roles.filter((r) => r.created).map((r) => r.name));
  const renamed = resolveRoleRenames(roleHints, current, created);
  problems.push(...renamed.problems);
  const desired = desiredRoleState({
    declarations,
    current,
    renames: renamed.renames,
    validUntil: readable,
    major,
  });
  problems.push(...desired.problems);
  const named = new Map(
    script.roleMentions
      .filter((mention) => !created.has(mention.name))
      .map((mention) => [mention.name, { location: mention.location, sourceLine: mention.sourceLine }]),
  );
  problems.push(...roleDropProblems(current, desired.state, renamed.renames, named));
  if (problems.length > 0) throw new InvalidInputError(problems);
  return { current, desired: desired.state, renames: renamed.renames, scope };
}

/**
 * The plan without its role steps, for verification on a scratch copy: roles are cluster-wide, and
 * the scratch server's are placeholders the desired load made (or a shared shadow server's), so
 * role steps are never run there. The copy starts from the current state with the role renames
 * done, and the database part of the plan is verified against it.
 */
export function withoutRoleSteps(plan: Plan): Plan {
  const steps = plan.steps.filter((step) => !ROLE_CHANGE_KINDS.has(step.kind));
  if (steps.length === plan.steps.length) return plan;
  const kept = new Set(steps.map((step) => step.id));
  const pruned = steps.map((step) => ({ ...step, dependsOn: step.dependsOn.filter((id) => kept.has(id)) }));
  return { ...plan, steps: pruned, groups: groupSteps(pruned) };
}
