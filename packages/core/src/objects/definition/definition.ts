/**
 * Definition kinds: object kinds whose whole definition is created by one CREATE (and settings it
 * cannot say), changed by ALTER where PostgreSQL has one and otherwise dropped and created again —
 * operators, casts, operator classes, text search objects, publications, rules, foreign data
 * wrappers, languages, …. One differ (definition.diff.ts) and one set of step handlers
 * (definition.steps.ts) serve all of them; each kind's folder holds its model, its SQL (through
 * sql/quote.ts) and this spec, reached through its `KindSpec.definition` (objects/kinds.ts).
 */
import type { UnmanagedKind } from "../../model/catalog-kinds.js";
import type { CollectionModels, DefinitionCollection } from "../../model/state.js";
import type { Hazard, LockLevel } from "../../step/step.js";

/** What every object of a definition kind has. */
export interface DefinitionObject {
  readonly id: string;
  readonly comment: string | null;
}

/**
 * An object's definition: every field but those other kinds diff — the comment (set_comment), the
 * owner and grants (the owner and privilege differs).
 */
export function definitionFields<M extends DefinitionObject>(object: M): Readonly<Record<string, unknown>> {
  const {
    comment: _comment,
    owner: _owner,
    privileges: _privileges,
    ...rest
  } = object as M & Readonly<Record<string, unknown>>;
  return rest;
}

export interface DefinitionSpec<M extends DefinitionObject> {
  /** Its id, from its identity fields (the inspector reads those; objects/<kind>/<kind>.model.ts). */
  readonly id: (object: Omit<M, "id">) => string;
  /** The noun of its step kinds (`create_operator`, `drop_operator`, `alter_operator`) and messages. */
  readonly noun: string;
  /**
   * PostgreSQL's names of the catalog kinds it manages (core `UNMANAGED_KINDS`): the desired state
   * accepts their statements, and plans no longer list live ones as unmanaged.
   */
  readonly catalogKinds: readonly UnmanagedKind[];
  /**
   * How COMMENT ON and ALTER … OWNER TO name it: its keyword and quoted name
   * (`OPERATOR public.=== (integer, integer)`), built through sql/quote.ts.
   */
  readonly target: (object: M) => string;
  /** The statements that create it: its CREATE, then what CREATE cannot say. */
  readonly create: (object: M) => readonly string[];
  /** The statement that drops it. */
  readonly drop: (object: M) => string;
  /**
   * The statements that turn `from` into `to` in place when their definitions differ (comment,
   * owner and grants aside), or null when only DROP + CREATE gets there. Absent: always replaced.
   */
  readonly alter?: (from: M, to: M) => readonly AlterStatement[] | null;
  /**
   * How a `-- @renamed-<noun>` hint renames it in place (definition.rename.ts): `rename` — `ALTER
   * <target> SET SCHEMA` when the hint's `from` names another schema, then `ALTER <target> RENAME
   * TO`; `set_schema` — a kind PostgreSQL moves but cannot rename (an operator); `within_relation`
   * — named within its table (a rule: `ALTER RULE r ON t RENAME TO`, after the table's own rename,
   * never moved on its own). Absent: a kind
   * with no name or no ALTER for it, whose hints the desired state refuses.
   */
  readonly renamed?: "rename" | "set_schema" | "within_relation";
  /**
   * Ids an in-place rename needs first, in the desired id space (a rule: its table or view, which
   * its own rename moves before). Absent: its schema, when it has one.
   */
  readonly renameRequires?: (object: M) => readonly string[];
  /** Ids its CREATE names, in the desired id space (its schema, functions, types, tables). */
  readonly requires: (object: M) => readonly string[];
  /** Where its steps fall among ready steps (step/priorities.ts). */
  readonly priority: { readonly create: number; readonly drop: number };
  /** Hazards of dropping it (a publication: replication of its tables stops). */
  readonly dropHazards?: (object: M) => readonly Hazard[];
  /** The lock its statements take on another object (a rule: its table), if any. */
  readonly lock?: (object: M) => { readonly level: LockLevel; readonly on: string } | null;
}

/**
 * One statement of an in-place change: its SQL, or its SQL and its hazards (a table leaving a
 * publication: `PUBLICATION_DROP`).
 */
export type AlterStatement = string | { readonly sql: string; readonly hazards: readonly Hazard[] };

/** The object type of a definition collection. */
export type DefinitionOf<C extends DefinitionCollection> = CollectionModels[C];
