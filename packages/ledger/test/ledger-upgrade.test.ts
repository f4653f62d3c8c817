import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { checksumOf } from "../src/checksum.js";
import { upgradeLedger } from "../src/ledger-upgrade.js";
import { pushMigrations } from "../src/push.js";
import { databaseTarget } from "../src/target.js";
import { copyFixture } from "./helpers.js";

const noReload = { skip: true } as const;

/** A global ledger as older pooled hosts kept it: keyed by version, tenant_schema nullable. */
async function createLegacyLedger(
  db: { query: (sql: string, params?: readonly unknown[]) => Promise<unknown> },
  rows: readonly { version: string; name: string; checksum: string; tenant?: string }[],
) {
  await db.query(`create schema flux;
    create table flux.flux_migrations (
      version text primary key, name text, checksum text not null,
      applied_at timestamptz not null default now(), tenant_schema text)`);
  for (const row of rows) {
    await db.query(
      "insert into flux.flux_migrations (version, name, checksum, tenant_schema) values ($1, $2, $3, $4)",
      [row.version, row.name, row.checksum, row.tenant ?? null],
    );
  }
}

describe("legacy ledger upgrade", () => {
  test("a push refuses a legacy ledger with the upgrade command; the upgrade assigns rows, idempotently", async ({
    db,
  }) => {
    const cwd = copyFixture("tenant");
    const checksum = checksumOf(readFileSync(path.join(cwd, "migrations/0001_items.sql"), "utf8"));
    await db.query("create schema t_abc123_api");
    await db.query("create table t_abc123_api.items (id uuid primary key, name text not null)");
    await createLegacyLedger(db, [{ version: "0001", name: "items", checksum }]);
    const target = databaseTarget(db.url, "t_abc123_api");

    const refused = await pushMigrations({ target, path: "migrations", cwd, reload: noReload });
    expect(refused.status).toBe("refused");
    if (refused.status !== "refused") return;
    expect(refused.reason).toBe("legacy_ledger");
    expect(refused.message).toContain("legacy global ledger (1 row(s) without a tenant schema");
    expect(refused.hint).toContain("bin/migrate-pooled-ledger.sh --assign-legacy-to t_abc123_api");
    expect(
      (await db.query("select 1 from information_schema.columns where column_name = 'note'")).rowCount,
    ).toBe(0);

    const upgraded = await upgradeLedger({ url: db.url, assignLegacyTo: "t_abc123_api" });
    expect(upgraded).toMatchObject({ status: "applied", assigned: 1, merged: 0 });
    const again = await upgradeLedger({ url: db.url, assignLegacyTo: "t_abc123_api" });
    expect(again.status).toBe("nothing_to_do");

    const key = await db.query<{ columns: string }>(
      `select string_agg(a.attname, ',' order by k.n) as columns
         from pg_constraint c, unnest(c.conkey) with ordinality k(attnum, n)
         join pg_attribute a on a.attnum = k.attnum
        where c.conrelid = 'flux.flux_migrations'::regclass and c.contype = 'p' and a.attrelid = c.conrelid`,
    );
    expect(key.rows[0]?.columns).toBe("tenant_schema,version");

    // 0001 counts as applied for the tenant; only 0002 runs.
    const pushed = await pushMigrations({ target, path: "migrations", cwd, reload: noReload });
    expect(pushed.status === "applied" && pushed.applied.map((file) => file.version)).toEqual(["0002"]);
  });

  test("refuses, changing nothing, when the tenant already recorded a legacy version with another checksum", async ({
    db,
  }) => {
    await db.query("create schema t_abc123_api");
    await db.query(`create schema flux;
      create table flux.flux_migrations (version text not null, name text, checksum text not null,
        applied_at timestamptz not null default now(), tenant_schema text, unique (tenant_schema, version))`);
    await db.query(`insert into flux.flux_migrations (version, name, checksum, tenant_schema) values
      ('0001', 'items', 'aaaa', null), ('0002', 'notes', 'bbbb', null), ('0001', 'items', 'cccc', 't_abc123_api')`);

    const refused = await upgradeLedger({ url: db.url, assignLegacyTo: "t_abc123_api" });
    expect(refused.status).toBe("refused");
    if (refused.status !== "refused") return;
    expect(refused.message).toContain("different checksums (0001)");
    expect(refused.conflicts).toEqual([{ version: "0001", legacyChecksum: "aaaa", tenantChecksum: "cccc" }]);
    const nulls = await db.query("select 1 from flux.flux_migrations where tenant_schema is null");
    expect(nulls.rowCount).toBe(2);
    const columns = await db.query(
      "select 1 from information_schema.columns where table_schema = 'flux' and column_name = 'duration_ms'",
    );
    expect(columns.rowCount).toBe(0);
  });

  test("merges legacy rows the tenant already recorded with the same checksum", async ({ db }) => {
    await db.query("create schema t_abc123_api");
    await db.query(`create schema flux;
      create table flux.flux_migrations (version text not null, name text, checksum text not null,
        applied_at timestamptz not null default now(), tenant_schema text, unique (tenant_schema, version))`);
    await db.query(`insert into flux.flux_migrations (version, name, checksum, tenant_schema) values
      ('0001', 'items', 'aaaa', null), ('0002', 'notes', 'bbbb', null), ('0001', 'items', 'aaaa', 't_abc123_api')`);
    const upgraded = await upgradeLedger({ url: db.url, assignLegacyTo: "t_abc123_api" });
    expect(upgraded).toMatchObject({ status: "applied", assigned: 1, merged: 1 });
    const rows = await db.query<{ version: string }>(
      "select version from flux.flux_migrations where tenant_schema = 't_abc123_api' order by version",
    );
    expect(rows.rows.map((row) => row.version)).toEqual(["0001", "0002"]);
  });

  test("refuses an unknown tenant schema", async ({ db }) => {
    await createLegacyLedger(db, [{ version: "0001", name: "items", checksum: "aaaa" }]);
    const refused = await upgradeLedger({ url: db.url, assignLegacyTo: "t_typo_api" });
    expect(refused.status).toBe("refused");
    if (refused.status === "refused")
      expect(refused.message).toContain("tenant schema t_typo_api does not exist");
  });

  test("a ledger keyed by version alone is legacy even when tenant_schema is NOT NULL", async ({ db }) => {
    await db.query("create schema t_abc123_api");
    await db.query(`create schema flux;
      create table flux.flux_migrations (version text primary key, name text not null, checksum text not null,
        applied_at timestamptz not null default now(), duration_ms integer not null default 0,
        applied_by text not null default current_user, tenant_schema text not null default '')`);
    const cwd = copyFixture("tenant");
    const refused = await pushMigrations({
      target: databaseTarget(db.url, "t_abc123_api"),
      path: "migrations",
      cwd,
      reload: noReload,
    });
    expect(refused.status === "refused" && refused.message).toContain(
      "keyed by (version), not (tenant_schema, version)",
    );
    expect(await upgradeLedger({ url: db.url, assignLegacyTo: "t_abc123_api" })).toMatchObject({
      status: "applied",
      assigned: 0,
    });
    const pushed = await pushMigrations({
      target: databaseTarget(db.url, "t_abc123_api"),
      path: "migrations",
      cwd,
      reload: noReload,
    });
    expect(pushed.status).toBe("applied");
  });
});
