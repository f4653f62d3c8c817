/**
 * Samples of one measured tool: the median of every numeric field over the successful runs, or why
 * there are none (`not_available`: the code to measure is not built; `failed`: it threw).
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
        failed = error instanceof Error ? error.message : String(error);
      }
    },
    summary() {
      if (unavailable) return { status: "not_available", reason: unavailable };
      if (failed)
        return { status: "failed", reason: failed.split("\n")[0].slice(0, 300), runs: samples.length };
      return summarize(samples);
    },
  };
}

/** Medians of the numeric fields; a probe that stopped part-way (plan-phases) keeps `failedAt`. */
export function summarize(samples) {
  const fields = new Set(samples.flatMap((sample) => Object.keys(sample)));
  const medians = {};
  for (const field of fields) {
    const values = samples.map((sample) => sample[field]).filter((v) => typeof v === "number");
    if (values.length > 0) medians[field] = median(values);
  }
  const partial = samples.find((sample) => sample.failedAt !== undefined);
  const failure = partial
    ? { failedAt: partial.failedAt, reason: String(partial.failure).slice(0, 300) }
    : {};
  return { status: "measured", runs: samples.length, ...medians, ...failure, samples };
}

/** Runs `measure` `runs` times in a row and summarizes. */
export async function sampleRuns(runs, measure) {
  const tool = sampler(measure);
  for (let run = 1; run <= runs; run++) await tool.run();
  return tool.summary();
}
