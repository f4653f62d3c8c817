import { alg, Graph } from "@dagrejs/graphlib";
import type { Change } from "../../diff/change.js";
import { type ChangeBase, deps, type TableRef } from "../../diff/change-base.js";
import { deepEqual, partitionIds } from "../../diff/compare.js";
import type { DiffContext } from "../../diff/context.js";
import { relationRef, tableRef } from "../../diff/lookup.js";
import { PgFluxError } from "../../errors.js";
import { ids } from "../../model/ids.js";
import type { ForeignKeyConstraint, Policy, SchemaState, Table } from "../../model/state.js";
import { accessMethodId } from "../access-method/access-method.model.js";
import {
  checkCompressionSupported,
  checkGeneratedSupported,
  columnTarget,
  diffColumnSettings,
  diffColumns,
} from "../column/column.diff.js";
import { diffComment } from "../comment/comment.diff.js";
import { drop as dropConstraint, inlinedInCreateTable } from "../constraint/constraint.diff.js";

/** Tables: renames (incl. schema moves), creates, drops, and per-table alterations with their columns. */
export function diffTables(ctx: DiffContext): readonly Change[] {
  checkCompressionSupported(ctx);
  const changes: Change[] = [];
  for (const rename of ctx.renames) {
    if (rename.kind !== "table") continue;
    const from = ctx.currentAll.tables[rename.from];
    const to = ctx.desired.tables[rename.to];
    if (!from || !to) continue;
    const moved = ctx.current.tables[to.id];
    changes.push({
      kind: "rename_table",
      objectId: to.id,
      from: tableRef(from),
      to: tableRef(to),
      deps: deps({
        drops: [from.id, ...from.columns.map((c) => c.id)],
        // Only the columns the desired table keeps: a moved column that is dropped in the same plan
        // is dropped after the rename (it requires the new table id), not "before it is created again".
        creates: [
          to.id,
          ...(moved?.columns.filter((c) => to.columns.some((d) => d.id === c.id)).map((c) => c.id) ?? []),
        ],
        requires: [ids.schema(to.schema)],
      }),
    });
  }

  const { both, dropped, added } = partitionIds(ctx.current.tables, ctx.desired.tables);
  for (const id of added) changes.push(...createTable(ctx, ctx.desired.tables[id]!));
  const subObjects = subObjectsByTable(ctx.current);
  const cyclic = linksInCycles(ctx.current, new Set(dropped));
  for (const link of cyclic) {
    const table = ctx.current.tables[link.table]!;
    if (link.kind === "foreign_key") changes.push(dropConstraint(table, link));
    else
      changes.push({
        kind: "drop_policy",
        objectId: link.id,
        table: tableRef(table),
        policy: link,
        deps: deps({ drops: [link.id], requires: [table.id] }),
      });
  }
  const droppedFirst = new Set(cyclic.map((link) => link.id));
  for (const id of dropped) {
    const table = ctx.current.tables[id]!;
    // Partitions go with a dropped parent.
    if (
      table.partitionOf &&
      !ctx.desired.tables[table.partitionOf.parent] &&
      ctx.current.tables[table.partitionOf.parent]
    )
      continue;
    const partitions = table.partitionBy ? partitionsOf(ctx.current, id) : [];
    changes.push({
      kind: "drop_table",
      objectId: id,
      table,
      // DROP TABLE takes its columns, constraints, indexes, triggers, policies and partitions
      // along: whatever depends on one of those (a table whose foreign key references it, a
      // function its trigger calls) is ordered as if each were dropped on its own.
      deps: deps({
        drops: [
          id,
          ...partitions,
          ...[id, ...partitions].flatMap((t) => subObjects.get(t) ?? []).filter((s) => !droppedFirst.has(s)),
        ],
      }),
    });
  }
  for (const id of both) changes.push(...alterTable(ctx, ctx.current.tables[id]!, ctx.desired.tables[id]!));
  return changes;
}

function createTable(ctx: DiffContext, table: Table): readonly Change[] {
  for (const column of table.columns) checkGeneratedSupported(ctx, table, column);
  const constraints = inlinedInCreateTable(ctx.desired, table.id);
  const parent = table.partitionOf ? relationRef(ctx.desiredAll, table.partitionOf.parent) : undefined;
  const inherits = table.inherits
    .map((id) => relationRef(ctx.desiredAll, id))
    .filter((r): r is TableRef => r !== undefined);
  const indexIds = constraints.flatMap((c) => ("index" in c ? [c.index] : []));
  const changes: Change[] = [
    {
      kind: "create_table",
      objectId: table.id,
      table,
      constraints,
      partitionOf: parent && table.partitionOf ? { parent, bound: table.partitionOf.bound } : null,
      inherits,
      deps: deps({
        creates: [table.id, ...table.columns.map((c) => c.id), ...constraints.map((c) => c.id), ...indexIds],
        requires: [
          ids.schema(table.schema),
          ...(table.partitionOf ? [table.partitionOf.parent] : []),
          ...table.inherits,
          ...(table.ofType === undefined ? [] : [table.ofType]),
          ...(table.accessMethod === undefined ? [] : [accessMethodId(table.accessMethod)]),
        ],
      }),
    },
  ];
  const ref = tableRef(table);
  if (table.rowSecurity || table.forceRowSecurity) {
    changes.push({
      kind: "toggle_rls",
      objectId: table.id,
      table: ref,
      rowSecurity: table.rowSecurity ? true : null,
      forceRowSecurity: table.forceRowSecurity ? true : null,
      deps: deps({ requires: [table.id] }),
    });
  }
  if (table.replicaIdentity !== "default") changes.push(replicaIdentity(ctx, table));
  if (table.clusterIndex !== null) changes.push(clusterOn(ctx, table));
  changes.push(...diffColumnSettings(ctx, null, table));
  changes.push(...diffComment(table.id, { kind: "table", ...nameOf(table) }, null, table.comment));
  if (!table.partitionOf) {
    for (const column of table.columns) {
      if (column.isLocal)
        changes.push(...diffComment(column.id, columnTarget(table, column), null, column.comment));
    }
  }
  return changes;
}

function alterTable(ctx: DiffContext, from: Table, to: Table): readonly Change[] {
  const changes: Change[] = [];
  const ref = tableRef(to);
  const base = (): Pick<ChangeBase, "objectId" | "deps"> => ({
    objectId: to.id,
    deps: deps({ requires: [to.id], alters: [to.id] }),
  });
  if (!deepEqual(from.partitionBy, to.partitionBy)) {
    throw new PgFluxError(
      `cannot change how ${to.schema}.${to.name} is partitioned (${from.partitionBy?.definition ?? "not partitioned"} → ${to.partitionBy?.definition ?? "not partitioned"}): PostgreSQL has no ALTER for it and the rows must be moved`,
      {
        code: "refused",
        objectId: to.id,
        hint: "create the new partitioned table under another name, backfill it, then swap names (docs/recipes.md: partition an existing table)",
      },
    );
  }
  if (!deepEqual(from.partitionOf, to.partitionOf)) {
    const oldParent = from.partitionOf ? relationRef(ctx.current, from.partitionOf.parent) : undefined;
    const newParent = to.partitionOf ? relationRef(ctx.desired, to.partitionOf.parent) : undefined;
    if (oldParent) changes.push({ kind: "detach_partition", ...base(), parent: oldParent, table: ref });
    if (newParent && to.partitionOf) {
      changes.push({
        kind: "attach_partition",
        ...base(),
        deps: deps({ requires: [to.id, newParent.id], alters: [to.id] }),
        parent: newParent,
        table: ref,
        bound: to.partitionOf.bound,
      });
    }
  }
  if (from.accessMethod !== to.accessMethod) changes.push(setAccessMethod(ctx, to));
  if (from.persistence !== to.persistence) {
    changes.push({ kind: "set_table_persistence", ...base(), table: ref, persistence: to.persistence });
  }
  if (!deepEqual(from.options, to.options)) {
    const key = (option: string) =>
      option.slice(0, option.indexOf("=") === -1 ? undefined : option.indexOf("="));
    const desiredKeys = new Set(to.options.map(key));
    changes.push({
      kind: "set_table_options",
      ...base(),
      table: ref,
      set: to.options.filter((o) => !from.options.includes(o)),
      reset: from.options.map(key).filter((k) => !desiredKeys.has(k)),
    });
  }
  for (const parent of from.inherits.filter((p) => !to.inherits.includes(p))) {
    const parentRef = relationRef(ctx.current, parent);
    if (parentRef)
      changes.push({ kind: "alter_table_inherit", ...base(), table: ref, parent: parentRef, inherit: false });
  }
  for (const parent of to.inherits.filter((p) => !from.inherits.includes(p))) {
    const parentRef = relationRef(ctx.desired, parent);
    if (parentRef) {
      changes.push({
        kind: "alter_table_inherit",
        ...base(),
        deps: deps({ requires: [to.id, parent], alters: [to.id] }),
        table: ref,
        parent: parentRef,
        inherit: true,
      });
    }
  }
  const typed = to.ofType !== undefined && from.ofType === to.ofType;
  if (typed && from.columns.map((c) => c.name).join() !== to.columns.map((c) => c.name).join()) {
    throw new PgFluxError(
      `cannot change the columns of typed table ${to.schema}.${to.name}: they are the attributes of its type, which PostgreSQL changes only with ALTER TYPE … CASCADE, and pg-flux does not plan that yet`,
      {
        code: "refused",
        objectId: to.id,
        hint: "run ALTER TYPE … ADD/DROP/ALTER ATTRIBUTE … CASCADE in a versioned migration (pg-flux push), then plan again",
      },
    );
  }
  // NOT OF before the columns change (a typed table's cannot), OF after they match the type's; no
  // `alters`, which would put the column drops before NOT OF and the column adds after OF
  if (from.ofType !== undefined && from.ofType !== to.ofType) {
    changes.push({
      kind: "alter_table_of",
      objectId: to.id,
      deps: deps({ requires: [to.id] }),
      table: ref,
      ofType: null,
    });
  }
  if (!to.partitionOf || !from.partitionOf) changes.push(...diffColumns(ctx, from, to));
  if (to.ofType !== undefined && from.ofType !== to.ofType) {
    changes.push({
      kind: "alter_table_of",
      objectId: to.id,
      deps: deps({ requires: [to.id, to.ofType, ...to.columns.map((column) => column.id)] }),
      table: ref,
      ofType: to.ofType,
    });
  }
  changes.push(...diffColumnSettings(ctx, from, to));
  if (from.rowSecurity !== to.rowSecurity || from.forceRowSecurity !== to.forceRowSecurity) {
    changes.push({
      kind: "toggle_rls",
      ...base(),
      table: ref,
      rowSecurity: from.rowSecurity === to.rowSecurity ? null : to.rowSecurity,
      forceRowSecurity: from.forceRowSecurity === to.forceRowSecurity ? null : to.forceRowSecurity,
      // Requires only: declaring `alters` would order CREATE POLICY after ENABLE (and DROP POLICY
      // before DISABLE), the seed's dangerous order; priorities 12 < 65 < 70 give the safe one.
      deps: deps({ requires: [to.id] }),
    });
  }
  if (from.replicaIdentity !== to.replicaIdentity || from.replicaIdentityIndex !== to.replicaIdentityIndex) {
    changes.push(replicaIdentity(ctx, to));
  }
  if (from.clusterIndex !== to.clusterIndex || (to.clusterIndex !== null && rebuilt(ctx, to.clusterIndex))) {
    changes.push(clusterOn(ctx, to));
  }
  changes.push(...diffComment(to.id, { kind: "table", ...nameOf(to) }, from.comment, to.comment));
  return changes;
}

function replicaIdentity(ctx: DiffContext, table: Table): Change {
  const index = table.replicaIdentityIndex ? ctx.desired.indexes[table.replicaIdentityIndex] : undefined;
  return {
    kind: "set_replica_identity",
    objectId: table.id,
    table: tableRef(table),
    identity: table.replicaIdentity,
    index: index?.name ?? null,
    deps: deps({ requires: [table.id, ...(table.replicaIdentityIndex ? [table.replicaIdentityIndex] : [])] }),
  };
}

function clusterOn(ctx: DiffContext, table: Table): Change {
  const index = table.clusterIndex ? ctx.desired.indexes[table.clusterIndex] : undefined;
  return {
    kind: "set_cluster_index",
    objectId: table.id,
    table: tableRef(table),
    index: index?.name ?? null,
    deps: deps({ requires: [table.id, ...(table.clusterIndex ? [table.clusterIndex] : [])] }),
  };
}

/**
 * The index may be built again by this plan (its definition or its constraint changes), which
 * loses the CLUSTER marker: it is set again (a no-op when the index stays).
 */
function rebuilt(ctx: DiffContext, indexId: string): boolean {
  const before = ctx.current.indexes[indexId];
  const after = ctx.desired.indexes[indexId];
  if (!before || !after || !deepEqual(before, after)) return true;
  const constraint = after.constraint;
  return (
    constraint !== null &&
    !deepEqual(ctx.current.constraints[constraint], ctx.desired.constraints[constraint])
  );
}

function nameOf(table: Table) {
  return { schema: table.schema, name: table.name };
}

/** Every id that DROP TABLE removes with a table besides the table: columns, constraints, indexes, triggers, policies. */
function subObjectsByTable(state: SchemaState): ReadonlyMap<string, readonly string[]> {
  const map = new Map<string, string[]>();
  const add = (table: string, id: string) => {
    const list = map.get(table);
    if (list) list.push(id);
    else map.set(table, [id]);
  };
  for (const table of Object.values(state.tables))
    for (const column of table.columns) add(table.id, column.id);
  for (const constraint of Object.values(state.constraints)) add(constraint.table, constraint.id);
  for (const index of Object.values(state.indexes)) add(index.table, index.id);
  for (const trigger of Object.values(state.triggers)) add(trigger.table, trigger.id);
  for (const policy of Object.values(state.policies)) add(policy.table, policy.id);
  return map;
}

/** Partitions of a table, at every level. */
function partitionsOf(state: SchemaState, parent: string): readonly string[] {
  const direct = Object.values(state.tables)
    .filter((t) => t.partitionOf?.parent === parent)
    .map((t) => t.id);
  return direct.flatMap((id) => [id, ...partitionsOf(state, id)]);
}

/**
 * Dropped tables that depend on each other around a loop (foreign keys both ways, a policy on one
 * reading the other that references it): no DROP TABLE of the loop can go first, so the foreign
 * keys and policies that link tables of one loop are dropped on their own before the tables.
 */
function linksInCycles(
  state: SchemaState,
  dropped: ReadonlySet<string>,
): readonly (ForeignKeyConstraint | Policy)[] {
  const tableOf = new Map<string, string>();
  for (const id of dropped) {
    tableOf.set(id, id);
    for (const column of state.tables[id]?.columns ?? []) tableOf.set(column.id, id);
  }
  const links: {
    readonly object: ForeignKeyConstraint | Policy;
    readonly from: string;
    readonly to: string;
  }[] = [];
  for (const constraint of Object.values(state.constraints)) {
    if (constraint.kind !== "foreign_key" || !dropped.has(constraint.table)) continue;
    if (dropped.has(constraint.referencedTable) && constraint.referencedTable !== constraint.table)
      links.push({ object: constraint, from: constraint.table, to: constraint.referencedTable });
  }
  const droppedPolicies = Object.values(state.policies).filter((p) => dropped.has(p.table));
  if (droppedPolicies.length > 0) {
    const policyById = new Map(droppedPolicies.map((p) => [p.id, p] as const));
    for (const { dependent, referenced } of state.dependencies) {
      const policy = policyById.get(dependent);
      const to = tableOf.get(referenced);
      if (policy && to && to !== policy.table) links.push({ object: policy, from: policy.table, to });
    }
  }
  if (links.length === 0) return [];
  const graph = new Graph({ directed: true });
  for (const link of links) graph.setEdge(link.from, link.to);
  const component = new Map<string, number>();
  alg.tarjan(graph).forEach((members, i) => {
    for (const member of members) component.set(member, i);
  });
  const chosen = new Map<string, ForeignKeyConstraint | Policy>();
  for (const link of links) {
    if (component.get(link.from) === component.get(link.to)) chosen.set(link.object.id, link.object);
  }
  return [...chosen.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Another table access method: `ALTER TABLE … SET ACCESS METHOD` rewrites the table (PostgreSQL
 * 15+); PostgreSQL 14 has no such statement, so the change is refused there with the reason.
 */
function setAccessMethod(ctx: DiffContext, to: Table): Change {
  const method = to.accessMethod ?? "heap";
  if (ctx.current.server.major < 15) {
    throw new PgFluxError(
      `cannot change the access method of table ${to.schema}.${to.name} to ${method}: PostgreSQL ${ctx.current.server.major} has no ALTER TABLE … SET ACCESS METHOD (15+)`,
      {
        code: "refused",
        objectId: to.id,
        hint: "copy the rows into a new table created USING the method and swap the names in a versioned migration (pg-flux push), or upgrade the server to PostgreSQL 15",
      },
    );
  }
  return {
    kind: "set_table_access_method",
    objectId: to.id,
    deps: deps({
      requires: [to.id, ...(to.accessMethod === undefined ? [] : [accessMethodId(to.accessMethod)])],
      alters: [to.id],
    }),
    table: tableRef(to),
    accessMethod: to.accessMethod,
  };
}
