/**
 * Probe: the pg-flux inspector alone reading one database (every non-system schema, the CLI's
 * default) into a SchemaState, on a client of the probe's own so each catalog query can be timed.
 * Only the inspector is loaded: the parser's WASM and the engine would inflate this probe's RSS.
 */
import { COLLECTIONS } from "@pg-flux/core";
import { inspectWithStats } from "@pg-flux/inspector";
import pg from "pg";

/** Times every query the client sends, to name the slow catalog queries (server-side hot spots). */
function timeQueries(client) {
  const timings = [];
  const query = client.query.bind(client);
  client.query = async (...args) => {
    const text = typeof args[0] === "string" ? args[0] : (args[0]?.text ?? "");
    const started = performance.now();
    try {
      return await query(...args);
    } finally {
      timings.push({ ms: performance.now() - started, sql: text.replace(/\s+/g, " ").trim().slice(0, 90) });
    }
  };
  return { slowest: (n) => [...timings].sort((a, b) => b.ms - a.ms).slice(0, n) };
}

/** @param {{ url: string }} args */
export async function measure({ url }) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const perQuery = timeQueries(client);
  try {
    const started = performance.now();
    const { state, queries } = await inspectWithStats(client);
    const totalMs = performance.now() - started;
    return {
      totalMs,
      queries,
      objects: COLLECTIONS.reduce((sum, key) => sum + Object.keys(state[key] ?? {}).length, 0),
      slowestQueries: perQuery.slowest(3),
    };
  } finally {
    await client.end();
  }
}
