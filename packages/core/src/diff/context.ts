import type { SchemaState } from "../model/state.js";
import type { PlanOptions } from "../step/plan-options.js";
import type { Rename } from "./rename.js";

export interface DiffOptions {
  /** Resolved rename hints (current id → desired id). */
  readonly renames?: readonly Rename[];
  /**
   * Managed schemas: objects outside them are never created, altered or dropped. Default: the
   * desired state's `managedSchemas`, else the current state's, else every schema.
   */
  readonly schemas?: readonly string[] | null;
  /** Online-rewrite options; the differ reads none of them today but passes them on. */
  readonly plan?: Partial<PlanOptions>;
}

/** What every per-kind differ receives. Both states are already filtered to the managed schemas. */
export interface DiffContext {
  /** The current state with the renames applied (see applyRenames). */
  readonly current: SchemaState;
  readonly desired: SchemaState;
  /** The unfiltered, un-renamed current state (for lookups of objects outside the managed schemas). */
  readonly currentAll: SchemaState;
  /** The unfiltered desired state. */
  readonly desiredAll: SchemaState;
  readonly renames: readonly Rename[];
  /** Is the schema managed? */
  readonly isManaged: (schema: string) => boolean;
  /** What the plan drops and creates again because a change forces it (diff/cascade.ts). */
  readonly cascade: Cascade;
}

/**
 * The cascade: objects the plan drops and creates again, although they read the same on both sides,
 * because something they depend on changes in a way PostgreSQL refuses under them. Computed once,
 * in a named phase before any differ runs (diff/cascade.ts); differs read it and never compute it.
 */
export interface Cascade {
  /**
   * Routines the plan drops that a routine it creates would make ambiguous, by the new routine's
   * id (objects/function/routine-dependents.ts).
   */
  readonly supersededRoutines: ReadonlyMap<string, readonly string[]>;
  /** Generated columns dropped and added again (objects/column/column.replaced.ts). */
  readonly replacedColumns: ReadonlySet<string>;
  /**
   * Column defaults, CHECKs, indexes and statistics taken off a recreated routine, a replaced
   * column or a moved extension and put back (objects/function/routine-dependents.ts).
   */
  readonly routineDependents: ReadonlySet<string>;
  /**
   * Views, materialized views, routines, triggers and policies dropped early and created again:
   * the drop-early pass (objects/view/view.rebuild.ts).
   */
  readonly recreated: ReadonlySet<string>;
}
