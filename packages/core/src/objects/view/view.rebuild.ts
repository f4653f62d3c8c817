import type { DiffContext } from "../../diff/context.js";
import type { SchemaState } from "../../model/state.js";
import { replacedExtensions } from "../extension/extension.compare.js";
import { recreatedRoutines } from "../function/routine-dependents.js";
import { materializedViewNeedsRecreate } from "../materialized-view/materialized-view.compare.js";
import { diffTables } from "../table/table.diff.js";
import { diffTypes } from "../type/type.diff.js";
import { viewNeedsRecreate } from "./view.compare.js";

/**
 * The drop-early pass: which views, materialized views, routines, triggers and policies that exist
 * on both sides must be dropped and created again in this plan.
 *
 * Roots are what PostgreSQL refuses to change under a dependent object:
 * - a column whose type changes or that is dropped (`cannot alter type of a column used by a view
 *   or rule`, `… used in a policy definition`, `… used in a trigger definition`) — read from the table differ's own `alter_column_type`/`drop_column` changes so the
 *   two never disagree — and a type recreated under a temporary name, with the columns it converts;
 * - a table, view, materialized view or routine that is dropped (its remaining dependents must name
 *   something else now, even when their deparsed text reads the same);
 * - an object of these kinds that is itself recreated (a view whose columns change incompatibly,
 *   a materialized view whose query changes, a function whose return type or parameters change, an
 *   aggregate that changes), and a non-relocatable extension moved by DROP + CREATE.
 * Then every current dependent (pg_depend/pg_rewrite, plus a trigger's table and function and an
 * event trigger's function) that is one of these kinds and exists on both sides is recreated too,
 * transitively: views on views, triggers on recreated views, views using a recreated function,
 * policies (on any table) that read a retyped column or call a recreated routine.
 *
 * The differs emit a drop (priority DROP_VIEW_EARLY; a policy's at DROP_POLICY) and a create for
 * each; ordering against the column change comes from the column change's `alters` and the catalog
 * dependencies (README step 3). Drops and creates are transactional steps, so where nothing
 * autocommit falls between them no session sees the table without its policy.
 */
export function recreatedObjects(ctx: DiffContext): ReadonlySet<string> {
  const { current, desired } = ctx;
  const roots: string[] = [];
  for (const change of diffTables(ctx)) {
    if (change.kind === "alter_column_type" || change.kind === "drop_column") roots.push(change.objectId);
  }
  // A type recreated under a temporary name converts its columns (ALTER COLUMN … TYPE) and is
  // dropped: both refuse while views or routines use them.
  for (const change of diffTypes(ctx)) {
    if (change.kind === "recreate_type") roots.push(...change.deps.alters);
  }
  const both = <T>(
    from: Readonly<Record<string, T>>,
    to: Readonly<Record<string, T>>,
    test: (a: T, b: T) => boolean,
  ) => {
    for (const [id, a] of Object.entries(from)) {
      const b = to[id];
      if (b !== undefined && test(a, b)) roots.push(id);
    }
  };
  // Dropped relations and routines whose dependents stay: those dependents now name something
  // else (a table replaced by a view of the same name reads the same in pg_get_viewdef).
  for (const collection of ["tables", "views", "materializedViews", "functions", "aggregates"] as const) {
    for (const id of Object.keys(current[collection])) if (!desired[collection][id]) roots.push(id);
  }
  // pg_depend keeps a view's column references and drops its whole-table one.
  for (const table of Object.values(current.tables)) {
    if (!desired.tables[table.id]) roots.push(...table.columns.map((column) => column.id));
  }
  both(current.views, desired.views, viewNeedsRecreate);
  both(current.materializedViews, desired.materializedViews, (from, to) =>
    materializedViewNeedsRecreate(from, to, current.server.major),
  );
  roots.push(...recreatedRoutines(ctx));
  roots.push(...replacedExtensions(ctx));

  const dependents = dependentsOf(current);
  const recreated = new Set<string>();
  const queue = [...roots];
  for (const id of roots) if (onBothSides(ctx, id)) recreated.add(id);
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const dependent of dependents.get(id) ?? []) {
      if (recreated.has(dependent) || !onBothSides(ctx, dependent)) continue;
      recreated.add(dependent);
      queue.push(dependent);
    }
  }
  return recreated;
}

/** Is `id` an object of the drop-early kinds present in both states (and diffed at all)? */
function onBothSides(ctx: DiffContext, id: string): boolean {
  const { current, desired } = ctx;
  const pick = (state: SchemaState) =>
    state.views[id] ??
    state.materializedViews[id] ??
    state.functions[id] ??
    state.aggregates[id] ??
    state.eventTriggers[id] ??
    state.triggers[id] ??
    state.policies[id] ??
    state.rules[id];
  const from = pick(current);
  const to = pick(desired);
  if (!from || !to) return false;
  // Triggers a partition has because its parent has one follow the parent.
  return !(from.kind === "trigger" && from.parentTrigger !== null);
}

function dependentsOf(state: SchemaState): ReadonlyMap<string, readonly string[]> {
  const map = new Map<string, string[]>();
  const add = (dependent: string, referenced: string) => {
    const list = map.get(referenced);
    if (list) list.push(dependent);
    else map.set(referenced, [dependent]);
  };
  for (const { dependent, referenced } of state.dependencies) add(dependent, referenced);
  for (const trigger of Object.values(state.triggers)) {
    add(trigger.id, trigger.table);
    add(trigger.id, trigger.function);
  }
  for (const trigger of Object.values(state.eventTriggers)) add(trigger.id, trigger.function);
  return map;
}

/**
 * Ids of current relations named like `relation` (one pg_class namespace for tables, views,
 * materialized views, sequences and indexes) that the desired state no longer has. A create of
 * `relation` lists them in its `creates`: edge rule (b) then runs their drop first (a table
 * replaced by a view of the same name), without any hand ordering.
 */
export function takenNames(
  ctx: DiffContext,
  relation: { readonly id: string; readonly schema: string; readonly name: string },
): readonly string[] {
  const { current, desired } = ctx;
  const taken: string[] = [];
  for (const collection of ["tables", "views", "materializedViews", "sequences", "indexes"] as const) {
    for (const other of Object.values(current[collection])) {
      if (other.schema === relation.schema && other.name === relation.name && other.id !== relation.id) {
        if (!desired[collection][other.id]) taken.push(other.id);
      }
    }
  }
  return taken;
}
