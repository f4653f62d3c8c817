/**
 * One lock-impact measurement: start the writer, let it settle, run the migration on another
 * connection, stop the writer, and summarize the writer's transactions that overlapped the migration
 * window.
 */
import { fork } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { withClient } from "../lib/database.mjs";
import { percentile } from "../lib/stats.mjs";

const WRITER = path.join(path.dirname(fileURLToPath(import.meta.url)), "writer.mjs");
const SETTLE_MS = 300;
const WRITER_INTERVAL_MS = 2;
/** Upper bounds: no migration statement or writer outlives these. */
const STATEMENT_TIMEOUT_MS = 180_000;
const WRITER_MAX_MS = 240_000;

function epochNow() {
  return performance.timeOrigin + performance.now();
}

/** Forks the writer and resolves once it is connected; `stop()` resolves with its samples. */
async function startWriter(args) {
  const child = fork(WRITER, [JSON.stringify(args)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const result = new Promise((resolve, reject) => {
    child.on("message", (message) => {
      if (message?.type === "result") resolve(message);
    });
    child.on("exit", (code) => reject(new Error(`writer exited with ${code} before reporting`)));
    child.on("error", reject);
  });
  result.catch(() => undefined); // observed by stop()
  await new Promise((resolve, reject) => {
    child.on("message", (message) => message?.type === "ready" && resolve(undefined));
    child.on("exit", (code) => reject(new Error(`writer exited with ${code} during start-up`)));
  });
  return {
    async stop() {
      if (child.connected) child.send("stop");
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      try {
        return await result;
      } finally {
        clearTimeout(timer);
      }
    },
    kill() {
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}

/**
 * @param {string} url
 * @param {(client: import("pg").Client) => Promise<void>} execute runs the migration on its connection
 * @param {number} existingRows rows the writer's UPDATEs pick from
 */
export async function measureMigration(url, execute, existingRows) {
  const firstId = await withClient(url, async (client) => {
    const { rows } = await client.query("SELECT coalesce(max(id), 0) + 1 AS next FROM lock_events");
    return Number(rows[0].next);
  });
  const writer = await startWriter({
    url,
    firstId,
    existingRows,
    intervalMs: WRITER_INTERVAL_MS,
    maxTransactions: 1_000_000,
    maxMs: WRITER_MAX_MS,
  });
  let window;
  try {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    window = await withClient(url, async (client) => {
      await client.query(`SET statement_timeout = ${STATEMENT_TIMEOUT_MS}`);
      const start = epochNow();
      await execute(client);
      return { start, end: epochNow() };
    });
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  } catch (error) {
    writer.kill();
    throw error;
  }
  const { starts, latencies } = await writer.stop();
  return summarize(starts, latencies, window);
}

function summarize(starts, latencies, window) {
  const during = [];
  const before = [];
  starts.forEach((start, i) => {
    const end = start + latencies[i];
    if (start < window.end && end > window.start) during.push(latencies[i]);
    else if (end <= window.start) before.push(latencies[i]);
  });
  return {
    migrationMs: window.end - window.start,
    transactions: during.length,
    longestStallMs: during.length > 0 ? Math.max(...during) : Number.NaN,
    p99Ms: percentile(during, 99),
    baselineP99Ms: percentile(before, 99),
  };
}
