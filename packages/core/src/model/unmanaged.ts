import { PgFluxError } from "../errors.js";
import { DEFINITION_DROP_STEPS } from "../objects/definition/definition.spec.js";
import type { Plan } from "../plan/plan.js";
import type { UnmanagedKind } from "./catalog-kinds.js";
import type { SchemaState } from "./state.js";

export { UNMANAGED_KINDS, type UnmanagedKind } from "./catalog-kinds.js";

/** What an unmanaged object needs: an object of the state, and whether it goes when that one goes. */
export interface UnmanagedDependency {
  /** An object id of the state (a table, a column, a function, a type, …). */
  readonly id: string;
  /**
   * True when PostgreSQL drops the unmanaged object along with it (a rule with its table, a
   * publication's membership with its table); false when it refuses the drop (a custom operator's
   * function, a rule's column).
   */
  readonly auto: boolean;
}

/** One live object of an unmanaged kind (extension members are the extension's and not listed). */
export interface UnmanagedObject {
  readonly kind: UnmanagedKind;
  /** How a reader finds it: `audit_no_delete on public.audit_log`, `supabase_realtime`. */
  readonly name: string;
  /** What it depends on in the state (pg_depend), so plans can say which of their drops touch it. */
  readonly dependsOn: readonly UnmanagedDependency[];
}

/** How many objects a warning names before it says "and N more". */
const LISTED = 10;

/** Step kinds that drop the object named by their `objectId` (not a part of it, like a default). */
const DROPS = new Set([
  "drop_schema",
  "drop_extension",
  "drop_collation",
  "drop_type",
  "drop_attribute",
  "drop_sequence",
  "drop_table",
  "drop_column",
  "drop_constraint",
  "drop_index",
  "drop_index_concurrently",
  "drop_statistics",
  "drop_view",
  "drop_view_early",
  "drop_materialized_view",
  "drop_materialized_view_early",
  "drop_function",
  "drop_aggregate",
  "drop_trigger",
  "drop_policy",
]);

/** Does a step of this kind drop the object named by its `objectId`? */
function drops(kind: string): boolean {
  return DROPS.has(kind) || DEFINITION_DROP_STEPS.has(kind);
}

/** Step kinds PostgreSQL refuses while a rule or another object uses the column. */
const COLUMN_TYPE_CHANGES = new Set(["alter_column_type", "convert_column_type"]);

/**
 * Plan warnings about live objects pg-flux does not manage: one listing them (left alone), one per
 * object the plan drops that takes some of them along (a table's rules, its publications), and one
 * per step PostgreSQL will refuse because such an object depends on what it drops or retypes (the
 * function of a custom operator, a column a rule reads): the plan fails there at apply, and rolls
 * back, unless the object is dealt with first.
 */
export function unmanagedWarnings(objects: readonly UnmanagedObject[], plan: Plan): string[] {
  if (objects.length === 0) return [];
  const warnings = [
    `the database has ${countOf(objects)} of kinds pg-flux does not manage; the plan leaves ${objects.length === 1 ? "it" : "them"} alone (never created, changed or dropped): ${listOf(objects)}`,
  ];
  const dropped = new Set(plan.steps.filter((step) => drops(step.kind)).map((step) => step.objectId));
  const retyped = new Set(
    plan.steps.filter((step) => COLUMN_TYPE_CHANGES.has(step.kind)).map((step) => step.objectId),
  );
  const goes = new Map<string, UnmanagedObject[]>();
  const blocks = new Map<string, UnmanagedObject[]>();
  for (const object of sorted(objects)) {
    for (const dependency of object.dependsOn) {
      const target = dependency.auto ? goes : blocks;
      const hit = dropped.has(dependency.id) || (!dependency.auto && retyped.has(dependency.id));
      const list = target.get(dependency.id) ?? [];
      if (hit && !list.includes(object)) target.set(dependency.id, [...list, object]);
    }
  }
  for (const [id, lost] of goes) {
    warnings.push(
      `dropping ${id} also drops ${namesOf(lost)}, which pg-flux does not manage: re-create ${lost.length === 1 ? "it" : "them"} by hand if still needed`,
    );
  }
  for (const [id, users] of blocks) {
    const verb = dropped.has(id) ? "dropping" : "changing the type of";
    warnings.push(
      `${verb} ${id} will fail at apply: ${namesOf(users)} depend${users.length === 1 ? "s" : ""} on it and pg-flux does not manage ${users.length === 1 ? "it" : "them"}; drop or change ${users.length === 1 ? "it" : "them"} first (a versioned migration run by pg-flux push)`,
    );
  }
  return warnings;
}

/**
 * The warning for a database used as the desired side (`pg-flux diff --to <url>`): its objects of
 * unmanaged kinds are not in the plan.
 */
export function unmanagedTargetWarnings(objects: readonly UnmanagedObject[]): string[] {
  if (objects.length === 0) return [];
  return [
    `the target database has ${countOf(objects)} of kinds pg-flux does not manage; the plan does not create ${objects.length === 1 ? "it" : "them"}: ${listOf(objects)}`,
  ];
}

function sorted(objects: readonly UnmanagedObject[]): UnmanagedObject[] {
  return [...objects].sort((a, b) => compare(a.kind, b.kind) || compare(a.name, b.name));
}

/** By code unit: the same order on every machine. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function countOf(objects: readonly UnmanagedObject[]): string {
  return `${objects.length} object${objects.length === 1 ? "" : "s"}`;
}

function namesOf(objects: readonly UnmanagedObject[]): string {
  return objects.map((object) => `${object.kind} ${object.name}`).join(", ");
}

/** `rule r on public.t, publication p, and 3 more` */
function listOf(objects: readonly UnmanagedObject[]): string {
  return namedList(sorted(objects).map((object) => `${object.kind} ${object.name}`));
}

/** The first names of `names` as a warning lists them: `a, b, and 3 more`. */
export function namedList(names: readonly string[]): string {
  const listed = names.slice(0, LISTED);
  if (names.length > LISTED) listed.push(`and ${names.length - LISTED} more`);
  return listed.join(", ");
}

/**
 * A live object in a user schema outside the managed list (`--schemas`) that uses objects of the
 * state: a view in `reporting` reading `public.users.email`. pg-flux never changes it, so a plan
 * step PostgreSQL refuses while it exists cannot run (@pg-flux/inspector `outside.sql.ts`).
 */
export interface OutsideDependent {
  /** How PostgreSQL names it: `view reporting.active_users`, `default value for column c of table reporting.t`. */
  readonly name: string;
  readonly schema: string;
  /** Object ids of the state it uses (pg_depend). */
  readonly dependsOn: readonly string[];
}

/**
 * Refuses, before anything runs, a plan that drops or retypes what an object outside the managed
 * schemas uses: PostgreSQL would refuse the step at apply ("cannot alter type of a column used by a
 * view or rule", "cannot drop … because other objects depend on it") and pg-flux never drops or
 * re-creates objects outside the managed schemas. The error names each step's object and its
 * dependents, and the two ways out. A dropped table counts for its columns too (a view's pg_depend
 * edges name columns).
 */
export function refuseOutsideDependents(
  objects: readonly OutsideDependent[],
  plan: Plan,
  current: SchemaState,
): void {
  if (objects.length === 0) return;
  const touched = new Map<string, string>();
  for (const step of plan.steps) {
    const verb = drops(step.kind)
      ? "drops"
      : COLUMN_TYPE_CHANGES.has(step.kind)
        ? "changes the type of"
        : null;
    if (verb === null || touched.has(step.objectId)) continue;
    touched.set(step.objectId, `${verb} ${step.objectId}`);
    if (step.kind === "drop_table")
      for (const column of current.tables[step.objectId]?.columns ?? [])
        touched.set(column.id, `${verb} ${step.objectId}`);
  }
  const blocked = new Map<string, OutsideDependent[]>();
  for (const object of objects) {
    for (const id of object.dependsOn) {
      const what = touched.get(id);
      if (what === undefined) continue;
      const list = blocked.get(what) ?? [];
      if (!list.includes(object)) blocked.set(what, [...list, object]);
    }
  }
  if (blocked.size === 0) return;
  const users = [...new Set([...blocked.values()].flat())];
  const schemas = [...new Set(users.map((object) => object.schema))].sort(compare);
  const conflicts = [...blocked].map(
    ([what, list]) =>
      `the plan ${what}, which ${list.map((object) => object.name).join(", ")} use${list.length === 1 ? "s" : ""}`,
  );
  throw new PgFluxError(
    `${conflicts.join("; ")}: PostgreSQL refuses that while ${users.length === 1 ? "it exists" : "they exist"}, and pg-flux does not drop or re-create objects outside the managed schemas (${schemas.join(", ")} ${schemas.length === 1 ? "is" : "are"} not managed)`,
    {
      code: "refused",
      hint: `manage ${schemas.length === 1 ? "schema" : "schemas"} ${schemas.join(", ")} too (--schemas or "schemas" in flux.json) so the plan drops and re-creates ${users.length === 1 ? "it" : "them"} around the change; or drop ${users.length === 1 ? "it" : "them"} first (a versioned migration run by pg-flux push) and create ${users.length === 1 ? "it" : "them"} again after`,
    },
  );
}
