import type { DiffContext } from "../../diff/context.js";
import type {
  Aggregate,
  MaterializedView,
  Function as Routine,
  SchemaState,
  Sequence,
  Table,
  View,
} from "../../model/state.js";
import type { OwnedTarget } from "./owner.change.js";

/** The collections whose objects have an owner (and, but for event triggers, statistics and collations, grants). */
type OwnedCollection =
  | "schemas"
  | "tables"
  | "sequences"
  | "views"
  | "materializedViews"
  | "functions"
  | "aggregates"
  | "types"
  | "eventTriggers"
  | "statistics"
  | "collations";

type In<C extends OwnedCollection> = SchemaState[C][string];

interface Owned<C extends OwnedCollection> {
  readonly collection: C;
  readonly target: OwnedTarget;
  /** Absent when the plan creates the object. */
  readonly current: In<C> | undefined;
  readonly desired: In<C>;
}

/** One object of the desired state that has an owner; `collection` tells its model type. */
export type OwnedObject = { readonly [C in OwnedCollection]: Owned<C> }[OwnedCollection];

/**
 * Every object of the desired state that has an owner, with the target that names it and its
 * current counterpart: what the owner and privilege differs walk, in one order (schemas, tables,
 * sequences, views, materialized views, functions and procedures, aggregates, types, event triggers,
 * statistics objects, collations).
 */
export function ownedObjects(ctx: DiffContext): readonly OwnedObject[] {
  const { current: from, desired: to } = ctx;
  return [
    ...walk("schemas", from.schemas, to.schemas, (s) => ({ kind: "schema", name: s.name })),
    ...walk("tables", from.tables, to.tables, relation),
    ...walk("sequences", from.sequences, to.sequences, relation),
    ...walk("views", from.views, to.views, relation),
    ...walk("materializedViews", from.materializedViews, to.materializedViews, relation),
    ...walk("functions", from.functions, to.functions, routine),
    ...walk("aggregates", from.aggregates, to.aggregates, routine),
    ...walk("types", from.types, to.types, (t) => ({
      kind: "type",
      domain: t.kind === "domain",
      schema: t.schema,
      name: t.name,
    })),
    ...walk("eventTriggers", from.eventTriggers, to.eventTriggers, (e) => ({
      kind: "event_trigger",
      name: e.name,
    })),
    ...walk("statistics", from.statistics, to.statistics, (s) => ({
      kind: "statistics",
      schema: s.schema,
      name: s.name,
    })),
    ...walk("collations", from.collations, to.collations, (c) => ({
      kind: "collation",
      schema: c.schema,
      name: c.name,
    })),
  ];
}

/** Tables, sequences, views and materialized views: the model's kind is the target's. */
function relation(object: Table | Sequence | View | MaterializedView): OwnedTarget {
  return { kind: object.kind, schema: object.schema, name: object.name };
}

/** Functions, procedures and aggregates: the model's kind says which. */
function routine(object: Routine | Aggregate): OwnedTarget {
  return {
    kind: "routine",
    routine: object.kind,
    schema: object.schema,
    name: object.name,
    arguments: object.identityArguments,
  };
}

function walk<C extends OwnedCollection, T extends In<C>>(
  collection: C,
  current: Readonly<Record<string, T>>,
  desired: Readonly<Record<string, T>>,
  target: (object: T) => OwnedTarget,
) {
  return Object.values(desired).map((object) => ({
    collection,
    target: target(object),
    current: current[object.id],
    desired: object,
  }));
}
