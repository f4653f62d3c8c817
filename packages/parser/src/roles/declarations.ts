import type {
  Problem,
  RoleAttributes,
  RoleDeclaration,
  RoleDeclarations,
  RoleMembership,
  RoleSetting,
  SourceLocation,
} from "@pg-flux/core";
import type { Node } from "libpg-query";
import { pointAt } from "../statements/offsets.js";
import type { Statement } from "../statements/statement.model.js";
import { roleNames, walk } from "../statements/walk.js";
import type { RoleStatement } from "./role-statement.js";

/** Where the files first declare a role (CREATE/ALTER/COMMENT ON ROLE, GRANT role TO) or else name it. */
export interface RoleMention {
  readonly name: string;
  readonly declared: boolean;
  readonly location: SourceLocation;
  readonly sourceLine: string;
}

/** A role statement read from the files (a DO block's inner statements carry the block's statement). */
export interface ReadRoleStatement {
  readonly statement: Statement;
  readonly reading: RoleStatement;
}

export interface RoleCollection {
  readonly declarations: RoleDeclarations;
  /** Every role the files declare or name, sorted by name. */
  readonly mentions: readonly RoleMention[];
  readonly problems: readonly { readonly index: number; readonly problem: Problem }[];
}

interface MutableRole {
  name: string;
  location: SourceLocation;
  created: boolean;
  attributes: RoleAttributes;
  settings: RoleSetting[];
  comment?: string | null;
}

/**
 * Merges the role statements, in file order, into one declaration per role and one membership per
 * (role, member): later statements override what earlier ones said. Collects the roles every
 * statement names (owners, grantees, policy roles, default privileges' roles, SET ROLE) with the
 * place each is first declared or named (`nodes`: every statement, and the statements inside DO
 * blocks under their block's statement). `DROP ROLE IF EXISTS x` is accepted only when the files
 * create x (pg_dumpall --clean's drop-then-create); other drops and refused statements are problems.
 */
export function collectRoles(
  nodes: readonly { readonly statement: Statement; readonly node: Node }[],
  readings: readonly ReadRoleStatement[],
): RoleCollection {
  const roles = new Map<string, MutableRole>();
  const memberships = new Map<string, RoleMembership>();
  const problems: { index: number; problem: Problem }[] = [];
  const declaredAt = new Map<string, Statement>();
  const namedAt = new Map<string, Statement>();
  const name = (role: string, statement: Statement, declared: boolean) => {
    const seen = declared ? declaredAt : namedAt;
    if (!seen.has(role)) seen.set(role, statement);
  };
  for (const { statement, node } of nodes) {
    for (const role of referencedRoles(node)) name(role, statement, false);
  }
  const created = new Set(
    readings.flatMap(({ reading }) =>
      reading.kind === "declares" ? reading.roles.filter((r) => r.created).map((r) => r.name) : [],
    ),
  );
  for (const { statement, reading } of readings) {
    const at = pointAt(statement.script, statement.location);
    switch (reading.kind) {
      case "declares":
        for (const part of reading.roles) {
          name(part.name, statement, true);
          const role = roles.get(part.name) ?? {
            name: part.name,
            location: statement.location,
            created: false,
            attributes: {},
            settings: [],
          };
          roles.set(part.name, role);
          role.created ||= part.created;
          role.attributes = { ...role.attributes, ...part.attributes };
          for (const setting of part.settings) {
            const replaced = (s: RoleSetting) =>
              s.database === setting.database && (setting.name === null || s.name === setting.name);
            role.settings = [...role.settings.filter((s) => !replaced(s)), setting];
          }
          if (part.comment !== undefined) role.comment = part.comment;
        }
        for (const part of reading.memberships) {
          name(part.role, statement, true);
          name(part.member, statement, true);
          const key = JSON.stringify([part.role, part.member]);
          const before = memberships.get(key);
          memberships.set(key, { ...before, ...part, location: before?.location ?? statement.location });
        }
        break;
      case "drops": {
        if (reading.ifExists && reading.roles.every((role) => created.has(role))) break;
        problems.push({
          index: statement.index,
          problem: {
            message: `DROP ROLE in desired state: the files describe the roles that should exist, and pg-flux does not drop roles (they belong to the whole server)`,
            ...at,
            hint: `remove the statement; drop ${reading.roles.join(", ")} once on the server if it should go`,
          },
        });
        break;
      }
      case "refused":
        problems.push({
          index: statement.index,
          problem: {
            message: reading.message,
            ...(reading.echo ? at : { location: at.location }),
            ...(reading.hint ? { hint: reading.hint } : {}),
          },
        });
        break;
      default: {
        const _exhaustive: never = reading;
        return _exhaustive;
      }
    }
  }
  const mentions = [...new Set([...declaredAt.keys(), ...namedAt.keys()])].sort().map((role) => {
    const declared = declaredAt.get(role);
    const statement = (declared ?? namedAt.get(role)) as Statement;
    return { name: role, declared: declared !== undefined, ...pointAt(statement.script, statement.location) };
  });
  return {
    declarations: {
      roles: [...roles.values()].map(
        ({ comment, ...role }): RoleDeclaration => ({
          ...role,
          ...(comment === undefined ? {} : { comment }),
        }),
      ),
      memberships: [...memberships.values()],
    },
    mentions,
    problems,
  };
}

/**
 * Roles a statement names outside role statements: RoleSpecs (owners, grantees, policy roles,
 * `FOR ROLE`, `AUTHORIZATION`) and `SET ROLE` / `SET SESSION AUTHORIZATION` values. PUBLIC and
 * CURRENT_USER are not names.
 */
export function referencedRoles(node: Node): string[] {
  const found = roleNames(node);
  walk(node, (key, value) => {
    if (key !== "VariableSetStmt" || (value.name !== "role" && value.name !== "session_authorization"))
      return;
    const arg = (value.args as { A_Const?: { sval?: { sval?: string } } }[] | undefined)?.[0];
    const role = arg?.A_Const?.sval?.sval;
    if (role !== undefined && role !== "none") found.push(role);
  });
  return found;
}
