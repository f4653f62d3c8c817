/**
 * Probe: pg-flux's `migrate plan` pipeline (desired files vs live database) with a wall time per
 * phase: parse, scratch load, inspect current, inspect desired, diff, sort, verify. Reports
 * `{ available: false }` until the planner and the desired-state loader are built.
 */
import { pgFluxApi } from "./pg-flux-api.mjs";

/** @param {{ url: string, files: string[], schemas: string[] }} args */
export async function measure(args) {
  const api = await pgFluxApi();
  const missing = [
    api.inspect ? null : "inspect (@pg-flux/inspector)",
    api.loadDesiredState ? null : "loadDesiredState (@pg-flux/engine)",
    api.plan ? null : "plan (@pg-flux/core)",
  ].filter(Boolean);
  if (missing.length > 0) return { available: false, reason: `not built yet: ${missing.join(", ")}` };
  return {
    available: false,
    reason: `planner API present but the bench adapter is not wired yet (${args.url ? "" : "no url"})`,
  };
}
