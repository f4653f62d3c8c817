/**
 * The OS's libpq tools (psql, pg_dump 15). Connection details go through the environment, not argv,
 * so the password does not show in `ps`.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

/** libpq environment for a postgres:// URL. */
export function libpqEnv(url) {
  const parsed = new URL(url);
  return {
    ...process.env,
    PGHOST: parsed.hostname,
    PGPORT: parsed.port,
    PGUSER: decodeURIComponent(parsed.username),
    PGPASSWORD: decodeURIComponent(parsed.password),
    PGDATABASE: decodeURIComponent(parsed.pathname.slice(1)),
    PGCONNECT_TIMEOUT: "10",
    PGOPTIONS: "-c client_min_messages=warning",
  };
}

/**
 * Runs a command to completion and resolves with its output; rejects with the tail of stderr.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, timeoutMs?: number, allowFailure?: boolean }} [options]
 *   `allowFailure`: resolve with the output whatever the exit code (the caller reads it); a command
 *   killed at `timeoutMs` rejects with "timed out" and its `stdout` so far
 */
export function runCommand(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stdout = [];
    const stderr = [];
    child.stdout.on("data", (chunk) => stdout.push(chunk));
    child.stderr.on("data", (chunk) => stderr.push(chunk));
    const timeoutMs = options.timeoutMs ?? 600_000;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const out = Buffer.concat(stdout).toString("utf8");
      const err = Buffer.concat(stderr).toString("utf8");
      if (timedOut) {
        const error = new Error(
          `${path.basename(command)} timed out after ${Math.round(timeoutMs / 1000)} s`,
        );
        reject(Object.assign(error, { stdout: out, timeoutMs }));
      } else if (code === 0 || (options.allowFailure && signal === null))
        resolve({ stdout: out, stderr: err });
      else reject(new Error(`${command} exited with ${code ?? signal}: ${errorLines(err)}`));
    });
  });
}

/** The ERROR lines of psql output and what follows them, else its tail. */
function errorLines(stderr) {
  const lines = stderr.trim().split("\n");
  const first = lines.findIndex((line) => line.includes("ERROR:"));
  return (first >= 0 ? lines.slice(first, first + 4) : lines.slice(-5)).join("\n");
}

/**
 * Runs SQL files in one psql session (so `\set` variables of a preamble carry over), stopping at the
 * first error; `singleTransaction` wraps them in one (`psql -1`: no commit per statement); `timeoutMs`
 * (default 10 min) stops it.
 */
export function psqlFiles(url, files, cwd, { singleTransaction = false, timeoutMs } = {}) {
  const args = ["-X", "-q", "-v", "ON_ERROR_STOP=1", ...(singleTransaction ? ["-1"] : [])];
  for (const file of files) args.push("-f", file);
  return runCommand("psql", args, { env: libpqEnv(url), cwd, ...(timeoutMs ? { timeoutMs } : {}) });
}

/** The major version of the `pg_dump` on PATH, or undefined when there is none. */
export async function pgDumpMajor() {
  try {
    const { stdout } = await runCommand("pg_dump", ["--version"], { timeoutMs: 10_000 });
    const match = /\(PostgreSQL\) (\d+)/.exec(stdout);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `pg_dump --schema-only` to /dev/null: wall time of the whole process, and its peak RSS read from
 * `/proc/<pid>/status` (`VmHWM`, the kernel's high-water mark, so any read after the peak sees it)
 * every millisecond or so while it runs. Node cannot read a non-node child's rusage; this needs no
 * GNU `time`. A peak reached in the last moment before exit could be missed: pg_dump peaks while it
 * holds the catalog, well before it exits.
 * @returns {Promise<{ wallMs: number, maxRssKb: number }>}
 */
export async function timedPgDump(url) {
  const started = performance.now();
  const child = spawn("pg_dump", ["--schema-only", "--file=/dev/null"], {
    env: libpqEnv(url),
    stdio: ["ignore", "ignore", "pipe"],
  });
  const stderr = [];
  child.stderr.on("data", (chunk) => stderr.push(chunk));
  let maxRssKb = 0;
  const sample = () => {
    try {
      const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
      if (match) maxRssKb = Math.max(maxRssKb, Number(match[1]));
    } catch {
      // exited between two samples
    }
  };
  const timer = setInterval(sample, 1);
  const code = await new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (exitCode, signal) => resolve(exitCode ?? signal));
  }).finally(() => clearInterval(timer));
  const wallMs = performance.now() - started;
  if (code !== 0) {
    throw new Error(`pg_dump exited with ${code}: ${errorLines(Buffer.concat(stderr).toString("utf8"))}`);
  }
  if (maxRssKb === 0) throw new Error("pg_dump exited before its memory could be read from /proc");
  return { wallMs, maxRssKb };
}
