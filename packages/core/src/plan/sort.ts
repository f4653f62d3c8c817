import { alg, Graph } from "@dagrejs/graphlib";
import type { ChangeDeps } from "../diff/change-base.js";
import { PgFluxError } from "../errors.js";
import type { Dependency } from "../model/state.js";
import { BODY_CALL_REASON, type ReasonedDependency } from "./body-calls.js";

/** A step as the sorter sees it: its place in the differ's output, its priority and declarations. */
export interface SortNode {
  readonly id: string;
  /** Position in the differ's output: the stable tie-break. */
  readonly index: number;
  readonly priority: number;
  /** Steps of one change share a group: they are ordered by their chain edges only. */
  readonly group: number;
  readonly deps: ChangeDeps;
  /** The statement, for error messages. */
  readonly sql: string;
}

export interface SortInput {
  readonly nodes: readonly SortNode[];
  /** Edges that must hold regardless of declarations (consecutive steps of one change). */
  readonly chains: readonly (readonly [string, string])[];
  /** Dependencies of the current state (after renames) and of the desired state. */
  readonly currentDependencies: readonly Dependency[];
  /** With the edges routine bodies imply (body-calls.ts), which say why. */
  readonly desiredDependencies: readonly ReasonedDependency[];
}

export interface CycleEdge {
  readonly from: string;
  readonly to: string;
  readonly reason: string;
}

/** The steps cannot be ordered: the error names every step and edge of the cycle(s). */
export class PlanCycleError extends PgFluxError {
  readonly steps: readonly string[];
  readonly edges: readonly CycleEdge[];

  constructor(
    steps: readonly string[],
    edges: readonly CycleEdge[],
    statements: ReadonlyMap<string, string>,
  ) {
    const lines = [
      `the plan's steps depend on each other in a cycle: ${steps.join(", ")}`,
      ...edges.map((edge) => `  ${edge.from} -> ${edge.to} (${edge.reason})`),
      ...steps.map((step) => `  ${step}: ${statements.get(step) ?? ""}`),
    ];
    const throughBodies = edges.some((edge) => edge.reason.includes(BODY_CALL_REASON));
    super(lines.join("\n"), {
      code: throughBodies ? "invalid_input" : "runtime",
      hint: throughBodies
        ? "a statement of the plan runs a routine (a default, index, CHECK, materialized view or domain evaluates it) whose body calls a routine that can only be created after that statement: create them in two migrations, or change the bodies so the chain above is broken"
        : "this is a planner bug or an unsupported combination of changes; please report it with the schemas",
    });
    this.steps = steps;
    this.edges = edges;
  }
}

/**
 * The dependency graph of the steps. Edge rules (A → B means A runs first):
 * (a) A creates X, B requires X;
 * (b) A drops X, B creates X (replace);
 * (c) A requires X, B drops X, and no step creates X (use before drop);
 * (d) current dependency D on R: A drops or alters D, B drops R; A drops D, B alters R (unless A
 *     also creates D: it is placed by (e));
 * (e) desired dependency D on R: A creates R, B creates or alters D;
 * (f) A alters X: steps dropping a current dependent of X go before A; steps creating a desired
 *     dependent of X go after A (the drop-early pattern);
 * plus the chain edges between consecutive steps of one change.
 */
export function buildGraph(input: SortInput): Graph<string, SortNode, string> {
  const graph = new Graph<string, SortNode, string>({ directed: true });
  for (const node of input.nodes) graph.setNode(node.id, node);

  const index = (pick: (deps: ChangeDeps) => readonly string[]) => {
    const map = new Map<string, string[]>();
    for (const node of input.nodes) {
      for (const id of pick(node.deps)) {
        const list = map.get(id);
        if (list) list.push(node.id);
        else map.set(id, [node.id]);
      }
    }
    return map;
  };
  const creators = index((d) => d.creates);
  const droppers = index((d) => d.drops);
  const requirers = index((d) => d.requires);
  const alterers = index((d) => d.alters);
  const none: readonly string[] = [];
  const get = (map: Map<string, string[]>, id: string) => map.get(id) ?? none;

  const groupOf = new Map(input.nodes.map((node) => [node.id, node.group]));
  const edge = (from: string, to: string, reason: string) => {
    if (from === to || groupOf.get(from) === groupOf.get(to) || graph.hasEdge(from, to)) return;
    graph.setEdge(from, to, reason);
  };

  for (const [from, to] of input.chains) graph.setEdge(from, to, "next step of the same change");
  for (const [id, list] of creators) {
    for (const a of list) for (const b of get(requirers, id)) edge(a, b, `creates ${id}, which it requires`);
  }
  for (const [id, list] of droppers) {
    for (const a of list)
      for (const b of get(creators, id)) edge(a, b, `drops ${id} before it is created again`);
    if (get(creators, id).length === 0) {
      for (const a of get(requirers, id))
        for (const b of list) edge(a, b, `requires ${id} before it is dropped`);
    }
  }
  for (const { dependent, referenced } of input.currentDependencies) {
    const after = get(droppers, referenced);
    if (after.length > 0) {
      for (const a of [...get(droppers, dependent), ...get(alterers, dependent)]) {
        for (const b of after) edge(a, b, `${dependent} depends on ${referenced}, which is dropped`);
      }
    }
    // A step that drops and creates the dependent in one (SET DEFAULT, an index rebuilt under a
    // temporary name) is placed by the desired dependency (e), after the alteration.
    const recreating = new Set(get(creators, dependent));
    for (const a of get(droppers, dependent)) {
      if (recreating.has(a)) continue;
      for (const b of get(alterers, referenced))
        edge(a, b, `${dependent} depends on ${referenced}, which is altered`);
    }
  }
  for (const { dependent, referenced, reason } of input.desiredDependencies) {
    const after = [...get(creators, dependent), ...get(alterers, dependent)];
    if (after.length === 0) continue;
    const why = reason ? ` (${reason})` : "";
    for (const a of get(creators, referenced)) {
      for (const b of after) edge(a, b, `${dependent} will depend on ${referenced}${why}, which is created`);
    }
    for (const a of get(alterers, referenced)) {
      for (const b of get(creators, dependent))
        edge(a, b, `${dependent} will depend on ${referenced}, which is altered`);
    }
  }
  return graph;
}

/**
 * Kahn's algorithm with a priority queue: among the steps whose predecessors are all placed, the
 * lowest priority goes first, then the lowest differ index (so plans are deterministic).
 * Returns the step ids in order and, per step, its direct predecessors.
 */
export function sortSteps(input: SortInput): {
  readonly order: readonly string[];
  readonly predecessors: ReadonlyMap<string, readonly string[]>;
} {
  const graph = buildGraph(input);
  const nodeOf = (id: string) => graph.node(id);
  const before = (a: string, b: string) => {
    const x = nodeOf(a);
    const y = nodeOf(b);
    return x.priority !== y.priority ? x.priority < y.priority : x.index < y.index;
  };
  const heap = new MinHeap<string>(before);
  const indegree = new Map<string, number>();
  for (const id of graph.nodes()) {
    const count = graph.predecessors(id)?.length ?? 0;
    indegree.set(id, count);
    if (count === 0) heap.push(id);
  }
  const order: string[] = [];
  for (let id = heap.pop(); id !== undefined; id = heap.pop()) {
    order.push(id);
    for (const next of graph.successors(id) ?? []) {
      const left = (indegree.get(next) ?? 0) - 1;
      indegree.set(next, left);
      if (left === 0) heap.push(next);
    }
  }
  if (order.length !== graph.nodeCount()) {
    const placed = new Set(order);
    const rest = graph.filterNodes((id) => !placed.has(id));
    const cycles = alg.findCycles(rest);
    const steps = [...new Set(cycles.flat())].sort();
    const inCycle = new Set(steps);
    const edges = rest
      .edges()
      .filter((e) => inCycle.has(e.v) && inCycle.has(e.w))
      .map((e) => ({ from: e.v, to: e.w, reason: rest.edge(e.v, e.w) }));
    throw new PlanCycleError(steps, edges, new Map(input.nodes.map((node) => [node.id, node.sql])));
  }
  const predecessors = new Map(order.map((id) => [id, [...(graph.predecessors(id) ?? [])].sort()] as const));
  return { order, predecessors };
}

/** A binary min-heap over a strict "comes before" order. */
class MinHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly before: (a: T, b: T) => boolean) {}

  push(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < items.length && this.before(items[left]!, items[smallest]!)) smallest = left;
        if (right < items.length && this.before(items[right]!, items[smallest]!)) smallest = right;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest]!, items[i]!];
        i = smallest;
      }
    }
    return top;
  }
}
