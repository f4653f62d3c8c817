import type { Change } from "../diff/change.js";
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
  const { steps, warnings } = orderSteps(
    changes,
    { options, server: current.server, defaultPrivileges: current.defaultPrivileges },
    ctx.current,
    ctx.desired,
  );
  return {
    formatVersion: 1,
    steps,
    groups: groupSteps(steps),
    currentFingerprint: roles ? planFingerprint(current, roles.current) : fingerprint(current),
    desiredFingerprint: roles ? planFingerprint(desired, roles.desired) : fingerprint(desired),
    options,
    warnings,
    ...(roles ? { roleScope: roles.scope } : {}),
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
): { readonly steps: readonly Step[]; readonly warnings: readonly string[] } {
  const drafts: { readonly step: Omit<Step, "dependsOn">; readonly node: SortNode }[] = [];
  const chains: (readonly [string, string])[] = [];
  const used = new Map<string, number>();
  for (const [group, change] of changes.entries()) {
    let previous: string | null = null;
    for (const draft of expandChange(change, ctx)) {
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
  return { steps, warnings };
}
