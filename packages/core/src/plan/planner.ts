import type { Change } from "../diff/change.js";
import type { ChangeDeps } from "../diff/change-base.js";
import { diffContext, diffWithContext } from "../diff/diff.js";
import type { Rename } from "../diff/rename.js";
import type { SchemaState } from "../model/state.js";
import { expandChange } from "../objects/registry.js";
import { diffRoles } from "../objects/role/role.diff.js";
import type { ManagedRolesPlanInput } from "../objects/role/role.plan.js";
import { renameRole } from "../objects/role/role.rename.js";
import { DEFAULT_PLAN_OPTIONS, type PlanOptions } from "../step/plan-options.js";
import type { ExpandContext } from "../step/step.js";
import { bodyCallDependencies } from "./body-calls.js";
import { dependenciesOf } from "./dependencies.js";
import { fingerprint, planFingerprint } from "./fingerprint.js";
import { groupSteps, type Plan, type Step } from "./plan.js";
import { type SortNode, sortSteps } from "./sort.js";

export interface PlanInput {
  /** Resolved rename hints from the desired-state loader. */
  readonly renames?: readonly Rename[];
  readonly options?: Partial<PlanOptions>;
  /** Managed schemas (default: the states' own `managedSchemas`). */
  readonly schemas?: readonly string[] | null;
  /**
   * Managed roles (`--manage-roles`): their changes come first, the current state is read with
   * the hinted role renames done (owners and grantees follow a renamed role), and both
   * fingerprints cover the roles. Absent: roles are not managed.
   */
  readonly roles?: ManagedRolesPlanInput;
}

/**
 * The plan that moves `current` to `desired` (pure): diff → expand each change into steps (the
 * online rewrites live in the step handlers) → priority-weighted topological sort → transaction
 * groups → fingerprints.
 *
 * `options.verify` is not acted on here: verification applies the plan to a scratch database, which
 * is I/O and belongs to the engine.
 */
export function plan(current: SchemaState, desired: SchemaState, input: PlanInput = {}): Plan {
  return planWithTouches(current, desired, input).plan;
}

/**
 * `plan`, with the ids its changes declare (`PlanTouches`): what verification needs to copy only
 * the part of the current schema the plan touches (plan/touched.ts).
 */
export function planWithTouches(
  current: SchemaState,
  desired: SchemaState,
  input: PlanInput = {},
): { readonly plan: Plan; readonly touches: PlanTouches } {
  const options: PlanOptions = { ...DEFAULT_PLAN_OPTIONS, ...input.options };
  const diffOptions = { renames: input.renames ?? [], schemas: input.schemas ?? null, plan: options };
  const roles = input.roles;
  // owners and grantees follow a renamed role: the database is compared as it will be after the rename
  const renamed = (roles?.renames ?? []).reduce((state, r) => renameRole(state, r.from, r.to), current);
  const ctx = diffContext(renamed, desired, diffOptions);
  const changes = [
    ...(roles ? diffRoles(roles.current, roles.desired, roles.renames) : []),
    ...diffWithContext(ctx),
  ];
  const { steps, warnings, touches } = orderSteps(
    changes,
    { options, server: current.server, defaultPrivileges: current.defaultPrivileges },
    ctx.current,
    ctx.desired,
  );
  const plan: Plan = {
    formatVersion: 1,
    steps,
    groups: groupSteps(steps),
    currentFingerprint: roles ? planFingerprint(current, roles.current) : fingerprint(current),
    desiredFingerprint: roles ? planFingerprint(desired, roles.desired) : fingerprint(desired),
    options,
    warnings,
    ...(roles ? { roleScope: roles.scope } : {}),
  };
  return { plan, touches };
}

/**
 * The ids a plan's changes declare, sorted and de-duplicated. Current ids where an object goes or
 * is renamed away (`drops`), desired ids everywhere else (ChangeDeps).
 */
export interface PlanTouches {
  /** What the plan creates, drops, alters or extends, and the object each change is about. */
  readonly changed: readonly string[];
  /** What it drops (a dropped schema takes whatever it holds along). */
  readonly dropped: readonly string[];
  /** What its SQL only needs to exist: the table an index is built on. */
  readonly required: readonly string[];
}

/** Collects the declarations of every change and step (a step's own `deps` override its change's). */
function touchesCollector(): { add(objectId: string, declared: ChangeDeps): void; done(): PlanTouches } {
  const changed = new Set<string>();
  const dropped = new Set<string>();
  const required = new Set<string>();
  const sorted = (ids: Set<string>) => [...ids].sort();
  return {
    add(objectId, { creates, drops, alters, requires, extends: grows }) {
      for (const id of [objectId, ...creates, ...drops, ...alters, ...grows]) changed.add(id);
      for (const id of drops) dropped.add(id);
      for (const id of requires) required.add(id);
    },
    done: () => ({ changed: sorted(changed), dropped: sorted(dropped), required: sorted(required) }),
  };
}

/**
 * Expands changes into steps and puts them in dependency-then-priority order; `warnings` name the
 * objects that must stay missing across an autocommit step (sort.ts rule (h)).
 */
export function orderSteps(
  changes: readonly Change[],
  ctx: ExpandContext,
  current: SchemaState,
  desired: SchemaState,
): { readonly steps: readonly Step[]; readonly warnings: readonly string[]; readonly touches: PlanTouches } {
  const touches = touchesCollector();
  const drafts: { readonly step: Omit<Step, "dependsOn">; readonly node: SortNode }[] = [];
  const chains: (readonly [string, string])[] = [];
  const used = new Map<string, number>();
  for (const [group, change] of changes.entries()) {
    let previous: string | null = null;
    touches.add(change.objectId, change.deps);
    for (const draft of expandChange(change, ctx)) {
      if (draft.deps) touches.add(change.objectId, draft.deps);
      const base = `${draft.kind}:${change.objectId}`;
      const seen = used.get(base) ?? 0;
      used.set(base, seen + 1);
      const id = seen === 0 ? base : `${base}#${seen + 1}`;
      const { deps: stepDeps, ...rest } = draft;
      drafts.push({
        step: { ...rest, id, objectId: change.objectId },
        node: {
          id,
          index: drafts.length,
          priority: draft.priority,
          group,
          autocommit: draft.transaction === "autocommit",
          deps: stepDeps ?? change.deps,
          sql: draft.sql,
        },
      });
      if (previous !== null) chains.push([previous, id]);
      previous = id;
    }
  }
  const desiredDependencies = dependenciesOf(desired);
  const { order, predecessors, gaps } = sortSteps({
    nodes: drafts.map((d) => d.node),
    chains,
    currentDependencies: dependenciesOf(current),
    desiredDependencies: [...desiredDependencies, ...bodyCallDependencies(desired, desiredDependencies)],
  });
  const byId = new Map(drafts.map((d) => [d.step.id, d.step] as const));
  const warnings = gaps.map(
    ({ object, step }) =>
      `${object} is dropped and created again in separate transactions around the autocommit step ${byId.get(step)?.sql ?? step} (no order avoids it); if that step fails, ${object} stays missing until the next run`,
  );
  const steps = order.map((id) => {
    const step = byId.get(id)!;
    return {
      id: step.id,
      kind: step.kind,
      sql: step.sql,
      objectId: step.objectId,
      transaction: step.transaction,
      lock: step.lock,
      hazards: step.hazards,
      priority: step.priority,
      dependsOn: predecessors.get(id) ?? [],
      longRunning: step.longRunning,
    };
  });
  return { steps, warnings, touches: touches.done() };
}
