import type { Plan } from "../plan/plan.js";

/**
 * Object kinds PostgreSQL has and pg-flux does not model. The desired state refuses them
 * (@pg-flux/parser `validate/unmanaged.ts`); in a live database they are read as a plain list
 * (@pg-flux/inspector `inspectWithStats`) so a plan can say what it leaves alone. They are never in a
 * SchemaState: nothing diffs them, so no plan creates, changes or drops them.
 */
export const UNMANAGED_KINDS = [
  "foreign table",
  "foreign-data wrapper",
  "foreign server",
  "user mapping",
  "publication",
  "subscription",
  "rule",
  "cast",
  "operator",
  "operator class",
  "operator family",
  "text search configuration",
  "text search dictionary",
  "text search parser",
  "text search template",
  "conversion",
  "transform",
  "access method",
  "table access method",
  "language",
] as const;

export type UnmanagedKind = (typeof UNMANAGED_KINDS)[number];

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
  const dropped = new Set(plan.steps.filter((step) => DROPS.has(step.kind)).map((step) => step.objectId));
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
  const all = sorted(objects);
  const listed = all.slice(0, LISTED).map((object) => `${object.kind} ${object.name}`);
  if (all.length > LISTED) listed.push(`and ${all.length - LISTED} more`);
  return listed.join(", ");
}
