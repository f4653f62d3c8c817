/**
 * The one place that knows how the BUILT pg-flux packages are called. Parts still being written by
 * other engineers are feature-detected: a missing export makes the measurement "not available",
 * never a made-up number.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as core from "@pg-flux/core";

/**
 * openScratchHost() is internal to the engine (not in its package exports); the phase probe needs it
 * to time loadDesiredState() and verifyPlan() on one host, as planMigration() does. Bench-only reach.
 */
const SCRATCH_HOST_MODULE = pathToFileURL(
  path.resolve(
    path.dirname(fileURLToPath(import.meta.url)),
    "../../packages/engine/dist/desired/scratch-host.js",
  ),
).href;

async function optionalImport(specifier) {
  try {
    return await import(specifier);
  } catch {
    return undefined;
  }
}

function has(module, ...names) {
  return module !== undefined && names.every((name) => typeof module[name] === "function");
}

export async function pgFluxApi() {
  const inspector = await optionalImport("@pg-flux/inspector");
  const engine = await optionalImport("@pg-flux/engine");
  const parser = await optionalImport("@pg-flux/parser");
  const scratch = await optionalImport(SCRATCH_HOST_MODULE);
  const planner = has(core, "plan", "diffContext", "diffWithContext", "orderSteps") ? core : undefined;
  const missing = [
    has(inspector, "inspectWithStats") ? null : "inspectWithStats (@pg-flux/inspector)",
    has(parser, "loadParser", "readSources", "analyzeScript") ? null : "analyzeScript (@pg-flux/parser)",
    planner ? null : "plan, diffContext, orderSteps (@pg-flux/core)",
    has(engine, "planMigration", "loadDesiredState", "verifyPlan", "renamesFromHints")
      ? null
      : "planMigration, loadDesiredState, verifyPlan (@pg-flux/engine)",
    has(scratch, "openScratchHost") ? null : "openScratchHost (@pg-flux/engine dist/desired/scratch-host.js)",
  ].filter((name) => name !== null);
  return {
    inspector: has(inspector, "inspectWithStats") ? inspector : undefined,
    /** Why the plan pipeline cannot be measured, or null when every piece is built. */
    planMissing: missing.length > 0 ? `not built yet: ${missing.join(", ")}` : null,
    core,
    engine,
    parser,
    scratch,
    /** Objects in a SchemaState, over every collection. */
    countObjects(state) {
      return core.COLLECTIONS.reduce((sum, key) => sum + Object.keys(state?.[key] ?? {}).length, 0);
    },
  };
}
