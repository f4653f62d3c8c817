/**
 * Probe: pg-flux `migrate plan` end to end, one `planMigration()` call (what the CLI runs), from the
 * package users install (`pg-flux`: the bundled library, loaded as `npx pg-flux` loads it), with the
 * wall time of each of its phases from its `onPhase` hook: inspect the live database, parse the
 * desired files, load them into a scratch database, inspect it, plan (diff + sort), verify on a
 * scratch copy. Peak RSS of the whole process comes from child.mjs.
 *
 * After the timed call, the plan phase is split by timing its pure stages again on the same two
 * states (not part of `totalMs`): diff (`diffContext` + `diffWithContext`), sort (`orderSteps`),
 * fingerprints (`fingerprint` of copies of both states).
 */
import { planMigration } from "pg-flux";

/**
 * @param {{ url: string, files: string[], cwd: string, verify?: boolean, cacheDir?: string, split?: boolean }} args
 *   `cacheDir`: the desired-state cache folder (none unless given); `split: false` skips the re-timing
 */
export async function measure({ url, files, cwd, verify = true, cacheDir, split = true }) {
  const phases = {};
  const started = performance.now();
  let planned;
  try {
    planned = await planMigration({
      databaseUrl: url,
      sources: files,
      cwd,
      options: { verify },
      ...(cacheDir ? { cache: { dir: cacheDir } } : {}),
      onPhase: (phase, ms) => {
        phases[`${phase}Ms`] = ms;
        // as it goes, so a run killed at the bench's time limit still tells how far it got
        process.stdout.write(`BENCH_PHASE ${JSON.stringify({ phase, ms })}\n`);
      },
    });
  } catch (error) {
    // the phases that finished are still worth reporting, with where it stopped
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), { partial: phases });
  }
  const totalMs = performance.now() - started;
  // wall time in no phase (opening the scratch host, dropping scratch databases), per run
  const otherMs = totalMs - Object.values(phases).reduce((a, b) => a + b, 0);
  const steps = planned.plan.steps.length;
  return { totalMs, ...phases, otherMs, steps, ...(split ? await splitPlanPhase(planned) : {}) };
}

/** After the timed call: core's unbundled modules are loaded only here, outside every timing. */
async function splitPlanPhase({ current, desired }) {
  const core = await import("@pg-flux/core");
  const options = core.DEFAULT_PLAN_OPTIONS;
  const time = (body) => {
    const started = performance.now();
    const value = body();
    return [value, performance.now() - started];
  };
  const [{ ctx, changes }, diffMs] = time(() => {
    const ctx = core.diffContext(current, desired, { renames: [], schemas: null, plan: options });
    return { ctx, changes: core.diffWithContext(ctx) };
  });
  const [, sortMs] = time(() =>
    core.orderSteps(changes, { options, server: current.server }, ctx.current, ctx.desired),
  );
  // fingerprint() remembers each state object's value: hash fresh copies, as plan() hashes new states
  const copies = [structuredClone(current), structuredClone(desired)];
  const [, fingerprintMs] = time(() => copies.map((state) => core.fingerprint(state)));
  return { diffMs, sortMs, fingerprintMs, changes: changes.length };
}
