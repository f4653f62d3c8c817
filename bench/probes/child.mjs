/**
 * Child-process entry for one measurement, so each one has its own heap and its own peak RSS:
 * `node child.mjs <probe> <json args>` prints one line `BENCH_RESULT <json>` with the probe's result
 * plus `maxRssKb` (`process.resourceUsage().maxRSS`, kilobytes).
 */
const PROBES = {
  inspect: () => import("./inspect.mjs"),
  migra: () => import("./migra.mjs"),
  plan: () => import("./plan.mjs"),
};

const [name, json] = process.argv.slice(2);
const load = PROBES[/** @type {keyof typeof PROBES} */ (name)];
if (!load || json === undefined) {
  console.error(`usage: child.mjs <${Object.keys(PROBES).join("|")}> <json args>`);
  process.exit(2);
}
const probe = await load();
const result = await probe.measure(JSON.parse(json));
const maxRssKb = process.resourceUsage().maxRSS;
process.stdout.write(`BENCH_RESULT ${JSON.stringify({ ...result, maxRssKb })}\n`);
