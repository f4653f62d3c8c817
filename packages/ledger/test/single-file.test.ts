import { appendFileSync, copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { InvalidInputError } from "@pg-flux/core";
import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { pushMigrations } from "../src/push.js";
import { databaseTarget } from "../src/target.js";
import { copyFixture } from "./helpers.js";

const noReload = { skip: true } as const;

async function count(db: { query: (sql: string) => Promise<{ rows: { n?: unknown }[] }> }, table: string) {
  return Number((await db.query(`select count(*) as n from ${table}`)).rows[0]?.n);
}

describe("single-file modes", () => {
  test("raw is the default outside a migrations/ folder: runs every time, no ledger", async ({ db }) => {
    const cwd = copyFixture("scripts");
    for (let run = 1; run <= 2; run++) {
      const result = await pushMigrations({
        target: databaseTarget(db.url),
        path: "seed.sql",
        cwd,
        reload: noReload,
      });
      expect(result.status).toBe("applied");
      if (result.status === "applied")
        expect(result.applied[0]).toMatchObject({ kind: "raw", file: "seed.sql" });
    }
    expect(await count(db, "seed_runs")).toBe(2);
    expect((await db.query("select 1 from pg_namespace where nspname = 'flux'")).rowCount).toBe(0);
  });

  test("versioned is the default under a migrations/ folder: recorded once", async ({ db }) => {
    const cwd = copyFixture("moods");
    const push = () =>
      pushMigrations({
        target: databaseTarget(db.url),
        path: "migrations/0001_moods.sql",
        cwd,
        reload: noReload,
      });
    const first = await push();
    expect(first.status).toBe("applied");
    if (first.status === "applied")
      expect(first.applied[0]).toMatchObject({ kind: "versioned", version: "0001" });
    expect((await push()).status).toBe("nothing_to_do");
    const ledger = await db.query<{ version: string; name: string }>(
      "select version, name from flux.flux_migrations",
    );
    expect(ledger.rows).toEqual([{ version: "0001", name: "moods" }]);
  });

  test("--mode overrides the default in both directions", async ({ db }) => {
    const cwd = copyFixture("scripts");
    mkdirSync(path.join(cwd, "migrations"));
    copyFileSync(path.join(cwd, "seed.sql"), path.join(cwd, "migrations/0001_seed.sql"));
    copyFileSync(path.join(cwd, "seed.sql"), path.join(cwd, "0002_seed.sql"));
    const raw = await pushMigrations({
      target: databaseTarget(db.url),
      path: "migrations/0001_seed.sql",
      mode: "raw",
      cwd,
      reload: noReload,
    });
    expect(raw.status).toBe("applied");
    expect((await db.query("select 1 from pg_namespace where nspname = 'flux'")).rowCount).toBe(0);
    const versioned = await pushMigrations({
      target: databaseTarget(db.url),
      path: "0002_seed.sql",
      mode: "versioned",
      cwd,
      reload: noReload,
    });
    expect(versioned.status).toBe("applied");
    const ledger = await db.query<{ version: string }>("select version from flux.flux_migrations");
    expect(ledger.rows).toEqual([{ version: "0002" }]);
  });

  test("repeatable re-runs only when its checksum changed, or with --force", async ({ db }) => {
    const cwd = copyFixture("scripts");
    const push = (force = false) =>
      pushMigrations({
        target: databaseTarget(db.url),
        path: "refresh_stats.sql",
        mode: "repeatable",
        force,
        cwd,
        reload: noReload,
      });
    const first = await push();
    expect(first.status === "applied" && first.applied[0]?.reason).toBe("new");
    const unchanged = await push();
    expect(unchanged.status).toBe("nothing_to_do");
    if (unchanged.status === "nothing_to_do") expect(unchanged.skipped[0]?.reason).toBe("unchanged");
    expect(await count(db, "stats_runs")).toBe(1);

    const forced = await push(true);
    expect(forced.status === "applied" && forced.applied[0]?.reason).toBe("forced");
    expect(await count(db, "stats_runs")).toBe(2);

    appendFileSync(path.join(cwd, "refresh_stats.sql"), "-- touched\n");
    const changed = await push();
    expect(changed.status === "applied" && changed.applied[0]?.reason).toBe("changed");
    expect(await count(db, "stats_runs")).toBe(3);

    const ledger = await db.query<{ path: string; tenant_schema: string }>(
      "select path, tenant_schema from flux.flux_repeatable_scripts",
    );
    expect(ledger.rows).toEqual([{ path: "refresh_stats.sql", tenant_schema: "" }]);
  });

  test("--force is refused outside repeatable mode, and a versioned file needs a version prefix", async () => {
    const cwd = copyFixture("moods");
    const target = databaseTarget("postgres://nobody@127.0.0.1:1/none");
    const forced = await pushMigrations({ target, path: "migrations", force: true, cwd }).catch(
      (e: unknown) => e,
    );
    expect(forced).toBeInstanceOf(InvalidInputError);
    expect((forced as Error).message).toContain("--force only applies to repeatable scripts");
    const unversioned = await pushMigrations({
      target,
      path: path.join(copyFixture("unversioned"), "migrations/seed.sql"),
      cwd,
    }).catch((e: unknown) => e);
    expect(unversioned).toBeInstanceOf(InvalidInputError);
    expect((unversioned as Error).message).toContain("needs a version prefix");
  });
});
