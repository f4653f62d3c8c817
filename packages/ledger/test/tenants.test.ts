import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { planMigrations } from "../src/plan-push.js";
import { pushMigrations } from "../src/push.js";
import { databaseTarget } from "../src/target.js";
import { copyFixture } from "./helpers.js";

const noReload = { skip: true } as const;

describe("pooled tenants (v2_shared)", () => {
  test("two tenants in one database get their own objects and their own ledger rows", async ({ db }) => {
    await db.query("create schema t_aaa111_api; create schema t_bbb222_api");
    const cwd = copyFixture("tenant");
    const a = await pushMigrations({
      target: databaseTarget(db.url, "t_aaa111_api"),
      path: "migrations",
      cwd,
      reload: noReload,
    });
    expect(a.status).toBe("applied");
    // Tenant B still has everything pending although A applied the same versions.
    const planB = await planMigrations({
      target: databaseTarget(db.url, "t_bbb222_api"),
      path: "migrations",
      cwd,
    });
    expect(planB.status === "pending" && planB.steps.map((step) => step.version)).toEqual(["0001", "0002"]);
    const b = await pushMigrations({
      target: databaseTarget(db.url, "t_bbb222_api"),
      path: "migrations",
      cwd,
      reload: noReload,
    });
    expect(b.status).toBe("applied");

    const tables = await db.query<{ schemaname: string }>(
      "select schemaname from pg_tables where tablename = 'items' order by schemaname",
    );
    expect(tables.rows.map((row) => row.schemaname)).toEqual(["t_aaa111_api", "t_bbb222_api"]);
    const ledger = await db.query<{ tenant_schema: string; version: string }>(
      "select tenant_schema, version from flux.flux_migrations order by tenant_schema, version",
    );
    expect(ledger.rows).toEqual([
      { tenant_schema: "t_aaa111_api", version: "0001" },
      { tenant_schema: "t_aaa111_api", version: "0002" },
      { tenant_schema: "t_bbb222_api", version: "0001" },
      { tenant_schema: "t_bbb222_api", version: "0002" },
    ]);
    // A v1 target of the same database has its own (empty) ledger key.
    const global = await planMigrations({ target: databaseTarget(db.url), path: "migrations", cwd });
    expect(global.status === "pending" && global.steps).toHaveLength(2);
    const again = await pushMigrations({
      target: databaseTarget(db.url, "t_aaa111_api"),
      path: "migrations",
      cwd,
      reload: noReload,
    });
    expect(again.status).toBe("nothing_to_do");
  });

  test("a table explicitly created in public warns with the PostgREST explanation", async ({ db }) => {
    await db.query("create schema t_ccc333_api");
    const cwd = copyFixture("tenant-public");
    const plan = await planMigrations({
      target: databaseTarget(db.url, "t_ccc333_api"),
      path: "migrations",
      cwd,
    });
    expect(plan.warnings).toHaveLength(1);
    const warning = plan.warnings[0];
    expect(warning).toMatchObject({ file: "migrations/0001_public_items.sql", line: 2, column: 14 });
    expect(warning?.message).toContain("creates table public.items instead of in tenant schema t_ccc333_api");
    expect(warning?.message).toContain("PostgREST answers requests for them with permission errors");
    // v1 targets have no tenant schema: nothing to warn about.
    const v1 = await planMigrations({ target: databaseTarget(db.url), path: "migrations", cwd });
    expect(v1.warnings).toEqual([]);
  });
});
