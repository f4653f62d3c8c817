import { kindOfId } from "../model/ids.js";
import type { Dependency, SchemaState } from "../model/state.js";

/** An ordering edge with the reason a cycle report gives for it. */
export interface ReasonedDependency extends Dependency {
  readonly reason?: string;
}

/** Words every body-call reason carries: how a cycle report recognises one (sort.ts). */
export const BODY_CALL_REASON = "body calls";

/**
 * Objects whose DDL runs the routines they name: a column default or generated expression (ADD
 * COLUMN computes it), a CHECK (validation), an index (its build), a materialized view (its
 * population), a domain (its CHECK on the columns using it), statistics (ANALYZE of expressions).
 */
const EVALUATING_KINDS: ReadonlySet<string> = new Set([
  "column",
  "default",
  "constraint",
  "index",
  "materialized_view",
  "type",
  "statistics",
]);

/**
 * Ordering edges of the desired state that routine bodies imply (`Function.calls`, read by parsing
 * the bodies: PostgreSQL records no dependency for a string body). With `check_function_bodies =
 * off` a routine can be created before what its body calls; what matters is a statement that runs
 * it while the plan is under way:
 *
 * - every object of an evaluating kind that uses a routine depends on every routine that routine's
 *   body calls, transitively (a default evaluating `aa_outer()`, which calls `zz_inner()`, needs
 *   both); a cycle this closes with the object's own dependencies is one the plan cannot order, and
 *   the sort reports it naming the chain;
 * - among those routines, a caller depends on its callee, so callees are created first — except
 *   where that edge would close a cycle (mutual recursion: bodies are not checked; a callee
 *   returning the rows of a view that calls the caller), where the order does not matter.
 *
 * Only the desired side gets these edges: dropping a routine that a body calls is always allowed.
 */
export function bodyCallDependencies(
  state: SchemaState,
  dependencies: readonly Dependency[],
): readonly ReasonedDependency[] {
  const callsOf = (id: string) => state.functions[id]?.calls ?? [];
  const closures = new Map<string, readonly string[]>();
  /** Every routine reachable through calls from `id`, itself excluded. */
  const closure = (id: string): readonly string[] => {
    let found = closures.get(id);
    if (found) return found;
    const seen = new Set<string>([id]);
    const queue = [...callsOf(id)];
    const out: string[] = [];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      if (seen.has(next)) continue;
      seen.add(next);
      out.push(next);
      queue.push(...callsOf(next));
    }
    found = out;
    closures.set(id, found);
    return found;
  };

  const edges: ReasonedDependency[] = [];
  const evaluated = new Set<string>();
  for (const { dependent, referenced } of dependencies) {
    if (!EVALUATING_KINDS.has(kindOfId(dependent)) || !state.functions[referenced]) continue;
    const callees = closure(referenced);
    if (callees.length === 0) continue;
    evaluated.add(referenced);
    for (const callee of callees) {
      evaluated.add(callee);
      edges.push({
        dependent,
        referenced: callee,
        reason: `${dependent} evaluates ${referenced}, whose ${BODY_CALL_REASON} ${callee}`,
      });
    }
  }
  if (evaluated.size === 0) return edges;

  // Caller before callee, except where the edge would sit on a cycle: one strongly-connected-
  // components pass over everything (linear), each candidate kept only across components.
  const candidates: ReasonedDependency[] = [];
  for (const caller of [...evaluated].sort()) {
    for (const callee of callsOf(caller)) {
      candidates.push({
        dependent: caller,
        referenced: callee,
        reason: `${caller}'s ${BODY_CALL_REASON} ${callee}`,
      });
    }
  }
  const component = stronglyConnected([...dependencies, ...edges, ...candidates]);
  for (const edge of candidates) {
    if (component.get(edge.dependent) !== component.get(edge.referenced)) edges.push(edge);
  }
  return edges;
}

/** The strongly connected component of every node of `edges` (Tarjan, iterative), as a number. */
function stronglyConnected(edges: readonly Dependency[]): ReadonlyMap<string, number> {
  const adjacency = new Map<string, string[]>();
  for (const { dependent, referenced } of edges) {
    const list = adjacency.get(dependent);
    if (list) list.push(referenced);
    else adjacency.set(dependent, [referenced]);
    if (!adjacency.has(referenced)) adjacency.set(referenced, []);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const component = new Map<string, number>();
  let counter = 0;
  let components = 0;
  for (const root of adjacency.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = adjacency.get(frame.node)!;
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
          onStack.delete(member);
          component.set(member, components);
          if (member === frame.node) break;
        }
        components++;
      }
    }
  }
  return component;
}
