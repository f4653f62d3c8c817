import { appendFileSync } from "node:fs";
import path from "node:path";
import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { acquireLedgerLock, ledgerLockKey, releaseLedgerLock } from "../src/advisory-lock.js";
import { dryRunMigrations } from "../src/dry-run.js";
import { ledgerTenant } from "../src/ledger-schema.js";
import { pushMigrations } from "../src/push.js";
import { databaseTarget } from "../src/target.js";
import { copyFixture } from "./helpers.js";

const noReload = { skip: true } as const;

describe("--dry-run refuses and skips what a push would", () => {
  test("nothing to do after a push; an edited applied migration is a checksum conflict", async ({ db }) => {
    const cwd = copyFixture("moods");
    await pushMigrations({ target: databaseTarget(db.url), path: "migrations", cwd, reload: noReload });

    const idle = await dryRunMigrations({ target: databaseTarget(db.url), path: "migrations", cwd });
    expect(idle.status).toBe("nothing_to_do");
    if (idle.status !== "nothing_to_do") return;
    expect(idle.skipped.map((file) => file.version)).toEqual(["0001", "0002", "0010"]);

    appendFileSync(
      path.join(cwd, "migrations/0001_moods.sql"),
      "alter table moods add column colour text;\n",
    );
    const refused = await dryRunMigrations({ target: databaseTarget(db.url), path: "migrations", cwd });
    expect(refused.status === "refused" && refused.reason).toBe("checksum_conflict");
    const colour = await db.query("select 1 from information_schema.columns where column_name = 'colour'");
    expect(colour.rowCount).toBe(0);
  });

  test("a legacy global ledger is refused, and left as it was", async ({ db }) => {
    const cwd = copyFixture("tenant");
    await db.query("create schema t_abc123_api");
    await db.query(`create schema flux;
      create table flux.flux_migrations (
        version text primary key, name text, checksum text not null,
        applied_at timestamptz not null default now(), tenant_schema text);
      insert into flux.flux_migrations (version, name, checksum) values ('0001', 'items', 'aaaa')`);
    const target = databaseTarget(db.url, "t_abc123_api");
    const refused = await dryRunMigrations({ target, path: "migrations", cwd });
    expect(refused.status === "refused" && refused.reason).toBe("legacy_ledger");
    const columns = await db.query<{ column_name: string }>(
      "select column_name from information_schema.columns where table_schema = 'flux' order by ordinal_position",
    );
    expect(columns.rows.map((row) => row.column_name)).toEqual([
      "version",
      "name",
      "checksum",
      "applied_at",
      "tenant_schema",
    ]);
  });

  test("a raw file runs and is rolled back, with no ledger created", async ({ db }) => {
    const cwd = copyFixture("scripts");
    const dry = await dryRunMigrations({ target: databaseTarget(db.url), path: "seed.sql", cwd });
    expect(dry.status).toBe("rolled_back");
    if (dry.status !== "rolled_back") return;
    expect(dry.ran.map((file) => [file.kind, file.file])).toEqual([["raw", "seed.sql"]]);
    expect((await db.query("select to_regclass('public.seed_runs') as t")).rows[0]?.t).toBeNull();
    expect((await db.query("select 1 from pg_namespace where nspname = 'flux'")).rowCount).toBe(0);
  });
});

describe("--dry-run and the ledger lock", () => {
  test("waits for a push holding the tenant's lock, and releases the lock when done", async ({ db }) => {
    const cwd = copyFixture("moods");
    const tenant = ledgerTenant(undefined);
    const holder = await db.connect();
    await acquireLedgerLock(holder, tenant);
    let settled = false;
    const dry = dryRunMigrations({ target: databaseTarget(db.url), path: "migrations", cwd }).finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);
    await releaseLedgerLock(holder, tenant);
    expect((await dry).status).toBe("rolled_back");

    const free = await holder.query<{ locked: boolean }>(
      "select pg_try_advisory_lock(hashtextextended($1, 0)) as locked",
      [ledgerLockKey(tenant)],
    );
    expect(free.rows[0]?.locked).toBe(true);
  });
});
