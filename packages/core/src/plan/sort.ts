import { alg, Graph } from "@dagrejs/graphlib";
import type { ChangeDeps } from "../diff/change-base.js";
import { PgFluxError } from "../errors.js";
import { kindOfId } from "../model/ids.js";
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
  /** Runs outside a transaction block (CONCURRENTLY, VALIDATE, ADD VALUE): it commits on its own. */
  readonly autocommit: boolean;
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
 * (g) A extends X: steps creating a desired dependent of X go after A (an enum value or a NOT NULL
 *     that dependents may rely on; current dependents need not be dropped first);
 * (h) no autocommit step between the drop and the re-creation of a view, materialized view, routine
 *     or trigger (see `keepRecreationsWhole`);
 * plus the chain edges between consecutive steps of one change.
 */
export function buildGraph(input: SortInput): Graph<string, SortNode, string> {
  return buildGraphWithGaps(input).graph;
}

/**
 * An autocommit step that has to run between the drop and the re-creation of `object` (it needs the
 * drop, and the re-creation needs it): if it fails, the object stays missing until the next run.
 */
export interface RecreationGap {
  readonly object: string;
  readonly step: string;
}

function buildGraphWithGaps(input: SortInput): {
  readonly graph: Graph<string, SortNode, string>;
  readonly gaps: readonly RecreationGap[];
} {
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
  const extenders = index((d) => d.extends);
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
    for (const a of get(extenders, referenced)) {
      for (const b of get(creators, dependent))
        edge(a, b, `${dependent} will depend on ${referenced}, which is extended`);
    }
  }
  const gaps = keepRecreationsWhole(graph, input, creators, droppers);
  return { graph, gaps };
}

/**
 * Kinds the drop-early pass drops and creates again (objects/view/view.rebuild.ts), and columns
 * (a generated column dropped and added again).
 */
const RECREATED_KINDS: ReadonlySet<string> = new Set([
  "view",
  "materialized_view",
  "function",
  "aggregate",
  "trigger",
  "event_trigger",
  "policy",
  "column",
]);

/**
 * Rule (h). A view (materialized view, routine, trigger, policy, generated column) dropped early by
 * one change and created again by another is missing in between; consecutive transactional steps
 * share a transaction, so the gap is never committed unless an autocommit step (VALIDATE, CONCURRENTLY, ADD VALUE) falls
 * between the two. If that step failed, the object would stay missing until the next run. So every
 * autocommit step is placed outside each such window:
 * - before the drop when the re-creation needs it (an enum value the view uses), or when nothing
 *   orders it and it would come first by priority (ADD VALUE at CREATE_TYPE);
 * - after the re-creation when it needs the drop (a VALIDATE of a constraint the altered column
 *   takes part in), or when nothing orders it and it would come later (CIC, VALIDATE);
 * - where it needs the drop and the re-creation needs it, nothing can be done: reported as a gap.
 * Each window is read from the graph as it stands (reachability by BFS), so the edges added never
 * close a cycle: an edge into the drop comes from a step the drop does not reach, an edge out of the
 * re-creation goes to a step that does not reach it, and a step placed before by priority that
 * follows one placed after is placed after too.
 */
function keepRecreationsWhole(
  graph: Graph<string, SortNode, string>,
  input: SortInput,
  creators: ReadonlyMap<string, readonly string[]>,
  droppers: ReadonlyMap<string, readonly string[]>,
): readonly RecreationGap[] {
  const autocommit = input.nodes.filter((node) => node.autocommit);
  if (autocommit.length === 0) return [];
  const membersOf = new Map<number, string[]>();
  for (const node of input.nodes) {
    const list = membersOf.get(node.group);
    if (list) list.push(node.id);
    else membersOf.set(node.group, [node.id]);
  }
  const nodeOf = (id: string) => graph.node(id);
  const changeSteps = (ids: readonly string[]) => [
    ...new Set(ids.flatMap((id) => membersOf.get(nodeOf(id).group) ?? [])),
  ];
  const gaps: RecreationGap[] = [];
  for (const [object, dropping] of droppers) {
    const creating = creators.get(object) ?? [];
    if (!RECREATED_KINDS.has(kindOfId(object)) || creating.length === 0) continue;
    const opening = changeSteps(dropping);
    const closing = changeSteps(creating);
    const inWindow = new Set([...opening, ...closing]);
    // A change that drops and creates in one (CREATE OR REPLACE), or a window held open by an
    // autocommit step of its own, is not this rule's to fix.
    if (opening.some((id) => closing.includes(id))) continue;
    if ([...inWindow].some((id) => nodeOf(id).autocommit)) continue;
    const afterDrop = reachable(graph, opening, "forward");
    const beforeCreate = reachable(graph, closing, "backward");
    const createPriority = Math.min(...closing.map((id) => nodeOf(id).priority));
    const before: string[] = [];
    const after: string[] = [];
    for (const step of autocommit) {
      if (inWindow.has(step.id)) continue;
      const needsDrop = afterDrop.has(step.id);
      const needed = beforeCreate.has(step.id);
      if (needsDrop && needed) gaps.push({ object, step: step.id });
      else if (needed || (!needsDrop && step.priority < createPriority)) before.push(step.id);
      else after.push(step.id);
    }
    const followsAfter = reachable(graph, after, "forward");
    for (const id of before) {
      if (beforeCreate.has(id) || !followsAfter.has(id)) continue;
      after.push(id);
    }
    const reason = `keeps ${object} from being missing in a committed state`;
    for (const id of before) {
      if (after.includes(id)) continue;
      for (const drop of opening) if (!graph.hasEdge(id, drop)) graph.setEdge(id, drop, reason);
    }
    for (const id of after) {
      for (const create of closing) if (!graph.hasEdge(create, id)) graph.setEdge(create, id, reason);
    }
  }
  return gaps;
}

/** Every node reachable from `from` (excluded unless reached again), following edges one way. */
function reachable(
  graph: Graph<string, SortNode, string>,
  from: readonly string[],
  direction: "forward" | "backward",
): Set<string> {
  const seen = new Set<string>();
  const queue = [...from];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    const next = (direction === "forward" ? graph.successors(id) : graph.predecessors(id)) ?? [];
    for (const other of next) {
      if (seen.has(other)) continue;
      seen.add(other);
      queue.push(other);
    }
  }
  return seen;
}

/**
 * Kahn's algorithm with a priority queue: among the steps whose predecessors are all placed, the
 * lowest priority goes first, then the lowest differ index (so plans are deterministic).
 * Returns the step ids in order and, per step, its direct predecessors.
 */
export function sortSteps(input: SortInput): {
  readonly order: readonly string[];
  readonly predecessors: ReadonlyMap<string, readonly string[]>;
  readonly gaps: readonly RecreationGap[];
} {
  const { graph, gaps } = buildGraphWithGaps(input);
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
  return { order, predecessors, gaps };
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
