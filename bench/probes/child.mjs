/**
 * Child-process entry for one measurement, so each one has its own heap and its own peak RSS:
 * `node child.mjs <probe> <json args>` prints one line `BENCH_RESULT <json>` with the probe's result
 * plus `maxRssKb` (`process.resourceUsage().maxRSS`, kilobytes), or `BENCH_ERROR <json>` with the
 * message and what the probe measured before it failed (`partial`).
 */
const PROBES = {
  inspect: () => import("./inspect.mjs"),
  migra: () => import("./migra.mjs"),
  pgdelta: () => import("./pgdelta.mjs"),
  plan: () => import("./plan.mjs"),
};

const [name, json] = process.argv.slice(2);
const load = PROBES[/** @type {keyof typeof PROBES} */ (name)];
if (!load || json === undefined) {
  console.error(`usage: child.mjs <${Object.keys(PROBES).join("|")}> <json args>`);
  process.exit(2);
}
try {
  const probe = await load();
  const result = await probe.measure(JSON.parse(json));
  const maxRssKb = process.resourceUsage().maxRSS;
  process.stdout.write(`BENCH_RESULT ${JSON.stringify({ ...result, maxRssKb })}\n`);
} catch (error) {
  // one line the parent can report: the message (PgFluxError problems included), not a stack
  const problems = Array.isArray(error?.problems) ? error.problems.map((p) => p.message).slice(0, 3) : [];
  const message = [error instanceof Error ? error.message : String(error), ...problems].join(" | ");
  const partial = { ...(error?.partial ?? {}), maxRssKb: process.resourceUsage().maxRSS };
  process.stdout.write(
    `BENCH_ERROR ${JSON.stringify({ message: message.replace(/\s+/g, " ").slice(0, 800), partial })}\n`,
  );
  process.exitCode = 1;
}
