/**
 * Wall time of each phase of `planMigration()`, for callers that want to see where a plan's time
 * goes (the benchmarks, `--verbose` output). Phases are reported in the order they finish:
 *
 * - `parse`: the desired files read, parsed and validated (libpg-query);
 * - `inspect`: the live database read into a SchemaState;
 * - `load`: the scratch database created and the desired statements run in it;
 * - `inspectDesired`: the scratch database read back;
 * - `plan`: diff and dependency sort (the pure planner);
 * - `verify`: the plan proven on a scratch copy (absent with `verify: false` or an empty plan).
 *
 * What is not in a phase (waiting for the scratch server once `parse` and `inspect` are done: it
 * starts at the beginning, alongside them; dropping the scratch database) is the total minus their sum.
 */
export type PlanPhase = "inspect" | "parse" | "load" | "inspectDesired" | "plan" | "verify";

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
