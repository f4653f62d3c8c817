/**
 * Probe: the pg-flux inspector alone reading one database into a SchemaState. Reports
 * `{ available: false }` until the built @pg-flux/inspector exports `inspect`.
 */
import { pgFluxApi } from "./pg-flux-api.mjs";

/** @param {{ url: string, schemas: string[] }} args */
export async function measure({ url, schemas }) {
  const api = await pgFluxApi();
  if (!api.inspect) return { available: false, reason: "@pg-flux/inspector has no inspect() yet" };
  const started = performance.now();
  const { state, queries } = await api.inspect(url, schemas);
  const totalMs = performance.now() - started;
  return { available: true, totalMs, queries, objects: api.countObjects(state) };
}
