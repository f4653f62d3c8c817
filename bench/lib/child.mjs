/**
 * Runs one probe (bench/probes/<name>.mjs) in a fresh node process and returns its result; a probe
 * that fails throws an Error with its message and `partial` (what it measured before failing).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runCommand } from "./pg-tools.mjs";

const CHILD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../probes/child.mjs");

/**
 * @param {"inspect" | "migra" | "pgdelta" | "plan"} probe
 * @param {object} args
 * @param {{ cpuProfDir?: string, timeoutMs?: number }} [options]
 * @returns {Promise<Record<string, unknown> & { maxRssKb: number }>}
 */
export async function runProbe(probe, args, options = {}) {
  const nodeArgs = options.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  const { stdout } = await runCommand(process.execPath, [...nodeArgs, CHILD, probe, JSON.stringify(args)], {
    timeoutMs: options.timeoutMs ?? 600_000,
    allowFailure: true,
  }).catch((error) => {
    // killed at the time limit: the phases it finished are in its output so far
    throw Object.assign(error, { partial: phasesSoFar(error.stdout ?? "") });
  });
  const failure = stdout.split("\n").find((text) => text.startsWith("BENCH_ERROR "));
  if (failure) {
    const { message, partial } = JSON.parse(failure.slice("BENCH_ERROR ".length));
    throw Object.assign(new Error(message), { partial });
  }
  const line = stdout.split("\n").find((text) => text.startsWith("BENCH_RESULT "));
  if (!line) throw new Error(`probe ${probe} printed no result: ${stdout.slice(-300)}`);
  return JSON.parse(line.slice("BENCH_RESULT ".length));
}

/** `BENCH_PHASE {"phase", "ms"}` lines a probe prints as it goes, as `{ <phase>Ms: ms }`. */
function phasesSoFar(stdout) {
  const phases = {};
  for (const line of stdout.split("\n")) {
    if (!line.startsWith("BENCH_PHASE ")) continue;
    const { phase, ms } = JSON.parse(line.slice("BENCH_PHASE ".length));
    phases[`${phase}Ms`] = ms;
  }
  return phases;
}
