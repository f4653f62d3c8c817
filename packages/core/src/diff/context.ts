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
}
