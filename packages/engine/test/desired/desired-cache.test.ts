import { randomBytes } from "node:crypto";
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { formatError } from "@pg-flux/core";
import { scratchHostForFile, type TestDatabase, test, testServer } from "@pg-flux/testkit";
import pg from "pg";
import { afterAll, describe, expect, vi } from "vitest";
import { sharedCopyRoot } from "../../src/embedded/reachable.js";
import {
  type DesiredPhase,
  type DesiredState,
  findBinaries,
  type LoadDesiredStateOptions,
  loadDesiredState,
  type PlanPhase,
  planMigration,
} from "../../src/index.js";

/** Counts embedded servers started by this file's pg-flux calls (the test servers start elsewhere). */
const starts = vi.hoisted(() => ({ count: 0 }));
vi.mock("../../src/embedded/server.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/embedded/server.js")>();
  return {
    ...original,
    startEmbeddedPostgres: (...args: Parameters<typeof original.startEmbeddedPostgres>) => {
      starts.count += 1;
      return original.startEmbeddedPostgres(...args);
    },
  };
});

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `pgflux-${prefix}-`));
  temporary.push(dir);
  return dir;
}

/** A load through the cache in `dir`, and whether it came from the cache (no parse, no load). */
async function cachedLoad(
  sources: Parameters<typeof loadDesiredState>[0],
  dir: string,
  options: LoadDesiredStateOptions,
): Promise<{ desired: DesiredState; hit: boolean }> {
  const phases: DesiredPhase[] = [];
  const desired = await loadDesiredState(sources, {
    ...options,
    cache: { dir },
    onPhase: (phase) => phases.push(phase),
  });
  expect(phases[0]).toBe("cache");
  const hit = !phases.includes("load");
  expect(phases).toEqual(hit ? ["cache"] : ["cache", "parse", "load", "inspect"]);
  return { desired, hit };
}

const text = (name: string, sql: string) => ({ name, text: sql });

describe("the desired-state cache: a re-plan of unchanged files reads the live database only", () => {
  test("no change: the second plan neither parses, loads nor starts a server, and is equally empty", async ({
    db,
  }) => {
    const dir = tempDir("cache");
    await db.query("create table items (id int primary key, name text not null)");
    const sources = [text("schema.sql", "create table items (id int primary key, name text not null);")];
    const first = await plan(db, sources, dir);
    expect(first.phases).toEqual(["cache", "parse", "inspect", "load", "inspectDesired", "plan"]);
    expect(first.started).toBe(1);
    expect(first.steps).toEqual([]);

    const second = await plan(db, sources, dir);
    expect(second.phases).toEqual(["cache", "inspect", "plan"]);
    expect(second.started).toBe(0);
    expect(second.steps).toEqual([]);
  });

  test("a change: the cached desired state plans the same steps, verified on a server started for it", async ({
    db,
  }) => {
    const dir = tempDir("cache");
    await db.query("create table items (id int primary key)");
    const sources = [
      text(
        "schema.sql",
        "create table items (id int primary key, name text);\ncreate index on items (name);",
      ),
    ];
    const uncached = await planMigration({ databaseUrl: db.url, sources });
    const first = await plan(db, sources, dir);
    const second = await plan(db, sources, dir);
    expect(second.phases).toEqual(["cache", "inspect", "plan", "verify"]);
    expect(second.started).toBe(1);
    const sql = uncached.plan.steps.map((step) => step.sql);
    expect(sql.length).toBe(2);
    expect(first.steps).toEqual(sql);
    expect(second.steps).toEqual(sql);
    expect(second.desiredFingerprint).toBe(uncached.plan.desiredFingerprint);
  });
});

/** One planMigration through the cache in `dir`: its phases, steps and how many servers it started. */
async function plan(db: TestDatabase, sources: { name: string; text: string }[], dir: string) {
  const phases: PlanPhase[] = [];
  const before = starts.count;
  const { plan } = await planMigration({
    databaseUrl: db.url,
    sources,
    cache: { dir },
    onPhase: (phase) => phases.push(phase),
  });
  return {
    phases,
    steps: plan.steps.map((step) => step.sql),
    started: starts.count - before,
    desiredFingerprint: plan.desiredFingerprint,
  };
}

describe("every input of the normalization is part of the cache's key: a change reloads", () => {
  const scratch = scratchHostForFile();

  test("a file edited, added or removed; an \\i-included file edited", async () => {
    const dir = tempDir("cache");
    const schema = tempDir("schema");
    writeFileSync(path.join(schema, "1_tables.sql"), "create table a (id int primary key);\n");
    mkdirSync(path.join(schema, "parts"));
    // not a .sql file: read only through the \ir
    writeFileSync(path.join(schema, "parts", "b.sql.inc"), "create table b (id int primary key);\n");
    writeFileSync(path.join(schema, "2_more.sql"), "\\ir parts/b.sql.inc\n");
    const load = () => cachedLoad([schema], dir, { host: scratch() });
    const tables = (desired: DesiredState) => Object.keys(desired.state.tables).sort();

    expect((await load()).hit).toBe(false);
    const again = await load();
    expect(again.hit).toBe(true);
    expect(tables(again.desired)).toEqual(["table:public.a", "table:public.b"]);

    writeFileSync(path.join(schema, "1_tables.sql"), "create table a (id int primary key, x text);\n");
    const edited = await load();
    expect(edited.hit).toBe(false);
    expect(edited.desired.state.tables["table:public.a"]?.columns.map((c) => c.name)).toEqual(["id", "x"]);

    writeFileSync(path.join(schema, "3_added.sql"), "create table c (id int primary key);\n");
    const added = await load();
    expect(added.hit).toBe(false);
    expect(tables(added.desired)).toEqual(["table:public.a", "table:public.b", "table:public.c"]);

    unlinkSync(path.join(schema, "3_added.sql"));
    const removed = await load();
    expect(removed.hit).toBe(true); // the same files as before the addition: that entry is still there
    expect(tables(removed.desired)).toEqual(["table:public.a", "table:public.b"]);

    writeFileSync(path.join(schema, "parts", "b.sql.inc"), "create table b (id bigint primary key);\n");
    const included = await load();
    expect(included.hit).toBe(false);
    expect(included.desired.state.tables["table:public.b"]?.columns[0]?.type.text).toBe("bigint");
  });

  test("psql variables and the managed schemas", async () => {
    const dir = tempDir("cache");
    const sources = [
      text(
        "schema.sql",
        "create schema app;\ncreate table app.t (n int default :n);\ncreate table p (id int);",
      ),
    ];
    const load = (options: LoadDesiredStateOptions) =>
      cachedLoad(sources, dir, { host: scratch(), ...options });
    const defaultOf = (desired: DesiredState) =>
      desired.state.tables["table:app.t"]?.columns[0]?.default ?? null;

    expect((await load({ variables: { n: "1" } })).hit).toBe(false);
    expect((await load({ variables: { n: "1" } })).hit).toBe(true);
    const two = await load({ variables: { n: "2" } });
    expect(two.hit).toBe(false);
    expect(defaultOf(two.desired)).toBe("2");

    const scoped = await load({ variables: { n: "1" }, schemas: ["app"] });
    expect(scoped.hit).toBe(false);
    expect(Object.keys(scoped.desired.state.tables)).toEqual(["table:app.t"]);
    expect((await load({ variables: { n: "1" }, schemas: ["app"] })).hit).toBe(true);
    const all = await load({ variables: { n: "1" } });
    expect(all.hit).toBe(true);
    expect(Object.keys(all.desired.state.tables).sort()).toEqual(["table:app.t", "table:public.p"]);
  });

  test("a damaged entry is a miss, loaded again and replaced", async () => {
    const dir = tempDir("cache");
    const sources = [text("schema.sql", "create table t (id int primary key);")];
    const load = () => cachedLoad(sources, dir, { host: scratch() });
    expect((await load()).hit).toBe(false);
    const entry = readdirSync(dir).find((name) => name.endsWith(".json.gz")) as string;
    writeFileSync(path.join(dir, entry), "not gzip");
    const damaged = await load();
    expect(damaged.hit).toBe(false);
    expect(Object.keys(damaged.desired.state.tables)).toEqual(["table:public.t"]);
    expect((await load()).hit).toBe(true);
  });

  test("the server's version: the same files on another major are loaded again", async () => {
    const dir = tempDir("cache");
    const sources = [text("schema.sql", "create table t (id int primary key);")];
    const on17 = await cachedLoad(sources, dir, { embeddedMajor: 17 });
    expect(on17.hit).toBe(false);
    expect(on17.desired.state.server.major).toBe(17);
    const on18 = await cachedLoad(sources, dir, { embeddedMajor: 18 });
    expect(on18.hit).toBe(false);
    expect(on18.desired.state.server.major).toBe(18);
    expect((await cachedLoad(sources, dir, { embeddedMajor: 17 })).hit).toBe(true);
  }, 240_000);

  test("the extensions the server offers: one added to (or removed from) its extension folder reloads", async () => {
    const dir = tempDir("cache");
    const install = fakeInstall(findBinaries(18).root);
    const saved = process.env.PGFLUX_PG_BIN_DIR;
    process.env.PGFLUX_PG_BIN_DIR = install.root;
    const copy = sharedCopyRoot(findBinaries(18));
    try {
      const sources = [text("schema.sql", "create table t (id int primary key);")];
      const load = () => cachedLoad(sources, dir, { embeddedMajor: 18 });
      expect((await load()).hit).toBe(false);
      expect((await load()).hit).toBe(true);
      writeFileSync(path.join(install.extensions, "pgflux_fake.control"), "default_version = '1.0'\n");
      expect((await load()).hit).toBe(false);
      unlinkSync(path.join(install.extensions, "pgflux_fake.control"));
      expect((await load()).hit).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.PGFLUX_PG_BIN_DIR;
      else process.env.PGFLUX_PG_BIN_DIR = saved;
      // run as root from a private folder, the server ran from a copy of the stand-in: remove it
      rmSync(copy, { recursive: true, force: true });
    }
  }, 240_000);

  test("the role that owns what the load creates: another target user reloads, owned by that user", async ({
    db,
  }) => {
    const dir = tempDir("cache");
    const role = `pgflux_cache_${randomBytes(4).toString("hex")}`;
    const password = randomBytes(8).toString("hex");
    await db.query(`create role ${role} login password '${password}'`);
    try {
      await db.query(`grant connect on database ${db.name} to ${role}`);
      const asRole = new URL(db.url);
      asRole.username = role;
      asRole.password = password;
      const sources = [text("schema.sql", "create table t (id int primary key);")];
      const owner = (desired: DesiredState) => desired.state.tables["table:public.t"]?.owner;
      const first = await cachedLoad(sources, dir, { targetUrl: db.url });
      expect(first.hit).toBe(false);
      expect(owner(first.desired)).toBe("postgres");
      expect((await cachedLoad(sources, dir, { targetUrl: db.url })).hit).toBe(true);
      const other = await cachedLoad(sources, dir, { targetUrl: asRole.toString() });
      expect(other.hit).toBe(false);
      expect(owner(other.desired)).toBe(role);
    } finally {
      await db.query(`drop owned by ${role}`);
      await db.query(`drop role ${role}`);
    }
  }, 120_000);

  test("a shadow server's roles: a role the files name that gains a server-wide power reloads (and now fails)", async () => {
    const dir = tempDir("cache");
    const role = `pgflux_cache_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: testServer().adminUrl });
    await admin.connect();
    try {
      await admin.query(`create role ${role} nologin`);
      // OWNER TO needs the new owner to have CREATE on the schema
      const sql = `create schema app;\ngrant create on schema app to ${role};\ncreate table app.t (id int primary key);\nalter table app.t owner to ${role};`;
      const sources = [text("schema.sql", sql)];
      const load = () => cachedLoad(sources, dir, { shadowUrl: testServer().adminUrl });
      const first = await load();
      expect(first.hit).toBe(false);
      expect(first.desired.state.tables["table:app.t"]?.owner).toBe(role);
      expect((await load()).hit).toBe(true);
      await admin.query(`alter role ${role} createdb`);
      const error = await load().then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).not.toBeNull();
      expect(formatError(error)).toMatch(/must be able to SET ROLE|permission denied|must be member/);
    } finally {
      await admin.query(`drop role if exists ${role}`);
      await admin.end();
    }
  }, 120_000);
});

/**
 * An installation of the server that looks like another to pg-flux: its folders link to the real
 * one's, except the extension folder, a folder of links that a test can add to.
 */
function fakeInstall(real: string): { root: string; extensions: string } {
  const root = tempDir("install");
  chmodSync(root, 0o755); // the server's OS user (root runs it as postgres) must reach it
  for (const entry of ["bin", "lib"]) symlinkSync(path.join(real, entry), path.join(root, entry));
  const share = path.join(root, "share", "postgresql");
  mkdirSync(share, { recursive: true });
  const realShare = path.join(real, "share", "postgresql");
  for (const entry of readdirSync(realShare)) {
    if (entry !== "extension") symlinkSync(path.join(realShare, entry), path.join(share, entry));
  }
  const extensions = path.join(share, "extension");
  mkdirSync(extensions);
  for (const file of readdirSync(path.join(realShare, "extension"))) {
    symlinkSync(path.join(realShare, "extension", file), path.join(extensions, file));
  }
  return { root, extensions };
}
