/**
 * The invariant both ways between an empty database and every schema of the external corpus
 * (testkit's `corpus()`: PGFLUX_CORPUS, or the project CI's folder beside the clone when present;
 * without it this file is skipped and the run prints one line saying so), on a server of its own
 * (the corpora create cluster-wide roles): PostgreSQL 18 in every run, and the major of
 * PGFLUX_TEST_PG with PGFLUX_CONFORMANCE=1 (corpora needing a newer one are skipped with the
 * reason):
 *
 * - empty → corpus: the corpus is loaded with psql into one database and read back as the desired
 *   state; an empty database gets the plan; the result must equal the corpus and re-plan empty;
 * - corpus → edited corpus → corpus: the bench's edit scripts (bench/corpus/edits: columns added,
 *   dropped and retyped, indexes, NOT NULL, views, policies, RLS, enum values) applied on top of the
 *   corpus make a second desired state; the migrated database goes there and back;
 * - corpus → empty: the plan drops everything the corpus made from a loaded database (every hazard
 *   allowed); the result must equal a new database and re-plan empty.
 *
 * This proves the differ and planner on schemas nobody here wrote (the desired-state loader's own
 * corpus check is in desired/). About 2.5 minutes on PostgreSQL 18;
 * PGFLUX_CORPUS_CASES=pagila,supabase picks cases; PGFLUX_CORPUS=<dir> points at the corpus.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { canonicalJson, plan as planStates, type SchemaState } from "@pg-flux/core";
import {
  applyPlan,
  type EmbeddedServer,
  isSupportedMajor,
  type PostgresMajor,
  startEmbeddedPostgres,
} from "@pg-flux/engine";
import { inspect } from "@pg-flux/inspector";
import { databaseUrl } from "@pg-flux/testkit";
import { corpus as externalCorpus } from "@pg-flux/testkit/external";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { firstDifference, normalize } from "./invariant.js";

const run = promisify(execFile);
const CORPUS = externalCorpus().dir;
const EDITS = fileURLToPath(new URL("../../../../bench/corpus/edits/", import.meta.url));
const PSQL = "/usr/bin/psql";

interface CorpusCase {
  readonly name: string;
  readonly folder: string;
  readonly files: readonly string[];
  /** The oldest major the corpus loads on, and why. */
  readonly minMajor?: number;
  readonly why?: string;
  /** Going back from the edited copy is refused by design, with this message. */
  readonly refusedBack?: RegExp;
}

export const CORPUS_CASES: readonly CorpusCase[] = [
  {
    name: "pagila",
    folder: "pagila-pre-pgvector",
    files: ["pagila-schema.sql"],
    minMajor: 18,
    why: "uuidv7() defaults",
  },
  { name: "postgrest-big", folder: "postgrest-big", files: ["preamble.sql", "big_schema.sql"] },
  {
    name: "kitchen-sink",
    folder: "postgraphile-kitchen-sink",
    files: ["preamble.sql", "kitchen-sink-schema.sql"],
    // The edits add 'purple' to b.color; removing it recreates the enum, which composite type
    // c.compound_type (used by table columns) holds as an attribute: not automatable.
    refusedBack: /composite c\.compound_type uses it \(attribute c\)/,
  },
  { name: "graphile-starter", folder: "graphile-starter", files: ["preamble.sql", "000001.sql"] },
  { name: "graphile-starter-dump", folder: "graphile-starter", files: ["preamble.sql", "schema.sql"] },
  { name: "gitlab-ci", folder: "gitlab-ci-structure-2021", files: ["ci_structure.sql"] },
  {
    name: "blockscout",
    folder: "blockscout",
    files: ["migration.sql"],
    minMajor: 17,
    why: "SET transaction_timeout",
  },
  { name: "danbooru", folder: "danbooru", files: ["structure.sql"] },
  { name: "adventureworks", folder: "adventureworks", files: ["install.schema-only.sql"] },
  {
    name: "supabase",
    folder: "supabase-auth-storage",
    files: [
      "preamble.sql",
      "00000000000001-auth-schema.sql",
      "00000000000002-storage-schema.sql",
      "00000000000003-post-setup.sql",
    ],
  },
];

const requested = process.env.PGFLUX_TEST_PG ?? "18";
const only = process.env.PGFLUX_CORPUS_CASES?.split(",");

const requestedMajor = Number(requested);
const major: PostgresMajor = isSupportedMajor(requestedMajor) ? requestedMajor : 18;
const onRequest = process.env.PGFLUX_CONFORMANCE === "1";

describe.runIf((major === 18 || onRequest) && !process.env.PGFLUX_TEST_DATABASE_URL && CORPUS !== undefined)(
  `corpus both ways (PostgreSQL ${major})`,
  () => {
    let server: EmbeddedServer;
    beforeAll(async () => {
      server = await startEmbeddedPostgres({ major });
    }, 120_000);
    afterAll(async () => {
      await server?.stop();
    });

    async function createDatabase(name: string, template?: string): Promise<string> {
      const admin = new pg.Client({ connectionString: server.url });
      await admin.connect();
      try {
        await admin.query(`drop database if exists ${name}`);
        await admin.query(`create database ${name}${template ? ` template ${template}` : ""}`);
      } finally {
        await admin.end();
      }
      return databaseUrl(server.url, name);
    }

    async function migrate(url: string, from: SchemaState, to: SchemaState) {
      const plan = planStates(from, to, { schemas: null, options: { verify: false, manageOwners: true } });
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const outcome = await applyPlan(client, plan);
        if (outcome.status === "failed") {
          const detail = (outcome.error as { detail?: string }).detail ?? "";
          throw new Error(`apply failed at ${outcome.step.sql}: ${outcome.error.message}\n${detail}`);
        }
      } finally {
        await client.end();
      }
      const after = await inspect(url);
      const replan = planStates(after, to, { schemas: null, options: { verify: false, manageOwners: true } });
      expect(replan.steps.map((step) => step.sql)).toEqual([]);
      const afterJson = canonicalJson(normalize(after));
      const wanted = canonicalJson(normalize(to));
      if (afterJson !== wanted) throw new Error(`differs ${firstDifference(afterJson, wanted)}`);
      return plan;
    }

    /** Runs files with psql in a new database (a copy of `template` when given); returns its state. */
    async function load(
      name: string,
      corpus: CorpusCase,
      files: readonly string[],
      template?: string,
    ): Promise<SchemaState> {
      const url = await createDatabase(name, template);
      const args = ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url];
      for (const file of files) args.push("-f", file);
      await run(PSQL, args, { cwd: path.join(CORPUS ?? "", corpus.folder), maxBuffer: 64 * 1024 * 1024 });
      return inspect(url);
    }

    for (const corpus of CORPUS_CASES.filter((c) => !only || only.includes(c.name))) {
      if (major < (corpus.minMajor ?? 14)) {
        test.skip(`${corpus.name} (needs PostgreSQL ${corpus.minMajor}: ${corpus.why})`, () => undefined);
        continue;
      }
      test(`${corpus.name}: empty → corpus → edited → corpus → empty`, { timeout: 600_000 }, async () => {
        const key = corpus.name.replaceAll(/[^a-z0-9]+/g, "_");
        const full = await load(`corpus_${key}`, corpus, corpus.files);
        // A copy of the loaded corpus plus the edits (the corpora create roles: they load once).
        const edits = [`${EDITS}${corpus.folder}.sql`, `${EDITS}${corpus.folder}.more.sql`];
        const edited = await load(`edited_${key}`, corpus, edits, `corpus_${key}`);

        const targetUrl = await createDatabase(`target_${key}`);
        const empty = await inspect(targetUrl);
        const up = await migrate(targetUrl, empty, full);
        expect(up.steps.length).toBeGreaterThan(0);
        const forward = await migrate(targetUrl, full, edited);
        expect(forward.steps.length).toBeGreaterThan(0);
        if (corpus.refusedBack) {
          expect(() => planStates(edited, full, { schemas: null })).toThrow(corpus.refusedBack);
          const down = await migrate(targetUrl, edited, empty);
          expect(down.steps.length).toBeGreaterThan(0);
          return;
        }
        const back = await migrate(targetUrl, edited, full);
        expect(back.steps.length).toBeGreaterThan(0);
        const down = await migrate(targetUrl, full, empty);
        expect(down.steps.length).toBeGreaterThan(0);
      });
    }
  },
);
