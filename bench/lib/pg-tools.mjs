/**
 * The OS's libpq tools (psql, pg_dump 15). Connection details go through the environment, not argv,
 * so the password does not show in `ps`.
 */
import { spawn } from "node:child_process";

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
 *   `allowFailure`: resolve with the output whatever the exit code (the caller reads it)
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
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 600_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const out = Buffer.concat(stdout).toString("utf8");
      const err = Buffer.concat(stderr).toString("utf8");
      if (code === 0 || (options.allowFailure && signal === null)) resolve({ stdout: out, stderr: err });
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
 * first error; `singleTransaction` wraps them in one (`psql -1`: no commit per statement).
 */
export function psqlFiles(url, files, cwd, { singleTransaction = false } = {}) {
  const args = ["-X", "-q", "-v", "ON_ERROR_STOP=1", ...(singleTransaction ? ["-1"] : [])];
  for (const file of files) args.push("-f", file);
  return runCommand("psql", args, { env: libpqEnv(url), cwd });
}

/**
 * `pg_dump --schema-only` to /dev/null under `/usr/bin/time`, which reports the peak RSS of pg_dump
 * itself (node cannot read a non-node child's rusage).
 * @returns {Promise<{ wallMs: number, maxRssKb: number }>}
 */
export async function timedPgDump(url) {
  const started = performance.now();
  const { stderr } = await runCommand(
    "/usr/bin/time",
    ["-f", "BENCH_RSS_KB=%M", "pg_dump", "--schema-only", "--file=/dev/null"],
    { env: libpqEnv(url) },
  );
  const wallMs = performance.now() - started;
  const match = /BENCH_RSS_KB=(\d+)/.exec(stderr);
  if (!match) throw new Error(`no RSS in /usr/bin/time output: ${stderr.slice(-300)}`);
  return { wallMs, maxRssKb: Number(match[1]) };
}
