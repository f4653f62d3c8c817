import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { COLLECTIONS } from "@pg-flux/core";
import { inspect } from "@pg-flux/inspector";
import { databaseUrl, scratchHostForFile, type TestDatabase, test, testServer } from "@pg-flux/testkit";
import { pgDumpOnPath } from "@pg-flux/testkit/external";
import pg from "pg";
import { afterAll, beforeAll, describe, expect } from "vitest";
import {
  applyMigration,
  type EmbeddedServer,
  isSupportedMajor,
  planMigration,
  startEmbeddedPostgres,
} from "../../src/index.js";

/**
 * `pg_dump -s` output, with and without `--clean --if-exists`, loads unmodified as desired state
 * (issue 17): a database holding every kind pg-flux manages (fixtures/dumps/every-kind.sql) is dumped by
 * the real pg_dump, the dump planned against the database it came from (empty plan), and an empty
 * database taken to it and planned again (empty re-plan).
 *
 * pg_dump is the OS's (`postgresql-client`, which .ci/run installs: pg_dump 15 on this machine); it
 * dumps servers of its own major and older. On an older or equal test server (the PostgreSQL 14 run)
 * the dump comes from the test server itself. On a newer one (the PostgreSQL 18 run) no pg_dump of
 * that major exists here, so the schema is built on an embedded server of pg_dump's major, dumped
 * there, and that dump is loaded against the newer server: a dump taken before an upgrade.
 * Without pg_dump on PATH the file is skipped with one printed line (testkit's externalNotice).
 */
describe.skipIf(!pgDumpOnPath())("pg_dump output as desired state", () => {
  const EVERY_KIND = readFileSync(
    new URL("../../../../fixtures/dumps/every-kind.sql", import.meta.url),
    "utf8",
  );
  const run = promisify(execFile);
  const scratch = scratchHostForFile();

  interface Dumps {
    readonly plain: string;
    readonly clean: string;
    readonly dumpMajor: number;
    readonly sourceMajor: number;
  }

  let dumps: Dumps | undefined;
  let source: EmbeddedServer | undefined;

  async function pgDumpMajor(): Promise<number> {
    let version: string;
    try {
      version = (await run("pg_dump", ["--version"])).stdout;
    } catch (error) {
      throw new Error(
        `pg_dump is not on PATH (${String(error)}): install the OS's PostgreSQL client (apt-get install postgresql-client), as .ci/run does`,
      );
    }
    const match = /\(PostgreSQL\)\s+(\d+)/.exec(version);
    if (!match) throw new Error(`cannot read pg_dump's version from: ${version}`);
    return Number(match[1]);
  }

  async function runSql(url: string, sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  async function pgDump(url: string, clean: boolean): Promise<string> {
    const { stdout } = await run(
      "pg_dump",
      ["--schema-only", ...(clean ? ["--clean", "--if-exists"] : []), url],
      {
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return stdout;
  }

  beforeAll(async () => {
    const dumpMajor = await pgDumpMajor();
    const server = testServer();
    let adminUrl = server.adminUrl;
    let sourceMajor = server.major;
    if (server.major > dumpMajor) {
      if (!isSupportedMajor(dumpMajor)) throw new Error(`pg_dump ${dumpMajor} has no embedded server here`);
      source = await startEmbeddedPostgres({ major: dumpMajor });
      adminUrl = source.url;
      sourceMajor = dumpMajor;
    }
    const name = `dump_source_${process.pid}_${Date.now()}`;
    await runSql(adminUrl, `create database ${name} template template0 encoding 'UTF8'`);
    const url = databaseUrl(adminUrl, name);
    try {
      await runSql(url, EVERY_KIND);
      dumps = { plain: await pgDump(url, false), clean: await pgDump(url, true), dumpMajor, sourceMajor };
    } finally {
      await runSql(adminUrl, `drop database ${name} with (force)`);
    }
  }, 180_000);

  afterAll(async () => {
    await source?.stop();
  });

  function dumpOf(clean: boolean): string {
    if (!dumps) throw new Error("the dumps were not taken (see beforeAll's error)");
    return clean ? dumps.clean : dumps.plain;
  }

  const plan = (db: TestDatabase, text: string) =>
    planMigration({ scratchHost: scratch(), databaseUrl: db.url, sources: [{ name: "dump.sql", text }] });

  test("the schema holds an object of every collection of the model (a kind added to pg-flux is added here)", async ({
    db,
  }) => {
    await db.query(EVERY_KIND);
    const state = await inspect(db.url);
    const empty = COLLECTIONS.filter((collection) => Object.keys(state[collection]).length === 0);
    expect(empty).toEqual([]);
  });

  describe.each([
    ["pg_dump -s", false],
    ["pg_dump -s --clean --if-exists", true],
  ])("%s output loads unmodified as desired state", (_label, clean) => {
    test("the dump is what pg_dump writes: its preamble, and for --clean the DROP … IF EXISTS lines", () => {
      const dump = dumpOf(clean);
      expect(dump).toContain("SELECT pg_catalog.set_config('search_path', '', false);");
      expect(dump).toContain("SET statement_timeout = 0;");
      expect(dump).toMatch(/CREATE INDEX events_at_idx ON ONLY app\.events /);
      expect(dump).toMatch(/ALTER INDEX app\.events_at_idx ATTACH PARTITION app\.events_2024_at_idx;/);
      expect(dump).toContain("CREATE OPERATOR app.=== (");
      expect(dump).toContain(
        "CREATE CAST (app.money_pair AS text) WITH FUNCTION app.pair_text(app.money_pair) AS ASSIGNMENT;",
      );
      // operator classes: a loose member of a btree family, a gist class's operators and optional
      // functions bound to its family (FOR ORDER BY among them), a default class whose family
      // PostgreSQL made
      expect(dump).toMatch(
        /ALTER OPERATOR FAMILY app\.pair_family USING btree ADD\s+FUNCTION 4 \(app\.money_pair, app\.money_pair\) btequalimage\(oid\);/,
      );
      expect(dump).toMatch(
        /ALTER OPERATOR FAMILY app\.near_ops USING gist ADD\s+OPERATOR 1 <<\(point,point\)/,
      );
      expect(dump).toMatch(/OPERATOR 15 <->\(point,point\) FOR ORDER BY pg_catalog\.float_ops/);
      expect(dump).toMatch(
        /CREATE OPERATOR CLASS app\.near_ops\s+FOR TYPE point USING gist FAMILY app\.near_ops AS\s+STORAGE box/,
      );
      expect(dump).toContain("CREATE OPERATOR FAMILY public.pair_hash_ops USING hash;");
      expect(dump).toMatch(
        /CREATE OPERATOR CLASS public\.pair_hash_ops\s+DEFAULT FOR TYPE app\.money_pair USING hash/,
      );
      // foreign data: a wrapper with a validator and options, a user mapping for a named role, a
      // foreign table
      expect(dump).toMatch(/CREATE FOREIGN DATA WRAPPER app_files VALIDATOR app\.accept_options OPTIONS \(/);
      expect(dump).toContain("CREATE USER MAPPING FOR pg_monitor SERVER app_archive OPTIONS (");
      expect(dump).toContain("CREATE FOREIGN TABLE app.exported_accounts (");
      expect(dump).toContain("ALTER PUBLICATION app_changes ADD TABLE ONLY app.pinned_notes;");
      expect(dump).toContain("ALTER TABLE app.cache DISABLE RULE cache_keep_keys;");
      expect(dump).toMatch(
        /SET default_table_access_method = heap2;\n\n[\s\S]*?CREATE MATERIALIZED VIEW app\.archive_sizes AS/,
      );
      expect(dump).toContain("REVOKE ALL ON LANGUAGE plsample FROM PUBLIC;");
      expect(dump).toContain("GRANT ALL ON LANGUAGE plsample TO pg_monitor;");
      if (clean) {
        expect(dump).toContain("DROP PUBLICATION IF EXISTS app_changes;");
        expect(dump).toContain("DROP RULE IF EXISTS live_accounts_delete ON app.live_accounts;");
        expect(dump).toContain("DROP OPERATOR CLASS IF EXISTS app.pair_ops USING btree;");
        expect(dump).toContain("DROP OPERATOR FAMILY IF EXISTS app.pair_family USING btree;");
        expect(dump).toContain("DROP USER MAPPING IF EXISTS FOR pg_monitor SERVER app_archive;");
        expect(dump).toContain("DROP FOREIGN TABLE IF EXISTS app.exported_accounts;");
        expect(dump).toContain("DROP INDEX IF EXISTS app.events_at_idx;");
        expect(dump).toContain("DROP TABLE IF EXISTS app.events;");
        expect(dump.indexOf("DROP TABLE IF EXISTS app.events;")).toBeLessThan(
          dump.indexOf("CREATE TABLE app.events ("),
        );
      } else {
        expect(dump).not.toMatch(/^DROP /m);
      }
    });

    test("planned against a database holding the schema it describes: empty plan", async ({ db }) => {
      await db.query(EVERY_KIND);
      const { plan: planned } = await plan(db, dumpOf(clean));
      expect(planned.steps.map((step) => step.sql)).toEqual([]);
    });

    test("round trip: empty → the dump → re-plan empty, and equal to the schema it came from", async ({
      db,
    }) => {
      const { plan: planned } = await plan(db, dumpOf(clean));
      expect(planned.steps.length).toBeGreaterThan(40);
      expect(planned.steps.map((step) => step.sql).join("\n")).toContain("CREATE TABLE app.events_2024");
      const applied = await applyMigration({ databaseUrl: db.url, plan: planned });
      expect(applied.status).toBe("applied");
      expect((await plan(db, dumpOf(clean))).plan.steps.map((step) => step.sql)).toEqual([]);
      // the database the dump made holds what the original file describes, but for one thing: pg_dump
      // -s writes materialized views WITH NO DATA (no rows in a schema dump), which pg-flux keeps
      const fromSchema = await planMigration({
        scratchHost: scratch(),
        databaseUrl: db.url,
        sources: [{ name: "every-kind.sql", text: EVERY_KIND }],
      });
      expect(fromSchema.plan.steps.map((step) => step.sql)).toEqual([
        "REFRESH MATERIALIZED VIEW app.team_sizes;",
      ]);
    });
  });

  test("pg_dump 17+'s SET transaction_timeout = 0 (written also for older servers, which lack it) is skipped", async ({
    db,
  }) => {
    await db.query(EVERY_KIND);
    const dump = dumpOf(true).replace(
      "SET idle_in_transaction_session_timeout = 0;\n",
      "SET idle_in_transaction_session_timeout = 0;\nSET transaction_timeout = 0;\n",
    );
    expect(dump).toContain("SET transaction_timeout = 0;");
    const { plan: planned } = await plan(db, dump);
    expect(planned.steps.map((step) => step.sql)).toEqual([]);
  });

  test("the dumps were taken by pg_dump of a major that can dump the source server", () => {
    expect(dumps).toBeDefined();
    const { dumpMajor, sourceMajor } = dumps as Dumps;
    expect(sourceMajor).toBeLessThanOrEqual(dumpMajor);
    expect(dumpOf(false)).toContain(`-- Dumped by pg_dump version ${dumpMajor}.`);
    expect(dumpOf(false)).toContain(`-- Dumped from database version ${sourceMajor}.`);
  });
});
