/**
 * What every change declares besides its payload: the object ids it creates, drops, requires and
 * alters. The planner derives the DAG's edges from these and from catalog dependencies; no change
 * is ordered by hand (see plan/edges.ts for the rules).
 */
export interface ChangeDeps {
  /** Ids that exist after the change and not before (a rename creates the new id). */
  readonly creates: readonly string[];
  /** Ids that existed before the change and not after (a rename drops the old id). */
  readonly drops: readonly string[];
  /** Ids the change's SQL needs to exist, in the desired state's id space (the table an index is on). */
  readonly requires: readonly string[];
  /**
   * Ids changed in place (a column whose type changes). Current dependents of these that are dropped
   * go first; desired dependents that are created go after (the drop-early pattern for views).
   */
  readonly alters: readonly string[];
  /**
   * Ids that gain something in place that dependents may use (an enum value, a NOT NULL): desired
   * dependents that are created go after; unlike `alters`, current dependents need not go first.
   */
  readonly extends: readonly string[];
}

export interface ChangeBase {
  /** `<verb>_<object kind>`: `create_table`, `rename_column`, `drop_index`, … */
  readonly kind: string;
  /** The object the change is about (its id in the desired state, or current for drops). */
  readonly objectId: string;
  readonly deps: ChangeDeps;
}

/** Builds a ChangeDeps, every list defaulting to empty. */
export function deps(parts: Partial<ChangeDeps>): ChangeDeps {
  return {
    creates: parts.creates ?? [],
    drops: parts.drops ?? [],
    requires: parts.requires ?? [],
    alters: parts.alters ?? [],
    extends: parts.extends ?? [],
  };
}

/** A table reference carried by changes on sub-objects, so renderers need no state lookups. */
export interface TableRef {
  readonly id: string;
  readonly schema: string;
  readonly name: string;
}
