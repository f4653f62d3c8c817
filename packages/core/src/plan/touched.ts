/**
 * The part of a schema a plan touches: what verification copies to its scratch server instead of
 * the whole current schema (engine/migrate/verify.ts). Pure.
 *
 * The closure starts from the ids the plan's changes declare (`PlanTouches`) and follows one graph
 * made of both states' dependencies — pg_depend as the inspector read it, the structural ones of
 * `dependenciesOf` (sub-objects on their table, foreign keys on the referenced table and its key,
 * partitions and inheritance children on their parent, column types, defaults' sequences), and
 * every id an object holds (each kind's `rename.references`: a table's replica-identity and cluster
 * index, a sequence's OWNED BY column, an index's constraint, a routine's body calls, …):
 *
 * 1. upwards from every object the plan changes: whatever depends on it, transitively (a view on a
 *    retyped column, a view on that view, a foreign key of an untouched table, a policy, a trigger,
 *    a partition, an owned sequence) — what PostgreSQL checks, and refuses or cascades to, when the
 *    object changes. A schema is climbed only when the plan drops it (a grant on a schema changes
 *    nothing in it);
 * 2. downwards from all of those, from what the plan's SQL requires, and from the objects every
 *    database-wide step may meet (schemas, extensions, collations, default privileges — which give
 *    created objects their grants — and event triggers, which fire on DDL): everything they need to
 *    exist, transitively.
 *
 * A sub-object's id (a column) stands for the object that holds it (its table), and an ordering-only
 * id (`default:column:…`) for the object it wraps: the closure is a set of whole objects, so a table
 * in it keeps all its columns, and restricting a state to it (`restrictState`) yields a state the
 * planner can build from nothing.
 */
import { kindOfId } from "../model/ids.js";
import type { Collection, SchemaState } from "../model/state.js";
import { COLLECTIONS, collectionsOf, KINDS } from "../objects/kinds.js";
import { dependenciesOf } from "./dependencies.js";
import type { PlanTouches } from "./planner.js";

/** The collections whose every object is in every closure (see the module comment, step 2). */
const ALWAYS: readonly Collection[] = [
  "schemas",
  "extensions",
  "collations",
  "defaultPrivileges",
  "eventTriggers",
];

/**
 * Kinds of ids that name no object of a schema state: roles are the server's, and the scratch
 * host provides every role a copy names (verification leaves the plan's role steps out).
 */
const SERVER_WIDE: ReadonlySet<string> = new Set(["role"]);

export type TouchedClosure =
  /** The ids (of whole objects, both states' spaces) of the part of the schema the plan touches. */
  | { readonly kind: "subset"; readonly ids: ReadonlySet<string> }
  /** The closure cannot be trusted: verify on a copy of the whole schema, and say why. */
  | { readonly kind: "full"; readonly reason: string };

/** The closure of `touches` over `current` and `desired` (see the module comment). */
export function touchedClosure(
  current: SchemaState,
  desired: SchemaState,
  touches: PlanTouches,
): TouchedClosure {
  const owners = new ObjectOwners([current, desired]);
  const unknown = [...touches.changed, ...touches.required].filter(
    (id) => owners.of(id) === undefined && !SERVER_WIDE.has(kindOfId(id)),
  );
  if (unknown.length > 0) {
    return {
      kind: "full",
      reason: `the plan declares ${unknown.length === 1 ? "an id" : "ids"} neither schema holds (${unknown.slice(0, 3).join(", ")}${unknown.length > 3 ? ", …" : ""})`,
    };
  }
  const graph = new Graph();
  for (const state of [current, desired]) addEdges(graph, state, owners);

  const dropped = new Set(touches.dropped.map((id) => owners.of(id)));
  const climbs = (id: string) => kindOfId(id) !== "schema" || dropped.has(id);
  const placed = (ids: readonly string[]) => ids.flatMap((id) => owners.of(id) ?? []);
  const dependents = graph.reach(placed(touches.changed), "up", climbs);

  const needed = [...dependents, ...placed(touches.required)];
  for (const state of [current, desired]) {
    for (const collection of ALWAYS) needed.push(...Object.keys(state[collection]));
  }
  return { kind: "subset", ids: graph.reach(needed, "down", () => true) };
}

/** `state` with only the objects whose ids are in `ids`, and the dependencies between them. */
export function restrictState(state: SchemaState, ids: ReadonlySet<string>): SchemaState {
  const owners = new ObjectOwners([state]);
  const kept = (id: string) => {
    const owner = owners.of(id);
    return owner !== undefined && ids.has(owner);
  };
  return {
    ...state,
    ...collectionsOf(
      (collection) =>
        Object.fromEntries(
          Object.entries(state[collection]).filter(([id]) => ids.has(id)),
        ) as SchemaState[typeof collection],
    ),
    dependencies: state.dependencies.filter((d) => kept(d.dependent) && kept(d.referenced)),
    stats: Object.fromEntries(Object.entries(state.stats).filter(([id]) => ids.has(id))),
  };
}

/**
 * The whole object each id belongs to: an object's own id, the ids of its parts (a table's
 * columns), and ordering-only ids that wrap one of those (`default:column:…`, `not_null:column:…`).
 */
class ObjectOwners {
  private readonly owner = new Map<string, string>();

  constructor(states: readonly SchemaState[]) {
    for (const state of states) {
      for (const collection of COLLECTIONS) {
        const spec = KINDS[collection] as { ids: (object: unknown) => readonly string[] };
        for (const [id, object] of Object.entries(state[collection])) {
          for (const part of spec.ids(object)) if (!this.owner.has(part)) this.owner.set(part, id);
          if (!this.owner.has(id)) this.owner.set(id, id);
        }
      }
    }
  }

  of(id: string): string | undefined {
    for (let at = id; ; ) {
      const found = this.owner.get(at);
      if (found !== undefined) return found;
      const colon = at.indexOf(":");
      // an ordering-only id wraps a whole id after its own prefix
      if (colon === -1 || at.indexOf(":", colon + 1) === -1) return undefined;
      at = at.slice(colon + 1);
    }
  }
}

/** Edges between whole objects, walkable both ways. */
class Graph {
  private readonly down = new Map<string, Set<string>>();
  private readonly up = new Map<string, Set<string>>();

  add(dependent: string, referenced: string): void {
    if (dependent === referenced) return;
    link(this.down, dependent, referenced);
    link(this.up, referenced, dependent);
  }

  /** Everything reachable from `from` along `direction`, `from` included; only nodes `climbs` are left. */
  reach(from: readonly string[], direction: "up" | "down", climbs: (id: string) => boolean): Set<string> {
    const edges = direction === "up" ? this.up : this.down;
    const seen = new Set<string>(from);
    const queue = [...seen];
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      if (!climbs(next)) continue;
      for (const other of edges.get(next) ?? []) {
        if (seen.has(other)) continue;
        seen.add(other);
        queue.push(other);
      }
    }
    return seen;
  }
}

function link(edges: Map<string, Set<string>>, from: string, to: string): void {
  const set = edges.get(from);
  if (set) set.add(to);
  else edges.set(from, new Set([to]));
}

/** Every edge of one state between objects `owners` knows, as whole objects. */
function addEdges(graph: Graph, state: SchemaState, owners: ObjectOwners): void {
  const edge = (dependent: string, referenced: string) => {
    const from = owners.of(dependent);
    const to = owners.of(referenced);
    if (from !== undefined && to !== undefined) graph.add(from, to);
  };
  // the catalog's own edges include OWNED BY (a sequence on its column), which dependenciesOf leaves out
  for (const { dependent, referenced } of state.dependencies) edge(dependent, referenced);
  for (const { dependent, referenced } of dependenciesOf(state)) edge(dependent, referenced);
  for (const collection of COLLECTIONS) {
    const references = KINDS[collection].rename.references as (
      object: unknown,
      mapId: (id: string) => string,
    ) => unknown;
    for (const [id, object] of Object.entries(state[collection])) {
      references(object, (referenced) => {
        edge(id, referenced);
        return referenced;
      });
    }
  }
}

/** The ids of every whole object a state holds. */
export function objectIds(state: SchemaState): Set<string> {
  const found = new Set<string>();
  for (const collection of COLLECTIONS) for (const id of Object.keys(state[collection])) found.add(id);
  return found;
}
