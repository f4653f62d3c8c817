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
import { sampler } from "../lib/samples.mjs";
import { withServer } from "../lib/servers.mjs";

export const PLAN_PHASES = [
  "parse",
  "scratchLoad",
  "inspectCurrent",
  "inspectDesired",
  "diff",
  "sort",
  "verify",
];

/** The planner's refusal of a change kind it does not handle yet (views, policies, types…). */
const NOT_YET = /cannot plan .* yet/;

/**
 * Which edit set the pg-flux and migra columns compare on: all edits, or, when one trial plan shows
 * the planner cannot handle part 2 yet, part 1 alone (the same for both tools, labelled in the table).
 */
async function chooseEdits(schema, databases) {
  const trial = await runProbe("plan", {
    url: databases.current,
    files: schema.desiredFiles.all,
    cwd: schema.dir,
  })
    .then(() => null)
    .catch((error) => (NOT_YET.test(error.message) ? error.message : null));
  return trial === null
    ? { edits: "all", desiredUrl: databases.all, files: schema.desiredFiles.all }
    : { edits: "core", desiredUrl: databases.core, files: schema.desiredFiles.core, allEditsRefused: trial };
}

/** @param {import("../corpus/manifest.mjs").CorpusSchema} schema */
async function benchSchema(schema, runs, log) {
  return withServer(schema.major, async (server) => {
    const loadStarted = performance.now();
    const current = await createLoadedDatabase(server.url, "current", schema.files, schema.dir);
    const loadMs = performance.now() - loadStarted;
    // the modified copies: clones of `current` with the edit scripts applied (what migra diffs against)
    const all = await createDatabase(server.url, "desired", "current");
    await psqlFiles(all, schema.edits.all, schema.dir);
    const core = await createDatabase(server.url, "desired_core", "current");
    await psqlFiles(core, schema.edits.core, schema.dir);
    const schemas = await userSchemas(all);
    const chosen = await chooseEdits(schema, { current, all, core });

    const planArgs = { url: current, desiredUrl: chosen.desiredUrl, files: chosen.files, cwd: schema.dir };
    const tools = {
      plan: sampler(() => runProbe("plan", planArgs)),
      phases: sampler(() => runProbe("plan-phases", planArgs)),
      migra: sampler(() => runProbe("migra", { fromUrl: current, toUrl: chosen.desiredUrl })),
      inspector: sampler(() => runProbe("inspect", { url: current })),
      pgDump: sampler(async () =>
        schema.major === 15
          ? timedPgDump(current)
          : { available: false, reason: `PG ${schema.major} server; the OS pg_dump is 15` },
      ),
    };
    for (let round = 1; round <= runs; round++) {
      for (const [name, tool] of Object.entries(tools)) {
        // the phase split is one run: it repeats the whole pipeline, and the totals have their own ≥5 runs
        if (name !== "phases" || round === 1) await tool.run();
      }
      log(`  ${schema.name}: round ${round}/${runs}`);
    }
    return {
      name: schema.name,
      major: schema.major,
      loadMs,
      schemas: schemas.length,
      edits: chosen.edits,
      allEditsRefused: chosen.allEditsRefused,
      plan: tools.plan.summary(),
      phases: tools.phases.summary(),
      migra: tools.migra.summary(),
      inspector: tools.inspector.summary(),
      pgDump: tools.pgDump.summary(),
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
