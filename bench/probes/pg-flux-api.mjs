/**
 * The one place that knows how the BUILT pg-flux packages are called. Parts still being written by
 * other engineers are feature-detected: a missing export makes the measurement "not available",
 * never a made-up number.
 */
import * as core from "@pg-flux/core";

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
  const planner = has(core, "plan", "diffContext", "diffWithContext", "orderSteps") ? core : undefined;
  const missing = [
    has(inspector, "inspectWithStats") ? null : "inspectWithStats (@pg-flux/inspector)",
    has(parser, "loadParser", "readSources", "analyzeScript") ? null : "analyzeScript (@pg-flux/parser)",
    planner ? null : "plan, diffContext, orderSteps (@pg-flux/core)",
    has(engine, "planMigration", "loadDesired", "openScratchHost", "verifyPlan", "renamesFromHints")
      ? null
      : "planMigration, loadDesired, verifyPlan (@pg-flux/engine)",
  ].filter((name) => name !== null);
  return {
    inspector: has(inspector, "inspectWithStats") ? inspector : undefined,
    /** Why the plan pipeline cannot be measured, or null when every piece is built. */
    planMissing: missing.length > 0 ? `not built yet: ${missing.join(", ")}` : null,
    core,
    engine,
    parser,
    /** Objects in a SchemaState, over every collection. */
    countObjects(state) {
      return core.COLLECTIONS.reduce((sum, key) => sum + Object.keys(state?.[key] ?? {}).length, 0);
    },
  };
}
