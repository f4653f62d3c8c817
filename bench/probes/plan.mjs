/**
 * Probe: pg-flux `migrate plan` end to end, one `planMigration()` call (what the CLI runs): inspect
 * the live database, parse and load the desired files into a scratch database, inspect it, diff,
 * sort, verify on a scratch copy. Wall time and (via child.mjs) peak RSS of the whole process.
 */
import { pgFluxApi } from "./pg-flux-api.mjs";

/** @param {{ url: string, files: string[], cwd: string }} args */
export async function measure({ url, files, cwd }) {
  const api = await pgFluxApi();
  if (api.planMissing) return { available: false, reason: api.planMissing };
  const started = performance.now();
  const planned = await api.engine.planMigration({ databaseUrl: url, sources: files, cwd });
  const totalMs = performance.now() - started;
  return { totalMs, steps: planned.plan.steps.length };
}
