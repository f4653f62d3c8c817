/**
 * Wall time of each phase of `planMigration()`, for callers that want to see where a plan's time
 * goes (the benchmarks, `--verbose` output). Phases are reported in the order they finish:
 *
 * - `cache`: the desired files read and looked up in the desired-state cache (with a cache only);
 * - `parse`: the desired files parsed and validated (libpg-query; absent when the cache had them);
 * - `inspect`: the live database read into a SchemaState;
 * - `load`: the scratch database created and the desired statements run in it (absent when cached);
 * - `inspectDesired`: the scratch database read back (absent when cached);
 * - `plan`: diff and dependency sort (the pure planner);
 * - `verify`: the plan proven on a scratch copy (absent with `verify: false` or an empty plan).
 *
 * What is not in a phase (waiting for the scratch server once `parse` and `inspect` are done: it
 * starts at the beginning, alongside them; dropping the scratch database) is the total minus their sum.
 */
export type PlanPhase = "cache" | "inspect" | "parse" | "load" | "inspectDesired" | "plan" | "verify";

export type OnPlanPhase = (phase: PlanPhase, ms: number) => void;

/** Runs `body`, reporting its wall time as `phase` when it returns; a phase that throws is not reported. */
export async function timedPhase<T>(
  phase: PlanPhase,
  onPhase: OnPlanPhase | undefined,
  body: () => T | Promise<T>,
): Promise<T> {
  if (!onPhase) return body();
  const started = performance.now();
  const value = await body();
  onPhase(phase, performance.now() - started);
  return value;
}
