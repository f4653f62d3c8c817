/**
 * Measuring a tool as a whole: wall time from the start of its process (or its psql load) to its
 * answer, and the CPU it cost — the bench's reaped children (node, psql, pg_dump, and any embedded
 * server pg-flux starts and stops) plus what the bench's own server spent for it (its postmaster's
 * counters, which hold its exited backends). The server's background processes (checkpointer, WAL
 * writer) are in no tool's CPU. Used by the side-by-side and scaling sections.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { withClient } from "./database.mjs";

/** CPU milliseconds of this process's reaped children (/proc/self/stat cutime + cstime; 10 ms ticks). */
function childrenCpuMs() {
  return statCpuMs("/proc/self/stat", { own: false });
}

/** CPU milliseconds of a process from its stat file: its own (utime + stime) and/or its reaped children's. */
function statCpuMs(file, { own = true, children = true } = {}) {
  // fields after the command name: state is [0], utime [11], stime [12], cutime [13], cstime [14]
  const fields = readFileSync(file, "utf8").split(") ").at(-1).split(" ");
  const ticks =
    (own ? Number(fields[11]) + Number(fields[12]) : 0) +
    (children ? Number(fields[13]) + Number(fields[14]) : 0);
  return ticks * 10;
}

/** The bench server's CPU so far: its postmaster's own and that of its exited backends. */
function serverCpuMs(dataDir) {
  const pid = readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0];
  return statCpuMs(`/proc/${pid}/stat`);
}

/** Waits until the server has no client backend left but the bench's own probe (their CPU is then counted). */
async function backendsGone(serverUrl) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const busy = await withClient(serverUrl, async (client) => {
      const { rows } = await client.query(
        "select count(*)::int as n from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()",
      );
      return rows[0].n;
    });
    if (busy === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Measures `body` as a whole on the bench server `server` ({ url, dataDir }): wall time, CPU of the
 * process tree plus the bench server's, and what `body` returns (a node probe's `maxRssKb`,
 * pg-flux's steps and phases). `after` (not timed) cleans up.
 */
export async function whole(server, body, after) {
  const cpuBefore = childrenCpuMs() + serverCpuMs(server.dataDir);
  const started = performance.now();
  try {
    const result = await body();
    const wallMs = performance.now() - started;
    await backendsGone(server.url);
    const cpuMs = childrenCpuMs() + serverCpuMs(server.dataDir) - cpuBefore;
    return { ...result, wallMs, cpuMs };
  } catch (error) {
    // a tool stopped at its time limit may leave a query running: not on the next tool's account
    await endBackends(server.url).catch(() => undefined);
    throw error;
  } finally {
    await after?.();
  }
}

/** Terminates the server's client backends but the bench's own. */
async function endBackends(serverUrl) {
  await withClient(serverUrl, (client) =>
    client.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()",
    ),
  );
  await backendsGone(serverUrl);
}
