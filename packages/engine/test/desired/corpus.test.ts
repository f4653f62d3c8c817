import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { COLLECTIONS, type SchemaState } from "@pg-flux/core";
import { planMigration } from "@pg-flux/engine";
import { inspect } from "@pg-flux/inspector";
import { analyzeScript, loadParser, readSources } from "@pg-flux/parser";
import { scratchHostForFile, test, testServer } from "@pg-flux/testkit";
import { afterAll, describe, expect } from "vitest";
import { CORPUS, leftoverScratchDatabases } from "./support.js";

afterAll(async () => {
  expect(await leftoverScratchDatabases(testServer().adminUrl)).toEqual([]);
});

/**
 * Acceptance (issue 17): each corpus schema loads as desired state, equals the database psql builds
 * from the same files, and `planMigration` against that database is empty. Most files load
 * unmodified (Danbooru's Rails structure.sql, the pg_dump outputs, …): `rejected: 0`. The few
 * statements the desired-state rules reject on purpose (seed rows, GRANT … ON DATABASE; see
 * packages/parser/src/corpus.test.ts) are blanked out of the desired copy — each case says how many:
 * rows are not schema. The role statements stay: they are declarations, and psql's run created the
 * roles on the server, as the target must have them.
 */
/** `minMajor`: pagila uses uuidv7() (PostgreSQL 18), blockscout needs PostgreSQL 17 syntax. */
const CASES: readonly { folder: string; files: readonly string[]; rejected: number; minMajor?: number }[] = [
  { folder: "pagila-pre-pgvector", files: ["pagila-schema.sql"], rejected: 0, minMajor: 18 },
  { folder: "blockscout", files: ["migration.sql"], rejected: 0, minMajor: 17 },
  { folder: "danbooru", files: ["structure.sql"], rejected: 0 },
  { folder: "gitlab-ci-structure-2021", files: ["ci_structure.sql"], rejected: 0 },
  { folder: "graphile-starter", files: ["preamble.sql", "000001.sql"], rejected: 0 },
  { folder: "graphile-starter", files: ["preamble.sql", "schema.sql"], rejected: 0 },
  // INSERTs of seed rows
  { folder: "postgraphile-kitchen-sink", files: ["preamble.sql", "kitchen-sink-schema.sql"], rejected: 10 },
  { folder: "postgrest-big", files: ["preamble.sql", "big_schema.sql"], rejected: 0 },
  // WITH … INSERT seed rows
  { folder: "adventureworks", files: ["install.schema-only.sql"], rejected: 4 },
  {
    folder: "supabase-auth-storage",
    files: [
      "preamble.sql",
      "00000000000001-auth-schema.sql",
      "00000000000002-storage-schema.sql",
      "00000000000003-post-setup.sql",
    ],
    // GRANT ALL ON DATABASE
    rejected: 1,
  },
];

describe.skipIf(!CORPUS)(
  "corpus loads as desired state and equals psql's database (needs the corpus)",
  () => {
    const scratch = scratchHostForFile();
    test.for(CASES)(
      "$folder $files",
      { timeout: 240_000 },
      async ({ folder, files, rejected, minMajor }, { db, skip }) => {
        if (minMajor !== undefined && db.server.major < minMajor) {
          skip(`${folder} needs PostgreSQL ${minMajor} or later; this server is ${db.server.major}`);
        }
        const dir = path.join(CORPUS ?? "", folder);
        execFileSync(
          "/usr/bin/psql",
          ["-X", "-q", "-v", "ON_ERROR_STOP=1", ...files.flatMap((f) => ["-f", f]), db.url],
          {
            cwd: dir,
            stdio: ["ignore", "ignore", "pipe"],
            env: { ...process.env, PGOPTIONS: "-c client_min_messages=error" },
          },
        );
        const expected = await inspect(db.url);
        expect(Object.keys(expected.tables).length).toBeGreaterThan(5);
        const { sources, blanked } = await withoutRejected(files.map((file) => path.join(dir, file)));
        expect(blanked).toBe(rejected);
        const started = performance.now();
        const planned = await planMigration({ scratchHost: scratch(), databaseUrl: db.url, sources });
        console.log(`${folder}: loaded and planned in ${Math.round(performance.now() - started)} ms`);
        expect(differences(expected, planned.desired)).toEqual([]);
        expect(planned.plan.steps.map((step) => step.sql)).toEqual([]);
      },
    );
  },
);

/**
 * The files as `{ name, text }` with every statement the rules reject blanked (line numbers kept),
 * and how many were.
 */
async function withoutRejected(
  paths: readonly string[],
): Promise<{ sources: { name: string; text: string }[]; blanked: number }> {
  await loadParser();
  const script = readSources(paths);
  const analyzed = analyzeScript(script);
  const texts = new Map(script.files.map((file) => [file.name, file.text]));
  for (const problem of analyzed.problems) {
    const statement = analyzed.statements.find(
      (s) =>
        s.location.file === problem.location?.file &&
        s.location.line === problem.location.line &&
        s.location.column === problem.location.column,
    );
    if (!statement) throw new Error(`problem outside a statement: ${problem.message}`);
    const { file, start, end } = statement.script;
    const text = texts.get(file.name) ?? readFileSync(file.path ?? file.name, "utf8");
    texts.set(
      file.name,
      text.slice(0, start) + text.slice(start, end).replace(/[^\n]/g, " ") + text.slice(end),
    );
  }
  return {
    sources: script.files.map((file) => ({ name: file.name, text: texts.get(file.name) ?? "" })),
    blanked: analyzed.problems.length,
  };
}

/** Ids whose objects differ (missing on one side, or different data). */
function differences(expected: SchemaState, actual: SchemaState): string[] {
  const found: string[] = [];
  for (const collection of COLLECTIONS) {
    const a: Readonly<Record<string, unknown>> = expected[collection];
    const b: Readonly<Record<string, unknown>> = actual[collection];
    for (const id of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!(id in b)) found.push(`missing in desired: ${id}`);
      else if (!(id in a)) found.push(`extra in desired: ${id}`);
      else if (!isDeepStrictEqual(a[id], b[id]))
        found.push(`differs: ${id}: ${JSON.stringify(a[id])} vs ${JSON.stringify(b[id])}`);
    }
  }
  return found.slice(0, 20);
}
