import {
  InvalidInputError,
  RENAMEABLE_KINDS,
  type Rename,
  type RenameableKind,
  type SchemaState,
} from "@pg-flux/core";
import { type RenameHint, resolveHints } from "@pg-flux/parser";

/**
 * Resolves rename hints against the current state (issue 4's rules: a hint whose rename already
 * happened is a no-op, a conflicting one is an error with its location) into the renames the
 * planner takes: schemas, tables, columns, constraints, indexes, sequences, types (enums,
 * composites, domains, ranges), views, materialized views, functions, procedures, aggregates
 * (a qualified `from` moves them: SET SCHEMA), policies, triggers, enum labels, and the definition
 * kinds core's `DEFINITION_RENAMES` lists (publications, servers, text search objects, operator
 * classes, rules, …). A hint kind the
 * planner could not rename would be reported as a warning (the plan then drops and creates, and
 * the hazard gate stops any data loss that follows); every kind a hint can name is renamed today.
 */
export function renamesFromHints(
  hints: readonly RenameHint[],
  current: SchemaState,
  desired: SchemaState,
): { readonly renames: readonly Rename[]; readonly warnings: readonly string[] } {
  const resolution = resolveHints(hints, current, desired);
  if (resolution.problems.length > 0) throw new InvalidInputError(resolution.problems);
  const renames: Rename[] = [];
  const warnings: string[] = [];
  for (const resolved of resolution.hints) {
    if (resolved.status !== "rename") continue;
    const { hint } = resolved;
    if (hint.kind === "value" && hint.value !== undefined) {
      // `'in_review', -- @renamed-value from='review'`: one label changes; `from` is the enum's
      // current id (the old one when the enum is renamed too), `to` its desired id
      renames.push({
        kind: "enum_value",
        from: resolved.fromId,
        to: hint.targetId,
        fromLabel: hint.from.name,
        toLabel: hint.value,
      });
      continue;
    }
    const kind = RENAMEABLE_KINDS.find((k): k is RenameableKind => k === resolved.hint.kind);
    if (kind) renames.push({ kind, from: resolved.fromId, to: resolved.hint.targetId });
    else
      warnings.push(
        `renaming a ${resolved.hint.kind} is not planned yet: ${resolved.fromId} → ${resolved.hint.targetId}`,
      );
  }
  return { renames, warnings };
}
