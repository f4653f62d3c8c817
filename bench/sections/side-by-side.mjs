/**
 * Section "side" (issue 18): pg-flux next to its peers, end to end, in one run. For each corpus
 * schema, on a server of its own, every tool is measured as a whole — from the start of its process
 * (or its psql load) to its answer — round-robin for `runs` rounds:
 *
 * - **pg-flux** `planMigration()` (what `migrate plan` runs), in its own node process: `default`
 *   (verification on, a fresh cache folder: a cache miss that stores the state), `no verify`, and
 *   `cached` (the cache warmed by an earlier run of the same files);
 * - **migra + load**: the desired files loaded with psql into a new database, then `@pgkit/migra`
 *   diffing the target against it (migra compares two databases: the load is its way to read files);
 * - **pg-delta + load**: the same load, then `@supabase/pg-delta` 1.0.0-alpha.34 (extract both, plan);
 * - **floor**: the same load, then `pg_dump --schema-only` of both databases at once — reading two
 *   schemas with the server's own tool, with no diff at all. Only where the pg_dump on PATH has the
 *   server's major.
 *
 * Scenarios: `change` (the target is the corpus; the desired files are the corpus plus the bench's
 * edit script: a small change), `empty` (the target is an empty database: everything is created),
 * `no change` (the target is the desired database itself: pg-flux `cached` against `pg_dump -s` of it).
 *
 * Measured per run: wall time (bench side, process start included); CPU time of the whole process
 * tree (the bench's reaped-children counters: node, psql, pg_dump and any embedded server pg-flux
 * starts) plus the CPU the bench's own server spent on it (its postmaster's counters, which hold
 * its exited backends: the load's and every inspection's work); peak RSS of the node process.
 * Background work of the bench server (checkpointer, WAL writer) is in no tool's CPU.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { quoteIdent } from "@pg-flux/core";
import { desiredFiles } from "../corpus/desired-files.mjs";
import { corpusSchemas, DEFAULT_CORPUS_ROOT, QUICK_CORPUS } from "../corpus/manifest.mjs";
import { runProbe } from "../lib/child.mjs";
import { createDatabase, createLoadedDatabase, withClient } from "../lib/database.mjs";
import { libpqEnv, pgDumpMajor, runCommand } from "../lib/pg-tools.mjs";
import { sampler } from "../lib/samples.mjs";
import { withServer } from "../lib/servers.mjs";
import { whole } from "../lib/whole.mjs";

/** The tools of each scenario, in the order they run within a round. */
export const SIDE_TOOLS = {
  change: ["default", "noVerify", "cached", "migra", "pgDelta", "floor"],
  empty: ["default", "migra", "pgDelta", "floor"],
  noChange: ["cached", "pgDump"],
};

/** A database loaded from the desired SQL with psql (what migra, pg-delta and the floor diff against). */
async function loadDesired(server, schema, name) {
  return createLoadedDatabase(server.url, name, [...schema.files, ...schema.edits], schema.dir);
}

async function dropDatabase(server, name) {
  await withClient(server.url, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
  );
}

/** `pg_dump --schema-only` to /dev/null. */
function pgDump(url) {
  return runCommand("pg_dump", ["--schema-only", "--file=/dev/null"], { env: libpqEnv(url) });
}

/** @param {import("../corpus/manifest.mjs").CorpusSchema} schema */
async function benchSchema(schema, runs, work, dumpMajor, log) {
  const absolute = (file) => path.resolve(schema.dir, file);
  const desired = await desiredFiles(
    [...schema.files.map(absolute), ...schema.edits],
    path.join(work, `desired-${schema.name}`),
  );
  const dumpReason =
    schema.major === dumpMajor
      ? undefined
      : dumpMajor
        ? `PG ${schema.major} server; the pg_dump on PATH is ${dumpMajor}`
        : "no pg_dump on PATH";
  return withServer(schema.major, async (server) => {
    const current = await createLoadedDatabase(server.url, "current", schema.files, schema.dir);
    const empty = await createDatabase(server.url, "empty");
    // the no-change target: the corpus plus the edit script, as the desired files describe it
    const desiredDb = await loadDesired(server, schema, "desired");
    const warmCache = path.join(work, `cache-${schema.name}`);
    let loads = 0;

    const pgflux = (url, { verify = true, cacheDir } = {}) =>
      runProbe("plan", { url, files: desired.files, cwd: schema.dir, verify, cacheDir, split: false });
    const fresh = () => mkdtempSync(path.join(work, "cache-fresh-"));
    /** A tool that diffs `url` against the desired files loaded into a new database. */
    const withLoad = (probe) => (url) => {
      const name = `loaded_${loads++}`;
      return whole(
        server,
        async () => {
          const loaded = await loadDesired(server, schema, name);
          return probe(url, loaded);
        },
        () => dropDatabase(server, name),
      );
    };
    const migra = withLoad((url, loaded) => runProbe("migra", { fromUrl: url, toUrl: loaded }));
    const pgDelta = withLoad((url, loaded) => runProbe("pgdelta", { fromUrl: url, toUrl: loaded }));
    const floor = withLoad(async (url, loaded) => {
      await Promise.all([pgDump(url), pgDump(loaded)]);
      return {};
    });
    const unavailable = { available: false, reason: dumpReason };
    const plan = (url, options = {}) => {
      const cacheDir = options.cacheDir ?? (options.cached ? warmCache : fresh());
      return whole(
        server,
        () => pgflux(url, { verify: options.verify ?? true, cacheDir }),
        options.cached ? undefined : async () => rmSync(cacheDir, { recursive: true, force: true }),
      );
    };

    // the warm cache: one run of the same files, not measured
    await pgflux(desiredDb, { cacheDir: warmCache });

    const scenarios = {
      change: {
        default: () => plan(current),
        noVerify: () => plan(current, { verify: false }),
        cached: () => plan(current, { cached: true }),
        migra: () => migra(current),
        pgDelta: () => pgDelta(current),
        floor: async () => (dumpReason ? unavailable : floor(current)),
      },
      empty: {
        default: () => plan(empty),
        migra: () => migra(empty),
        pgDelta: () => pgDelta(empty),
        floor: async () => (dumpReason ? unavailable : floor(empty)),
      },
      noChange: {
        cached: () => plan(desiredDb, { cached: true }),
        pgDump: async () =>
          dumpReason ? unavailable : whole(server, () => pgDump(desiredDb).then(() => ({}))),
      },
    };
    const samplers = Object.fromEntries(
      Object.entries(scenarios).map(([scenario, tools]) => [
        scenario,
        Object.fromEntries(Object.entries(tools).map(([tool, measure]) => [tool, sampler(measure)])),
      ]),
    );
    for (let round = 1; round <= runs; round++) {
      for (const [scenario, tools] of Object.entries(samplers)) {
        for (const tool of SIDE_TOOLS[scenario]) await tools[tool].run();
      }
      log(`  ${schema.name}: round ${round}/${runs}`);
    }
    const summaries = Object.fromEntries(
      Object.entries(samplers).map(([scenario, tools]) => [
        scenario,
        Object.fromEntries(Object.entries(tools).map(([tool, tracked]) => [tool, tracked.summary()])),
      ]),
    );
    return { name: schema.name, major: schema.major, blanked: desired.blanked, ...summaries };
  });
}

/**
 * @param {{ quick: boolean, runs: number, only?: readonly string[], corpusDir?: string, log: (line: string) => void }} options
 */
export async function runSideBySide({ quick, runs, only, corpusDir, log }) {
  const work = mkdtempSync(path.join(os.tmpdir(), "pgflux-bench-side-"));
  try {
    const wanted = only ?? (quick ? QUICK_CORPUS : undefined);
    const schemas = corpusSchemas(corpusDir).filter((schema) => !wanted || wanted.includes(schema.name));
    if (schemas.length === 0) {
      throw new Error(
        `side by side: no corpus schema${only ? ` named ${only.join(", ")}` : ""} under ${corpusDir ?? DEFAULT_CORPUS_ROOT}`,
      );
    }
    const dumpMajor = await pgDumpMajor();
    const [load] = readFileSync("/proc/loadavg", "utf8").split(" ");
    const results = [];
    for (const schema of schemas) {
      log(`side by side: ${schema.name} on PG ${schema.major}`);
      try {
        results.push(await benchSchema(schema, runs, work, dumpMajor, log));
      } catch (error) {
        results.push({ name: schema.name, major: schema.major, error: String(error?.message ?? error) });
      }
    }
    const [loadAfter] = readFileSync("/proc/loadavg", "utf8").split(" ");
    return { runs, load: { start: Number(load), end: Number(loadAfter) }, results };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
