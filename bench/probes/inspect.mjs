/**
 * Probe: the pg-flux inspector alone reading one database (every non-system schema, the CLI's
 * default) into a SchemaState. `{ available: false }` until @pg-flux/inspector is built.
 */
import { pgFluxApi } from "./pg-flux-api.mjs";

/** @param {{ url: string }} args */
export async function measure({ url }) {
  const api = await pgFluxApi();
  if (!api.inspector) return { available: false, reason: "@pg-flux/inspector has no inspectWithStats() yet" };
  const started = performance.now();
  const { state, queries } = await api.inspector.inspectWithStats(url);
  const totalMs = performance.now() - started;
  return { totalMs, queries, objects: api.countObjects(state) };
}
