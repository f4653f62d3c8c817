/**
 * A plan against the target is read-only (issue 14, finding 1): desired-state normalization and the
 * verification copy run on an embedded PostgreSQL of the target's major (or on `shadowUrl`), never on
 * the target. Each test snapshots the target's server and database (catalog-snapshot.ts) before and
 * after a command and requires them equal: no database, role, setting or object created, nothing
 * changed, no checkpoint forced. The target is a server of its own (the worker's test server is
 * shared with other files, whose databases come and go), of the major under test
 * (PGFLUX_TEST_PG=14 runs this file on 14), with autovacuum and timed checkpoints off so that only
 * pg-flux could change anything.
 */
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { formatError } from "@pg-flux/core";
import {
  applyMigration,
  diffSources,
  type EmbeddedServer,
  generateCodegen,
  isSupportedMajor,
  planMigration,
  startEmbeddedPostgres,
} from "@pg-flux/engine";
import { testServer } from "@pg-flux/testkit";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { catalogSnapshot, lastCheckpoint, snapshotChanges } from "./catalog-snapshot.js";

let target: EmbeddedServer;
let targetUrl: string;
/** Where a program run by `COPY … TO PROGRAM` leaves a file named after the server's port. */
let markers: string;

async function sql(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

const CURRENT = `
  create table items (id int primary key, name text not null);
  insert into items select g, 'item ' || g from generate_series(1, 1000) g;
  create view item_names as select name from items;
`;

/** A change of every common kind, so that verification has a plan to prove. */
const DESIRED = `
CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, price numeric(10, 2));
CREATE INDEX items_name ON items (name);
CREATE VIEW item_names AS SELECT name FROM items;
CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, item_id int NOT NULL REFERENCES items (id));
CREATE FUNCTION order_count() RETURNS bigint LANGUAGE sql AS 'select count(*) from orders';
`;

/**
 * Desired-state code that tries to take over the server it runs on: a superuser role and a program
 * (a file named after the server's port in `markers`). Each attempt swallows its error, so that a
 * load that is refused both still completes and the plan is made. It runs while the files load
 * (a query, a DO block, a materialized view's query) and again where the plan runs on the
 * verification copy (the materialized view).
 */
function takeover(markerDir: string): string {
  return `
CREATE FUNCTION pwn() RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  BEGIN EXECUTE 'CREATE ROLE pgflux_pwned LOGIN SUPERUSER'; EXCEPTION WHEN OTHERS THEN NULL; END;
  BEGIN
    EXECUTE format('COPY (SELECT 1) TO PROGRAM %L', 'touch ${markerDir}/ran-on-port-' || current_setting('port'));
  EXCEPTION WHEN OTHERS THEN NULL;
  END;
  RETURN 1;
END $$;
CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, a int DEFAULT pwn());
CREATE MATERIALIZED VIEW pwned AS SELECT pwn() AS a;
CREATE VIEW item_names AS SELECT name FROM items;
SELECT pwn();
DO $$ BEGIN PERFORM pwn(); END $$;
`;
}

const source = (text: string) => [{ name: "schema.sql", text }];

function ranOn(port: number): boolean {
  return existsSync(path.join(markers, `ran-on-port-${port}`));
}

beforeAll(async () => {
  const major = testServer().major;
  if (!isSupportedMajor(major)) throw new Error(`no embedded PostgreSQL ${major} for the target`);
  target = await startEmbeddedPostgres({
    major,
    settings: { autovacuum: "off", checkpoint_timeout: "1d" },
  });
  targetUrl = withDatabase(target.url, "app");
  markers = mkdtempSync(path.join(os.tmpdir(), "pgflux-markers-"));
  // the server may run as another OS user (as root, `postgres`): let its programs write here
  chmodSync(markers, 0o777);
}, 120_000);

afterAll(async () => {
  await target?.stop();
  if (markers) rmSync(markers, { recursive: true, force: true });
});

beforeEach(async () => {
  await sql(target.url, "drop database if exists app with (force)");
  await sql(target.url, "create database app");
  await sql(targetUrl, CURRENT);
});

/** Runs `command` between two snapshots of the target; returns what changed and whether a checkpoint happened. */
async function around(command: () => Promise<unknown>) {
  const before = await catalogSnapshot(targetUrl);
  const checkpoint = await lastCheckpoint(target.url);
  const outcome = await command().then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  const after = await catalogSnapshot(targetUrl);
  return {
    outcome,
    changes: snapshotChanges(before, after),
    checkpointed: (await lastCheckpoint(target.url)) !== checkpoint,
  };
}

describe("migrate plan is read-only on the target", () => {
  test("a plan with verification changes nothing on the target's server", { timeout: 180_000 }, async () => {
    const { outcome, changes, checkpointed } = await around(() =>
      planMigration({ databaseUrl: targetUrl, sources: source(DESIRED) }),
    );
    expect(outcome.ok, String(!outcome.ok && outcome.error)).toBe(true);
    const planned = outcome.ok ? (outcome.value as Awaited<ReturnType<typeof planMigration>>) : null;
    expect(planned?.plan.steps.length).toBeGreaterThan(3);
    expect(changes).toEqual({});
    expect(checkpointed).toBe(false);
  });

  test("desired-state code that tries to take over the server never runs on the target", {
    timeout: 180_000,
  }, async () => {
    const { outcome, changes, checkpointed } = await around(() =>
      planMigration({ databaseUrl: targetUrl, sources: source(takeover(markers)) }),
    );
    expect(outcome.ok, String(!outcome.ok && outcome.error)).toBe(true);
    expect(changes).toEqual({});
    expect(checkpointed).toBe(false);
    expect(ranOn(target.port)).toBe(false);
  });

  test("the file of finding 1 (CREATE TABLE … AS SELECT f()) is refused at its line; nothing runs anywhere", {
    timeout: 120_000,
  }, async () => {
    const file = `create function f() returns int language plpgsql as $$ begin
  execute 'create role pgflux_pwned login superuser';
  execute 'copy (select 1) to program ''touch ${markers}/finding-1''';
  return 1;
end $$;
create table t as select f() as a;
`;
    const { outcome, changes } = await around(() =>
      planMigration({ databaseUrl: targetUrl, sources: source(file) }),
    );
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? "" : formatError(outcome.error)).toContain(
      "schema.sql:6:1: desired state is schema, not data: CREATE TABLE … AS creates a table",
    );
    expect(changes).toEqual({});
    expect(readdirSync(markers)).not.toContain("finding-1");
  });

  test("diff with a database side and codegen from files with a database only read it", {
    timeout: 180_000,
  }, async () => {
    const { outcome, changes, checkpointed } = await around(async () => {
      const diffed = await diffSources({ from: targetUrl, to: source(DESIRED) });
      expect(diffed.plan.steps.length).toBeGreaterThan(3);
      const file = path.join(markers, "desired.sql");
      writeFileSync(file, DESIRED);
      try {
        const generated = await generateCodegen({ sources: [file], databaseUrl: targetUrl });
        expect(generated.source).toContain("orders");
      } finally {
        rmSync(file);
      }
    });
    expect(outcome.ok, String(!outcome.ok && outcome.error)).toBe(true);
    expect(changes).toEqual({});
    expect(checkpointed).toBe(false);
  });
});

describe("--shadow-url naming the target's own server", () => {
  test("the load runs as a throwaway role: desired-state code can create no role and run no program", {
    timeout: 180_000,
  }, async () => {
    const { outcome, changes, checkpointed } = await around(() =>
      planMigration({ databaseUrl: targetUrl, shadowUrl: target.url, sources: source(takeover(markers)) }),
    );
    expect(outcome.ok, String(!outcome.ok && outcome.error)).toBe(true);
    // the scratch databases and the throwaway role came and went; nothing else changed
    expect(changes).toEqual({});
    expect(ranOn(target.port)).toBe(false);
    // the user named this server for scratch work: its databases were created and dropped there
    expect(checkpointed).toBe(true);
  });

  test("control: the same code run by the server's superuser does both, so the checks above can fail", {
    timeout: 120_000,
  }, async () => {
    await sql(target.url, "create database control");
    const control = withDatabase(target.url, "control");
    try {
      const body = takeover(markers).split("\nCREATE TABLE")[0] ?? "";
      await sql(control, body);
      await sql(control, "select pwn()");
      const { rows } = await sql(control, "select rolsuper from pg_roles where rolname = 'pgflux_pwned'");
      expect(rows).toEqual([{ rolsuper: true }]);
      expect(ranOn(target.port)).toBe(true);
    } finally {
      await sql(target.url, "drop database control");
      await sql(target.url, "drop role if exists pgflux_pwned");
      rmSync(path.join(markers, `ran-on-port-${target.port}`), { force: true });
    }
  });
});

describe("migrate apply", () => {
  test("creates no scratch database or role on the target: only the migration's own objects change", {
    timeout: 180_000,
  }, async () => {
    const { outcome, changes } = await around(async () => {
      const planned = await planMigration({
        databaseUrl: targetUrl,
        sources: source(
          "create table items (id int primary key, name text not null);\ncreate view item_names as select name from items;\ncreate index items_name on items (name);\n",
        ),
      });
      return applyMigration({ databaseUrl: targetUrl, plan: planned.plan });
    });
    expect(outcome.ok, String(!outcome.ok && outcome.error)).toBe(true);
    expect(outcome.ok && (outcome.value as { status: string }).status).toBe("applied");
    // the index: its pg_class row, its pg_index row, its column
    expect(Object.keys(changes).sort()).toEqual(["columns", "indexes", "relations"]);
    expect(changes.columns).toEqual({
      added: [expect.objectContaining({ rel: "items_name", attname: "name" })],
      removed: [],
    });
    expect(changes.relations).toEqual({
      added: [expect.objectContaining({ name: "items_name", relkind: "i" })],
      removed: [],
    });
  });
});
