import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import type { SchemaState } from "@pg-flux/core";
import { type EmbeddedServer, startEmbeddedPostgres } from "@pg-flux/engine";
import { databaseUrl } from "@pg-flux/testkit";
import { corpus as externalCorpus } from "@pg-flux/testkit/external";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { inspectWithStats } from "../src/index.js";

const run = promisify(execFile);

/** The external corpus, read in place (see @pg-flux/testkit/external). */
const CORPUS = externalCorpus().dir;
const PSQL = "/usr/bin/psql";

interface Counts {
  readonly tables?: number;
  readonly indexes?: number;
  readonly views?: number;
  readonly functions?: number;
  readonly triggers?: number;
  readonly policies?: number;
  readonly domains?: number;
  readonly eventTriggers?: number;
  readonly excludeConstraints?: number;
}

interface CorpusCase {
  readonly name: string;
  readonly folder: string;
  /** Files in load order, run in one psql session from the folder. */
  readonly files: readonly string[];
  /** The catalog counts stated in corpus/README.md. */
  readonly counts: Counts;
}

const CASES: readonly CorpusCase[] = [
  {
    name: "pagila",
    folder: "pagila-pre-pgvector",
    files: ["pagila-schema.sql"],
    counts: { tables: 70, indexes: 162, functions: 10, triggers: 15 },
  },
  {
    name: "postgrest-big",
    folder: "postgrest-big",
    files: ["preamble.sql", "big_schema.sql"],
    counts: { tables: 545, indexes: 227, views: 281, functions: 70 },
  },
  {
    name: "kitchen-sink",
    folder: "postgraphile-kitchen-sink",
    files: ["preamble.sql", "kitchen-sink-schema.sql"],
    counts: { tables: 142, indexes: 190, functions: 194, domains: 19 },
  },
  {
    name: "graphile-starter (migration)",
    folder: "graphile-starter",
    files: ["preamble.sql", "000001.sql"],
    counts: { tables: 12, functions: 40, policies: 12 },
  },
  {
    name: "graphile-starter (pg_dump)",
    folder: "graphile-starter",
    files: ["preamble.sql", "schema.sql"],
    counts: { tables: 12, functions: 40, policies: 12 },
  },
  {
    name: "gitlab-ci",
    folder: "gitlab-ci-structure-2021",
    files: ["ci_structure.sql"],
    counts: { tables: 47, indexes: 192 },
  },
  {
    name: "blockscout",
    folder: "blockscout",
    files: ["migration.sql"],
    counts: { tables: 61, indexes: 212, excludeConstraints: 2 },
  },
  { name: "danbooru", folder: "danbooru", files: ["structure.sql"], counts: { tables: 66, indexes: 456 } },
  {
    name: "adventureworks",
    folder: "adventureworks",
    files: ["install.schema-only.sql"],
    counts: { tables: 68, views: 87 },
  },
  {
    name: "supabase",
    folder: "supabase-auth-storage",
    files: [
      "preamble.sql",
      "00000000000001-auth-schema.sql",
      "00000000000002-storage-schema.sql",
      "00000000000003-post-setup.sql",
    ],
    counts: { tables: 8, functions: 9, eventTriggers: 2 },
  },
];

function countsOf(state: SchemaState, expected: Counts): Counts {
  const actual: Record<string, number> = {
    tables: Object.keys(state.tables).length,
    indexes: Object.keys(state.indexes).length,
    views: Object.keys(state.views).length,
    // The README counts pg_proc rows. The state lists aggregates apart, and leaves out the
    // constructors CREATE TYPE … AS RANGE makes (two for the range, three for its multirange).
    functions:
      Object.keys(state.functions).length +
      Object.keys(state.aggregates).length +
      5 * Object.values(state.types).filter((t) => t.kind === "range").length,
    triggers: Object.keys(state.triggers).length,
    policies: Object.keys(state.policies).length,
    domains: Object.values(state.types).filter((t) => t.kind === "domain").length,
    eventTriggers: Object.keys(state.eventTriggers).length,
    excludeConstraints: Object.values(state.constraints).filter((c) => c.kind === "exclude").length,
  };
  return Object.fromEntries(Object.keys(expected).map((key) => [key, actual[key]]));
}

/**
 * The corpora create cluster-wide roles with plain CREATE ROLE and one alters the `postgres`
 * role, so they get a PostgreSQL 18 server of their own (they need 18: pagila uses uuidv7()), each
 * corpus in its own database. Skipped when the run targets another major: the corpus is a PG 18
 * fixture and the other majors' runs would only repeat the same work.
 */
const requested = process.env.PGFLUX_TEST_PG ?? "18";
const external = Boolean(process.env.PGFLUX_TEST_DATABASE_URL);

describe.skipIf(requested !== "18" || external || !CORPUS)(
  "real-world corpus on PostgreSQL 18 (skipped on other majors, an external server, or without the corpus)",
  () => {
    let server: EmbeddedServer;
    beforeAll(async () => {
      server = await startEmbeddedPostgres({ major: 18 });
    }, 120_000);
    afterAll(async () => {
      await server?.stop();
    });

    for (const corpus of CASES) {
      test(`${corpus.name} loads and inspects with the stated object counts`, {
        timeout: 240_000,
      }, async () => {
        const database = `corpus_${corpus.name.replaceAll(/[^a-z0-9]+/g, "_")}`;
        const admin = new pg.Client({ connectionString: server.url });
        await admin.connect();
        try {
          await admin.query(`create database ${database}`);
        } finally {
          await admin.end();
        }
        const url = databaseUrl(server.url, database);
        const args = ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url];
        for (const file of corpus.files) args.push("-f", file);
        await run(PSQL, args, { cwd: path.join(CORPUS ?? "", corpus.folder), maxBuffer: 64 * 1024 * 1024 });

        const { state, queries, ms } = await inspectWithStats(url);
        console.info(`corpus ${corpus.name}: ${queries} queries, ${ms.toFixed(0)} ms`);
        expect(countsOf(state, corpus.counts)).toEqual(corpus.counts);
        // Every reference between objects of the state points at an object that exists.
        for (const index of Object.values(state.indexes)) {
          expect(state.tables[index.table] ?? state.materializedViews[index.table]).toBeDefined();
        }
        for (const constraint of Object.values(state.constraints)) {
          expect(state.tables[constraint.table]).toBeDefined();
          if ("index" in constraint) expect(state.indexes[constraint.index]).toBeDefined();
        }
        // A trigger calls a function of the state or a built-in one (tsvector_update_trigger).
        for (const trigger of Object.values(state.triggers)) {
          const builtIn = trigger.function.startsWith("function:pg_catalog.");
          expect(builtIn || state.functions[trigger.function] !== undefined, trigger.id).toBe(true);
        }
        expect(JSON.parse(JSON.stringify(state))).toEqual(state);
      });
    }
  },
);
