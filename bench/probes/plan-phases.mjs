/**
 * Probe: the phases of `migrate plan`, each timed as its own call of the same library functions
 * planMigration() composes (the end-to-end figure comes from plan.mjs, in another process):
 * - parse: read the files and analyze them (libpg-query, load order, hints, validation)
 * - scratchLoad: loadDesiredState() minus its own parse and inspect (statements run in a scratch database)
 * - inspectCurrent, inspectDesired: the inspector on the live database and on `desiredUrl`, the bench's
 *   copy of the desired schema (same objects as the scratch database loadDesiredState() drops)
 * - diff, sort: the planner's two pure stages on those states
 * - verify: verifyPlan() on a scratch copy
 * A phase that throws ends the run: the phases before it are still reported, with `failedAt`.
 */
import { pgFluxApi } from "./pg-flux-api.mjs";

/** @param {{ url: string, desiredUrl: string, files: string[], cwd: string }} args */
export async function measure({ url, desiredUrl, files, cwd }) {
  const { planMissing, core, engine, parser, inspector, scratch } = await pgFluxApi();
  if (planMissing) return { available: false, reason: planMissing };
  const result = {};
  const phase = async (name, body) => {
    const started = performance.now();
    try {
      const value = await body();
      result[`${name}Ms`] = performance.now() - started;
      return value;
    } catch (error) {
      result.failedAt = name;
      result.failure = error instanceof Error ? error.message : String(error);
      throw error;
    }
  };
  let host;
  try {
    await phase("parse", async () => {
      await parser.loadParser();
      return parser.analyzeScript(parser.readSources(files, { cwd }));
    });
    const { state: current } = await phase("inspectCurrent", () => inspector.inspectWithStats(url));
    await phase("inspectDesired", () => inspector.inspectWithStats(desiredUrl));
    host = await scratch.openScratchHost({ targetUrl: url });
    const loaded = await phase("scratchLoad", () =>
      engine.loadDesiredState(files, { host, targetUrl: url, cwd }),
    );
    result.scratchLoadMs = Math.max(0, result.scratchLoadMs - result.parseMs - result.inspectDesiredMs);
    const desired = loaded.state;
    const { renames } = engine.renamesFromHints(loaded.hints, current, desired);
    const options = core.DEFAULT_PLAN_OPTIONS;
    const { ctx, changes } = await phase("diff", () => {
      const ctx = core.diffContext(current, desired, { renames, schemas: null, plan: options });
      return { ctx, changes: core.diffWithContext(ctx) };
    });
    result.changes = changes.length;
    const steps = await phase("sort", () =>
      core.orderSteps(changes, { options, server: current.server }, ctx.current, ctx.desired),
    );
    result.steps = steps.length;
    const plan = core.plan(current, desired, { renames, options, schemas: null });
    await phase("verify", () => engine.verifyPlan({ host, current, desired, plan, schemas: null }));
  } catch (error) {
    // phase() recorded its own failure; anything else failed between phases
    if (result.failedAt === undefined) {
      result.failedAt = "between phases";
      result.failure = error instanceof Error ? error.message : String(error);
    }
  } finally {
    await host?.close();
  }
  return result;
}
