import {
  DEFINITION_RENAMES,
  type DefinitionRenameKind,
  decodeId,
  ids,
  nearest,
  type Problem,
  ruleId,
  type SchemaState,
} from "@pg-flux/core";
import type { RenameHint } from "./hint.model.js";

/**
 * What a hint means against the current database:
 * - `rename`: the old object exists and the new one does not: rename it;
 * - `already_renamed`: the old one is gone and the new one exists: the rename happened, nothing to do
 *   (so hints can stay in the files);
 * - `source_missing`: neither exists, and neither does anything the hint could be about (a new
 *   database, a new table): nothing to rename, the object is created.
 *
 * A hint that matches nothing — neither name exists where objects of its kind do exist (the table
 * of a column hint, the enum of a value hint, tables in the schema of a table hint) — is a problem:
 * it is usually a typo, and without it the old object would be dropped.
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
    // role hints are resolved against the server's roles (--manage-roles), not the schema
    if (hint.kind === "role") continue;
    const fromId = oldId(hint, tableRenames, typeRenames);
    const targetExists = exists(current, hint, hint.targetId, hint.value);
    const sourceExists = exists(current, hint, fromId, hint.from.name);
    const at = {
      location: hint.location,
      ...(hint.sourceLine === undefined ? {} : { sourceLine: hint.sourceLine }),
    };
    if (!exists(desired, hint, hint.targetId, hint.value)) {
      problems.push({
        message: `rename hint target ${hint.targetId}${hint.value === undefined ? "" : ` value '${hint.value}'`} is not in the desired state`,
        ...at,
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
        ...at,
        hint: "drop or rename one of them in a versioned migration, or remove the hint",
      });
      continue;
    }
    if (!sourceExists && !targetExists) {
      const nothing = matchesNothing(hint, fromId, oldTable(hint, tableRenames), current, desired);
      if (nothing) {
        problems.push({ ...nothing, ...at });
        continue;
      }
    }
    resolved.push({
      hint,
      fromId,
      status: sourceExists ? "rename" : targetExists ? "already_renamed" : "source_missing",
    });
  }
  return { hints: resolved, problems };
}

/** A column or constraint hint's table under its current name (the table's own rename undone). */
function oldTable(
  hint: RenameHint,
  tableRenames: ReadonlyMap<string, { schema: string; name: string }>,
): { readonly schema: string; readonly name: string } | undefined {
  if (!hint.table) return undefined;
  return tableRenames.get(ids.table(hint.table.schema, hint.table.name)) ?? hint.table;
}

function oldId(
  hint: RenameHint,
  tableRenames: ReadonlyMap<string, { schema: string; name: string }>,
  typeRenames: ReadonlyMap<string, string>,
): string {
  if (hint.kind === "value") return typeRenames.get(hint.targetId) ?? hint.fromId;
  const table = oldTable(hint, tableRenames);
  if (table) {
    switch (hint.kind) {
      case "column":
        return ids.column(table.schema, table.name, hint.from.name);
      case "constraint":
        return ids.constraint(table.schema, table.name, hint.from.name);
      case "policy":
        return ids.policy(table.schema, table.name, hint.from.name);
      case "trigger":
        return ids.trigger(table.schema, table.name, hint.from.name);
      case "rule":
        return ruleId(table.schema, table.name, hint.from.name);
    }
  }
  return hint.fromId;
}

/** A named object of the state, as a hint's old name is looked up (no schema: a database-wide kind). */
interface Named {
  readonly id: string;
  readonly schema?: string;
  readonly name: string;
}

/** Is the hint's kind a definition kind's (a publication, a text search configuration, …)? */
function isDefinition(kind: RenameHint["kind"]): kind is DefinitionRenameKind {
  return kind in DEFINITION_RENAMES;
}

/** The objects of a definition kind (a rule's name is within its table: looked up by its table). */
function definitionObjects(state: SchemaState, kind: DefinitionRenameKind): readonly Named[] {
  return Object.values(state[DEFINITION_RENAMES[kind]]) as readonly Named[];
}

/** What "matches nothing" reports: the message and the fix, with a name the user may have meant. */
function matchesNothing(
  hint: RenameHint,
  fromId: string,
  table: { readonly schema: string; readonly name: string } | undefined,
  current: SchemaState,
  desired: SchemaState,
): { readonly message: string; readonly hint: string } | null {
  const newName = hint.kind === "value" ? `'${hint.value ?? ""}'` : nameOf(desired, hint, hint.targetId);
  const fix = (meant: string | undefined) =>
    `${meant ? `did you mean ${meant}? ` : ""}write the name the object has in the database now after from=, or remove the hint if ${newName} is new`;
  switch (hint.kind) {
    case "column":
    case "constraint":
    case "policy":
    case "trigger":
    case "rule": {
      // the table by its old name, else by its new one (renamed already); absent: a new table, nothing to rename
      const live =
        table && hint.table
          ? (current.tables[ids.table(table.schema, table.name)] ??
            current.tables[ids.table(hint.table.schema, hint.table.name)])
          : undefined;
      if (!live || !hint.table) return null;
      const desiredTable = ids.table(hint.table.schema, hint.table.name);
      const onTable = (state: SchemaState, tableId: string): readonly string[] => {
        const of = (objects: Readonly<Record<string, { readonly table: string; readonly name: string }>>) =>
          Object.values(objects)
            .filter((object) => object.table === tableId)
            .map((object) => object.name);
        switch (hint.kind) {
          case "column":
            return state.tables[tableId]?.columns.map((column) => column.name) ?? [];
          case "constraint":
            return of(state.constraints);
          case "policy":
            return of(state.policies);
          case "rule":
            return Object.values(state.rules)
              .filter((rule) => rule.relationId === tableId)
              .map((rule) => rule.name);
          default:
            return of(state.triggers);
        }
      };
      const names = onTable(current, live.id);
      const kept = new Set(onTable(desired, desiredTable));
      const dropped = names.filter((name) => !kept.has(name));
      return {
        message: `rename hint matches nothing: ${live.schema}.${live.name} has neither ${hint.kind} ${hint.from.name} (the old name) nor ${newName} in the database`,
        hint: fix(nearest(hint.from.name, dropped, 3)),
      };
    }
    case "value": {
      const type = current.types[fromId];
      if (type?.kind !== "enum") return null;
      const wanted = desired.types[hint.targetId];
      const labels = new Set(wanted?.kind === "enum" ? wanted.labels : []);
      const dropped = type.labels.filter((label) => !labels.has(label));
      const meant = nearest(hint.from.name, dropped, 3);
      return {
        message: `rename hint matches nothing: enum ${type.schema}.${type.name} has neither label '${hint.from.name}' (the old label) nor ${newName} in the database`,
        hint: fix(meant === undefined ? undefined : `'${meant}'`),
      };
    }
    case "schema":
      return null; // schemas have no container: an absent one is simply created
    default: {
      const schema = hint.from.schema ?? objectsOf(desired, hint).find((o) => o.id === hint.targetId)?.schema;
      const live = objectsOf(current, hint).filter((o) => o.schema === schema);
      if (live.length === 0) return null; // nothing of this kind in that schema yet: a new database
      const kept = new Set(objectsOf(desired, hint).map((o) => o.id));
      const dropped = live.filter((o) => !kept.has(o.id)).map((o) => o.name);
      const label = hint.kind.replace(/_/g, " ");
      const old = schema === undefined ? hint.from.name : `${schema}.${hint.from.name}`;
      return {
        message: `rename hint matches nothing: neither ${label} ${old} (the old name) nor ${newName} exists in the database`,
        hint: fix(nearest(hint.from.name, dropped, 3)),
      };
    }
  }
}

function nameOf(state: SchemaState, hint: RenameHint, id: string): string {
  if (hint.table) return decodeId(id)?.names.at(-1) ?? id;
  const found = objectsOf(state, hint).find((o) => o.id === id);
  if (!found) return id;
  return found.schema === undefined ? found.name : `${found.schema}.${found.name}`;
}

/** The objects of the hint's kind (schema-level kinds). */
function objectsOf(state: SchemaState, hint: RenameHint): readonly Named[] {
  if (hint.kind === "rule") return [];
  if (isDefinition(hint.kind)) return definitionObjects(state, hint.kind);
  switch (hint.kind) {
    case "table":
      return Object.values(state.tables);
    case "index":
      return Object.values(state.indexes);
    case "view":
      return Object.values(state.views);
    case "materialized_view":
      return Object.values(state.materializedViews);
    case "sequence":
      return Object.values(state.sequences);
    case "type":
      return Object.values(state.types);
    case "function":
      return Object.values(state.functions);
    case "aggregate":
      return Object.values(state.aggregates);
    case "statistics":
      return Object.values(state.statistics);
    case "event_trigger":
      return Object.values(state.eventTriggers);
    case "policy":
    case "trigger":
    case "column":
    case "constraint":
    case "value":
    case "schema":
    case "role":
      return [];
    default: {
      const _exhaustive: never = hint.kind;
      return _exhaustive;
    }
  }
}

function exists(state: SchemaState, hint: RenameHint, id: string, label: string | undefined): boolean {
  if (isDefinition(hint.kind)) return id in state[DEFINITION_RENAMES[hint.kind]];
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
      return id in state.functions;
    case "aggregate":
      return id in state.aggregates;
    case "statistics":
      return id in state.statistics;
    case "event_trigger":
      return id in state.eventTriggers;
    case "policy":
      return id in state.policies;
    case "trigger":
      return id in state.triggers;
    case "constraint":
      return id in state.constraints;
    case "schema":
      return id in state.schemas;
    // not in a SchemaState: resolveHints leaves role hints to the managed-role planning
    case "role":
      return false;
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
