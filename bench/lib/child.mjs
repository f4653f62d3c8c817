/** Runs one probe (bench/probes/<name>.mjs) in a fresh node process and returns its result. */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runCommand } from "./pg-tools.mjs";

const CHILD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../probes/child.mjs");

/**
 * @param {"inspect" | "migra" | "plan" | "plan-phases"} probe
 * @param {object} args
 * @param {{ cpuProfDir?: string, timeoutMs?: number }} [options]
 * @returns {Promise<Record<string, unknown> & { maxRssKb: number }>}
 */
export async function runProbe(probe, args, options = {}) {
  const nodeArgs = options.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  const { stdout } = await runCommand(process.execPath, [...nodeArgs, CHILD, probe, JSON.stringify(args)], {
    timeoutMs: options.timeoutMs ?? 600_000,
    allowFailure: true,
  });
  const failure = stdout.split("\n").find((text) => text.startsWith("BENCH_ERROR "));
  if (failure) throw new Error(JSON.parse(failure.slice("BENCH_ERROR ".length)).message);
  const line = stdout.split("\n").find((text) => text.startsWith("BENCH_RESULT "));
  if (!line) throw new Error(`probe ${probe} printed no result: ${stdout.slice(-300)}`);
  return JSON.parse(line.slice("BENCH_RESULT ".length));
}
