import { ids, type Problem, type SchemaState } from "@pg-flux/core";
import type { RenameHint } from "./hint.model.js";

/**
 * What a hint means against the current database:
 * - `rename`: the old object exists and the new one does not: rename it;
 * - `already_renamed`: the old one is gone and the new one exists: the rename happened, nothing to do
 *   (so hints can stay in the files);
 * - `source_missing`: neither exists: nothing to rename, the object is created.
 */
export interface ResolvedHint {
  readonly hint: RenameHint;
  /** The old object's id in the current state (parents' renames applied). */
  readonly fromId: string;
  readonly status: "rename" | "already_renamed" | "source_missing";
}

export interface HintResolution {
  readonly hints: readonly ResolvedHint[];
  readonly problems: readonly Problem[];
}

/** Applies the hint rules to the current and desired states; pure. */
export function resolveHints(
  hints: readonly RenameHint[],
  current: SchemaState,
  desired: SchemaState,
): HintResolution {
  const tableRenames = new Map<string, { schema: string; name: string }>();
  for (const hint of hints) {
    if (hint.kind !== "table") continue;
    const table = desired.tables[hint.targetId];
    if (table)
      tableRenames.set(hint.targetId, { schema: hint.from.schema ?? table.schema, name: hint.from.name });
  }
  // A label renamed in a renamed enum is looked up in the old enum, while it still exists.
  const typeRenames = new Map<string, string>();
  for (const hint of hints) {
    if (hint.kind === "type" && hint.fromId in current.types) typeRenames.set(hint.targetId, hint.fromId);
  }
  const resolved: ResolvedHint[] = [];
  const problems: Problem[] = [];
  for (const hint of hints) {
    const fromId = oldId(hint, tableRenames, typeRenames);
    const targetExists = exists(current, hint, hint.targetId, hint.value);
    const sourceExists = exists(current, hint, fromId, hint.from.name);
    if (!exists(desired, hint, hint.targetId, hint.value)) {
      problems.push({
        message: `rename hint target ${hint.targetId}${hint.value === undefined ? "" : ` value '${hint.value}'`} is not in the desired state`,
        location: hint.location,
      });
      continue;
    }
    if (sourceExists && targetExists) {
      const what =
        hint.kind === "value"
          ? `'${hint.from.name}' and '${hint.value ?? ""}' of ${hint.targetId}`
          : `${fromId} and ${hint.targetId}`;
      problems.push({
        message: `rename hint conflicts with the database: both ${what} exist`,
        location: hint.location,
        hint: "drop or rename one of them in a versioned migration, or remove the hint",
      });
      continue;
    }
    resolved.push({
      hint,
      fromId,
      status: sourceExists ? "rename" : targetExists ? "already_renamed" : "source_missing",
    });
  }
  return { hints: resolved, problems };
}

function oldId(
  hint: RenameHint,
  tableRenames: ReadonlyMap<string, { schema: string; name: string }>,
  typeRenames: ReadonlyMap<string, string>,
): string {
  if (hint.kind === "value") return typeRenames.get(hint.targetId) ?? hint.fromId;
  if ((hint.kind === "column" || hint.kind === "constraint") && hint.table) {
    const renamed = tableRenames.get(ids.table(hint.table.schema, hint.table.name));
    const table = renamed ?? hint.table;
    return hint.kind === "column"
      ? ids.column(table.schema, table.name, hint.from.name)
      : ids.constraint(table.schema, table.name, hint.from.name);
  }
  return hint.fromId;
}

function exists(state: SchemaState, hint: RenameHint, id: string, label: string | undefined): boolean {
  switch (hint.kind) {
    case "column":
      return Object.values(state.tables).some((table) => table.columns.some((column) => column.id === id));
    case "table":
      return id in state.tables;
    case "index":
      return id in state.indexes;
    case "view":
      return id in state.views;
    case "materialized_view":
      return id in state.materializedViews;
    case "sequence":
      return id in state.sequences;
    case "type":
      return id in state.types;
    case "function":
      return id in state.functions || id in state.aggregates;
    case "constraint":
      return id in state.constraints;
    case "schema":
      return id in state.schemas;
    case "value": {
      const type = state.types[id];
      return type?.kind === "enum" && label !== undefined && type.labels.includes(label);
    }
    default: {
      const _exhaustive: never = hint.kind;
      return _exhaustive;
    }
  }
}
