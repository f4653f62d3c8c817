import type { SourceLocation } from "@pg-flux/core";
import type { Statement, StatementObjects } from "@pg-flux/parser";

/**
 * Dependency cycles among statements that never loaded: each statement of a cycle references an
 * object the next one defines (from the AST), and the last one's references lead back to the first.
 * Each cycle starts at its first statement in `unloaded` (load order) and is one of the shortest
 * through it.
 */
export function dependencyCycles(
  unloaded: readonly Statement[],
  objects: readonly StatementObjects[],
): Statement[][] {
  const members = new Set(unloaded);
  const definers = new Map<string, Statement>();
  const entries = objects.filter((entry) => members.has(entry.statement));
  for (const entry of entries)
    for (const key of entry.defines) if (!definers.has(key)) definers.set(key, entry.statement);
  const needs = new Map<Statement, Statement[]>();
  for (const entry of entries) {
    const targets = entry.references
      .map((key) => definers.get(key))
      .filter((target): target is Statement => target !== undefined && target !== entry.statement);
    needs.set(
      entry.statement,
      [...new Set(targets)].sort((a, b) => a.index - b.index),
    );
  }
  const cycles: Statement[][] = [];
  const inCycle = new Set<Statement>();
  for (const start of unloaded) {
    if (inCycle.has(start)) continue;
    const cycle = shortestCycleThrough(start, needs, inCycle);
    if (!cycle) continue;
    for (const statement of cycle) inCycle.add(statement);
    cycles.push(cycle);
  }
  return cycles;
}

/** Breadth-first from `start` back to it, avoiding statements already reported in another cycle. */
function shortestCycleThrough(
  start: Statement,
  needs: ReadonlyMap<Statement, readonly Statement[]>,
  taken: ReadonlySet<Statement>,
): Statement[] | null {
  const previous = new Map<Statement, Statement>();
  let frontier = [start];
  while (frontier.length > 0) {
    const next: Statement[] = [];
    for (const node of frontier) {
      for (const target of needs.get(node) ?? []) {
        if (target === start) {
          const path = [node];
          for (let at = previous.get(node); at !== undefined; at = previous.get(at)) path.unshift(at);
          return path;
        }
        if (taken.has(target) || previous.has(target)) continue;
        previous.set(target, node);
        next.push(target);
      }
    }
    frontier = next;
  }
  return null;
}

/** `file:line:col` of a statement's start, as problem lists print it. */
export function where(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}
