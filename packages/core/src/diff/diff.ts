import type { SchemaState } from "../model/state.js";
import { COLLECTIONS } from "../objects/kinds.js";
import { DIFFERS } from "../objects/registry.js";
import { applyRenames } from "./apply-renames.js";
import { cascadeOf } from "./cascade.js";
import type { Change } from "./change.js";
import type { DiffContext, DiffOptions } from "./context.js";
import { filterState, managedSchemaTest } from "./filter.js";
import { implicitRenames } from "./implicit-renames.js";
import { followRoutineIdentities } from "./routine-identity.js";

/**
 * The context every per-kind differ receives: renames applied (hinted, implied by them, and
 * routines PostgreSQL identifies as the same one: routine-identity.ts), both sides filtered, and
 * the cascade computed (cascade.ts).
 */
export function diffContext(
  current: SchemaState,
  desired: SchemaState,
  options: DiffOptions = {},
): DiffContext {
  const hinted = options.renames ?? [];
  const renames = [...hinted, ...implicitRenames(current, desired, hinted)];
  const isManaged = managedSchemaTest(options.schemas, current, desired);
  const base = {
    current: filterState(
      followRoutineIdentities(applyRenames(current, desired, renames), desired),
      isManaged,
    ),
    desired: filterState(desired, isManaged),
    currentAll: current,
    desiredAll: desired,
    renames,
    isManaged,
  };
  return { ...base, cascade: cascadeOf(base) };
}

/**
 * Every change that turns `current` into `desired`, unordered (the planner orders them). Pure and
 * deterministic: collections are walked in COLLECTIONS order, ids in sorted order.
 */
export function diff(
  current: SchemaState,
  desired: SchemaState,
  options: DiffOptions = {},
): readonly Change[] {
  return diffWithContext(diffContext(current, desired, options));
}

/** The changes for an already-built context (the planner reuses the context's states). */
export function diffWithContext(ctx: DiffContext): readonly Change[] {
  return COLLECTIONS.flatMap((collection) => DIFFERS[collection](ctx));
}
