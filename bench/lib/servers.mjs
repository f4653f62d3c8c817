/**
 * Embedded PostgreSQL servers for the benches, from the BUILT engine package. Every server started
 * here is stopped by `withServer`, also when the body throws; the engine's own exit hooks are the
 * last resort on Ctrl-C.
 */
import { startEmbeddedPostgres } from "@pg-flux/engine";

/** Settings for bench clusters: enough lock slots for 20k-table schemas loaded statement by statement. */
const BENCH_SETTINGS = {
  max_locks_per_transaction: "1024",
  // the lock bench measures the writer, not checkpoints
  max_wal_size: "4GB",
};

/**
 * @template T
 * @param {14 | 15 | 16 | 17 | 18} major
 * @param {(server: import("@pg-flux/engine").EmbeddedServer) => Promise<T>} body
 * @returns {Promise<T>}
 */
export async function withServer(major, body) {
  const server = await startEmbeddedPostgres({ major, settings: BENCH_SETTINGS });
  try {
    return await body(server);
  } finally {
    await server.stop();
  }
}

/** The URL of another database on the same server. */
export function databaseUrl(serverUrl, database) {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}
