import type { Problem, RoleDeclarations, SourceLocation } from "@pg-flux/core";
import { collectHints } from "./hints/attach.js";
import type { RenameHint } from "./hints/hint.model.js";
import { collectTypeHints, type TypeHint } from "./hints/tstype.js";
import { analyzeStatements, type LoadStep, loadOrder, type StatementObjects } from "./order/order.js";
import type { RoleMention } from "./roles/declarations.js";
import type { Script } from "./script/script.model.js";
import { parseScript } from "./statements/parse.js";
import type { Statement } from "./statements/statement.model.js";
import { validateStatements } from "./validate/validate.js";

/** Desired-state sources, parsed, validated and ordered: everything short of running them. */
export interface DesiredScript {
  readonly statements: readonly Statement[];
  readonly objects: readonly StatementObjects[];
  /** The statements to run in the scratch database, in load order. */
  readonly steps: readonly LoadStep[];
  readonly hints: readonly RenameHint[];
  /** `-- @tstype` hints for codegen. */
  readonly typeHints: readonly TypeHint[];
  /** Roles the schema declares or names (owners, grantees, policy roles, memberships), sorted. */
  readonly roles: readonly string[];
  /** The files' role statements as data (they are not run: roles belong to the whole server). */
  readonly roleDeclarations: RoleDeclarations;
  /** Each role of `roles`, where the files first declare or name it. */
  readonly roleMentions: readonly RoleMention[];
  /** Every problem in every file: syntax, meta-commands, rejected statements, hints. */
  readonly problems: readonly Problem[];
}

/**
 * The parser's pipeline on a read script: parse every statement, validate, collect hints, order.
 * Pure; call `loadParser()` once before.
 */
export function analyzeScript(script: Script): DesiredScript {
  const parsed = parseScript(script);
  const objects = analyzeStatements(parsed.statements);
  const validation = validateStatements(parsed.statements, objects);
  const hintResult = collectHints(script, parsed.statements, objects);
  const typeHints = collectTypeHints(script, parsed.statements, objects);
  const problems = sortProblems(
    [
      ...script.problems,
      ...parsed.problems,
      ...validation.problems,
      ...hintResult.problems,
      ...typeHints.problems,
    ],
    script,
  );
  return {
    statements: parsed.statements,
    objects,
    steps: loadOrder(objects, validation.classes),
    hints: hintResult.hints,
    typeHints: typeHints.hints,
    roles: validation.roles,
    roleDeclarations: validation.roleDeclarations,
    roleMentions: validation.roleMentions,
    problems,
  };
}

/** Problems in file order (files in read order), then line and column. */
function sortProblems(problems: readonly Problem[], script: Script): Problem[] {
  const fileOrder = new Map(script.files.map((file, index) => [file.name, index]));
  const key = (location: SourceLocation | undefined) =>
    location ? [fileOrder.get(location.file) ?? -1, location.line, location.column] : [-2, 0, 0];
  return [...problems].sort((a, b) => {
    const ka = key(a.location);
    const kb = key(b.location);
    return (
      (ka[0] as number) - (kb[0] as number) ||
      (ka[1] as number) - (kb[1] as number) ||
      (ka[2] as number) - (kb[2] as number)
    );
  });
}
