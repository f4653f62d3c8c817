/**
 * Samples of one measured tool: the median of every numeric field over the runs, or why there is
 * none: `not_available` (the measurement does not apply, e.g. no pg_dump of the server's major),
 * `failed` (it threw; `partial` keeps what the failed run measured before it stopped, e.g. the plan
 * phases before verify), `timed_out` (stopped at the caller's time limit `limitMs`, with `partial`),
 * `not_run` (skipped on purpose, with the reason).
 */
import { median } from "./stats.mjs";

/**
 * @param {() => Promise<Record<string, unknown>>} measure one run; `{ available: false, reason }` means not measurable
 */
export function sampler(measure) {
  const samples = [];
  let unavailable;
  let failed;
  return {
    async run() {
      if (unavailable || failed) return;
      try {
        const result = await measure();
        if (result.available === false) unavailable = String(result.reason);
        else samples.push(result);
      } catch (error) {
        failed = {
          reason: error instanceof Error ? error.message : String(error),
          partial: error?.partial ?? {},
          limitMs: error?.timeoutMs,
        };
      }
    },
    summary() {
      if (unavailable) return { status: "not_available", reason: unavailable };
      if (failed) {
        return {
          // stopped at the caller's time limit, or failed on its own
          status: failed.limitMs ? "timed_out" : "failed",
          ...(failed.limitMs ? { limitMs: failed.limitMs } : {}),
          reason: failed.reason.split("\n")[0].slice(0, 800),
          partial: failed.partial,
          runs: samples.length,
        };
      }
      return summarize(samples);
    },
  };
}

/** Medians of the numeric fields over the samples. */
export function summarize(samples) {
  const fields = new Set(samples.flatMap((sample) => Object.keys(sample)));
  const medians = {};
  for (const field of fields) {
    const values = samples.map((sample) => sample[field]).filter((v) => typeof v === "number");
    if (values.length > 0) medians[field] = median(values);
  }
  return { status: "measured", runs: samples.length, ...medians, samples };
}

/** Runs `measure` `runs` times in a row and summarizes. */
export async function sampleRuns(runs, measure) {
  const tool = sampler(measure);
  for (let run = 1; run <= runs; run++) await tool.run();
  return tool.summary();
}

/** A measurement skipped on purpose. */
export function notRun(reason) {
  return { status: "not_run", reason };
}
