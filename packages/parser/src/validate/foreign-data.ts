import { isSecretOption, type Problem, type SourceLocation } from "@pg-flux/core";
import type { Node } from "libpg-query";
import { nodeType } from "../statements/statement.model.js";

interface Options {
  readonly options?: readonly { readonly DefElem?: { readonly defname?: string } }[];
}

/**
 * The foreign-data statements the desired state refuses though their kinds are managed:
 *
 * - a user mapping option that names a credential (`isSecretOption`: password, passfile, …): its
 *   value would be written into plans, saved plan files and migration files. The problem carries no
 *   source line, so the refusal never prints the value;
 * - `IMPORT FOREIGN SCHEMA`: it reads the foreign server when it runs (the scratch database cannot
 *   reach it, and what it creates depends on the remote side), where `CREATE FOREIGN TABLE` says
 *   what exists;
 * - a foreign table that is a partition or inherits: pg-flux models foreign tables standing alone;
 * - a CHECK constraint on a foreign table (in CREATE or ALTER FOREIGN TABLE): not modelled, so it
 *   would load and then be left out of every plan.
 *
 * `at` is the statement's location and its source line (`pointAt`).
 */
export function foreignDataProblem(
  node: Node,
  verb: string,
  at: { readonly location: SourceLocation; readonly sourceLine: string },
): Problem | null {
  const type = nodeType(node);
  const body = (node as unknown as Readonly<Record<string, unknown>>)[type];
  if (type === "CreateUserMappingStmt" || type === "AlterUserMappingStmt") {
    const secret = ((body as Options).options ?? [])
      .map((option) => option.DefElem?.defname ?? "")
      .find(isSecretOption);
    if (secret === undefined) return null;
    return {
      message: `${verb}: the user mapping option "${secret}" holds a credential, and pg-flux does not manage credentials: its value would be written into plans, saved plan files and migration files; remove the option from the desired state`,
      location: at.location,
      hint: `set it on each database by hand, once (ALTER USER MAPPING … OPTIONS (ADD ${secret} '…')); pg-flux never reads, changes nor drops a user mapping's secret options`,
    };
  }
  if (type === "ImportForeignSchemaStmt")
    return {
      message: `${verb}: IMPORT FOREIGN SCHEMA reads the foreign server when it runs, so what it creates is not written in the files; write the CREATE FOREIGN TABLE statements instead`,
      ...at,
      hint: "run it once on a scratch database and copy the foreign tables `pg_dump -s` writes",
    };
  const outside =
    "keep it in a versioned migration run by `pg-flux push` (docs/push.md), outside the desired state";
  if (type === "CreateForeignTableStmt") {
    const base = (body as { base?: ForeignTableBase }).base;
    if (base?.partbound !== undefined || (base?.inhRelations?.length ?? 0) > 0)
      return {
        message: `${verb}: a foreign table that is a partition (PARTITION OF) or inherits (INHERITS) is not managed by pg-flux; only foreign tables standing alone are`,
        ...at,
        hint: outside,
      };
    const constraints = (base?.tableElts ?? []).flatMap((element) => [
      ...(element.Constraint ? [element.Constraint] : []),
      ...(element.ColumnDef?.constraints ?? []).flatMap((c) => (c.Constraint ? [c.Constraint] : [])),
    ]);
    if (constraints.some((constraint) => constraint.contype === "CONSTR_CHECK"))
      return checkProblem(verb, at);
  }
  if (type === "AlterTableStmt") {
    const alter = body as { objtype?: string; cmds?: readonly { AlterTableCmd?: AlterCommand }[] };
    const adds = (alter.cmds ?? []).some(
      ({ AlterTableCmd: cmd }) =>
        cmd?.subtype === "AT_AddConstraint" && cmd.def?.Constraint?.contype === "CONSTR_CHECK",
    );
    if (alter.objtype === "OBJECT_FOREIGN_TABLE" && adds) return checkProblem(verb, at);
  }
  return null;
}

interface ConstraintNode {
  readonly Constraint?: { readonly contype?: string };
}

interface ForeignTableBase {
  readonly inhRelations?: readonly unknown[];
  readonly partbound?: unknown;
  readonly tableElts?: readonly (ConstraintNode & {
    readonly ColumnDef?: { readonly constraints?: readonly ConstraintNode[] };
  })[];
}

interface AlterCommand {
  readonly subtype?: string;
  readonly def?: ConstraintNode;
}

function checkProblem(
  verb: string,
  at: { readonly location: SourceLocation; readonly sourceLine: string },
): Problem {
  return {
    message: `${verb}: pg-flux does not manage CHECK constraints on foreign tables (PostgreSQL never checks them; they only inform the planner): the constraint would load and then be left out of every plan; remove it from the desired state`,
    ...at,
    hint: "keep it in a versioned migration run by `pg-flux push` (docs/push.md), outside the desired state",
  };
}
