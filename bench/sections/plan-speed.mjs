/**
 * Section 1, plan speed side by side. For each corpus schema, on one server: `current` is the corpus,
 * `desired` is the corpus plus its edit script (corpus/edits/<name>.sql). Measured, each in its own
 * child process, round-robin for `runs` rounds: pg-flux plan (desired files vs `current`), @pgkit/migra
 * (current → desired), the pg-flux inspector alone and `pg_dump --schema-only` (PG 15 servers only:
 * the OS pg_dump is 15).
 */
import { corpusSchemas, QUICK_CORPUS } from "../corpus/manifest.mjs";
import { runProbe } from "../lib/child.mjs";
import { createDatabase, createLoadedDatabase, userSchemas } from "../lib/database.mjs";
import { psqlFiles, timedPgDump } from "../lib/pg-tools.mjs";
import { withServer } from "../lib/servers.mjs";
import { median } from "../lib/stats.mjs";

export const PLAN_PHASES = [
  "parse",
  "scratchLoad",
  "inspectCurrent",
  "inspectDesired",
  "diff",
  "sort",
  "verify",
];

/**
 * Samples of one tool: numbers from every successful run, or why there are none.
 * @param {() => Promise<Record<string, unknown>>} measure one run; `{ available: false, reason }` means not measurable
 */
function sampler(measure) {
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
    summary(fields) {
      if (unavailable) return { status: "not_available", reason: unavailable };
      if (failed)
        return { status: "failed", reason: failed.split("\n")[0].slice(0, 200), runs: samples.length };
      const medians = Object.fromEntries(
        fields.map((field) => [field, median(samples.map((s) => s[field]))]),
      );
      return { status: "measured", runs: samples.length, ...medians, samples };
    },
  };
}

/** @param {import("../corpus/manifest.mjs").CorpusSchema} schema */
async function benchSchema(schema, runs, log) {
  return withServer(schema.major, async (server) => {
    const loadStarted = performance.now();
    const current = await createLoadedDatabase(server.url, "current", schema.files, schema.dir);
    const loadMs = performance.now() - loadStarted;
    // the modified copy: a clone of `current` with the edit script applied (what migra diffs against)
    const desired = await createDatabase(server.url, "desired", "current");
    await psqlFiles(desired, [schema.editFile], schema.dir);
    const schemas = await userSchemas(desired);

    const planArgs = { url: current, desiredUrl: desired, files: schema.desiredFiles, cwd: schema.dir };
    const tools = {
      plan: sampler(() => runProbe("plan", planArgs)),
      phases: sampler(() => runProbe("plan-phases", planArgs)),
      migra: sampler(() => runProbe("migra", { fromUrl: current, toUrl: desired })),
      inspector: sampler(() => runProbe("inspect", { url: current })),
      pgDump: sampler(async () =>
        schema.major === 15
          ? timedPgDump(current)
          : { available: false, reason: `PG ${schema.major} server; the OS pg_dump is 15` },
      ),
    };
    for (let round = 1; round <= runs; round++) {
      for (const tool of Object.values(tools)) await tool.run();
      log(`  ${schema.name}: round ${round}/${runs}`);
    }
    return {
      name: schema.name,
      major: schema.major,
      loadMs,
      schemas: schemas.length,
      plan: tools.plan.summary(["totalMs", "maxRssKb", "steps"]),
      phases: tools.phases.summary([...PLAN_PHASES.map((phase) => `${phase}Ms`), "changes", "steps"]),
      migra: tools.migra.summary(["totalMs", "maxRssKb", "statements"]),
      inspector: tools.inspector.summary(["totalMs", "maxRssKb", "queries", "objects"]),
      pgDump: tools.pgDump.summary(["wallMs", "maxRssKb"]),
    };
  });
}

/**
 * @param {{ quick: boolean, runs: number, only?: readonly string[], log: (line: string) => void }} options
 */
export async function runPlanSpeed({ quick, runs, only, log }) {
  const wanted = only ?? (quick ? QUICK_CORPUS : undefined);
  const schemas = corpusSchemas().filter((schema) => !wanted || wanted.includes(schema.name));
  const results = [];
  for (const schema of schemas) {
    log(`plan speed: ${schema.name} on PG ${schema.major}`);
    try {
      results.push(await benchSchema(schema, runs, log));
    } catch (error) {
      results.push({ name: schema.name, major: schema.major, error: String(error?.message ?? error) });
    }
  }
  return results;
}
