/**
 * Section 1, plan speed side by side. For each corpus schema, on a server of its own: `current` is
 * the corpus loaded with psql; `desired` is a clone of it plus the bench's edit script. Measured, each
 * in its own child process, round-robin for `runs` rounds:
 * - pg-flux `migrate plan` (desired files vs `current`), end to end with its phases;
 * - @pgkit/migra diffing `current` → `desired`;
 * - the pg-flux inspector alone, and `pg_dump --schema-only` where the pg_dump on PATH has the
 *   server's major (the OS's 15: the PG 15 servers).
 * Without the shared corpus (a bare clone), a synthetic schema stands in so the section still runs.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { desiredFiles } from "../corpus/desired-files.mjs";
import { corpusSchemas, DEFAULT_CORPUS_ROOT, QUICK_CORPUS } from "../corpus/manifest.mjs";
import { generateEdits, generateSchema } from "../generate-schema.mjs";
import { runProbe } from "../lib/child.mjs";
import { createDatabase, createLoadedDatabase } from "../lib/database.mjs";
import { pgDumpMajor, psqlFiles, timedPgDump } from "../lib/pg-tools.mjs";
import { sampler } from "../lib/samples.mjs";
import { withServer } from "../lib/servers.mjs";

/** The phases planMigration() reports (its onPhase hook), in order, then the plan phase's split. */
export const PLAN_PHASES = ["inspect", "parse", "load", "inspectDesired", "plan", "verify"];
export const PLAN_SPLIT = ["diff", "sort", "fingerprint"];

/** Tables of the synthetic stand-in when the corpus is not there. */
const STAND_IN_TABLES = 100;

/** A generated schema in the shape of a corpus entry (PostgreSQL 18). */
function syntheticSchema(work) {
  const name = `synthetic-${STAND_IN_TABLES}`;
  const schemaFile = path.join(work, `${name}.sql`);
  const editFile = path.join(work, `${name}.edits.sql`);
  writeFileSync(schemaFile, generateSchema({ tables: STAND_IN_TABLES }));
  writeFileSync(editFile, generateEdits({ tables: STAND_IN_TABLES }));
  return { name, dir: work, files: [schemaFile], edits: [editFile], major: 18 };
}

/** @param {import("../corpus/manifest.mjs").CorpusSchema} schema */
async function benchSchema(schema, runs, work, dumpMajor, log) {
  const absolute = (file) => path.resolve(schema.dir, file);
  const desired = await desiredFiles(
    [...schema.files.map(absolute), ...schema.edits],
    path.join(work, `desired-${schema.name}`),
  );
  return withServer(schema.major, async (server) => {
    const loadStarted = performance.now();
    const current = await createLoadedDatabase(server.url, "current", schema.files, schema.dir);
    const loadMs = performance.now() - loadStarted;
    // what migra diffs against: a clone of `current` with the edit script applied
    const desiredUrl = await createDatabase(server.url, "desired", "current");
    await psqlFiles(desiredUrl, schema.edits, schema.dir);

    const planArgs = { url: current, files: desired.files, cwd: schema.dir };
    const tools = {
      plan: sampler(() => runProbe("plan", planArgs)),
      // only when the verified plan fails: what `migrate plan --no-verify` costs there
      noVerify: sampler(async () =>
        tools.plan.summary().status === "failed"
          ? runProbe("plan", { ...planArgs, verify: false })
          : { skipped: true },
      ),
      migra: sampler(() => runProbe("migra", { fromUrl: current, toUrl: desiredUrl })),
      inspector: sampler(() => runProbe("inspect", { url: current })),
      pgDump: sampler(async () =>
        schema.major === dumpMajor
          ? timedPgDump(current)
          : {
              available: false,
              reason: dumpMajor
                ? `PG ${schema.major} server; the pg_dump on PATH is ${dumpMajor}`
                : "no pg_dump on PATH",
            },
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
      blanked: desired.blanked,
      blankedReasons: desired.reasons,
      plan: tools.plan.summary(),
      noVerify: tools.plan.summary().status === "failed" ? tools.noVerify.summary() : undefined,
      migra: tools.migra.summary(),
      inspector: tools.inspector.summary(),
      pgDump: tools.pgDump.summary(),
    };
  });
}

/**
 * @param {{ quick: boolean, runs: number, only?: readonly string[], corpusDir?: string, log: (line: string) => void }} options
 */
export async function runPlanSpeed({ quick, runs, only, corpusDir, log }) {
  const work = mkdtempSync(path.join(os.tmpdir(), "pgflux-bench-plan-"));
  try {
    const wanted = only ?? (quick ? QUICK_CORPUS : undefined);
    let schemas = corpusSchemas(corpusDir).filter((schema) => !wanted || wanted.includes(schema.name));
    let note;
    if (schemas.length === 0) {
      if (only)
        throw new Error(
          `no corpus schema named ${only.join(", ")} under ${corpusDir ?? DEFAULT_CORPUS_ROOT}`,
        );
      note = `no corpus found (${corpusDir ?? DEFAULT_CORPUS_ROOT}): measured a synthetic ${STAND_IN_TABLES}-table schema instead`;
      log(`plan speed: ${note}`);
      schemas = [syntheticSchema(work)];
    }
    const dumpMajor = await pgDumpMajor();
    const results = [];
    for (const schema of schemas) {
      log(`plan speed: ${schema.name} on PG ${schema.major}`);
      try {
        results.push(await benchSchema(schema, runs, work, dumpMajor, log));
      } catch (error) {
        results.push({ name: schema.name, major: schema.major, error: String(error?.message ?? error) });
      }
    }
    return { runs, note, results };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
