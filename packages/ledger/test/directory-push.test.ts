import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { dryRunMigrations } from "../src/dry-run.js";
import { planMigrations } from "../src/plan-push.js";
import { pushMigrations } from "../src/push.js";
import { databaseTarget } from "../src/target.js";
import { copyFixture } from "./helpers.js";

const noReload = { skip: true } as const;

describe("directory push", () => {
  test("applies files in version order, records each, and a re-push has nothing to do", async ({ db }) => {
    const cwd = copyFixture("moods");
    const first = await pushMigrations({
      target: databaseTarget(db.url),
      path: "migrations",
      cwd,
      reload: noReload,
    });
    expect(first.status).toBe("applied");
    if (first.status !== "applied") return;
    // 0010 sorts after 0002 numerically, and runs in autocommit (CREATE INDEX CONCURRENTLY).
    expect(first.applied.map((file) => [file.file, file.transactional])).toEqual([
      ["migrations/0001_moods.sql", true],
      ["migrations/0002_mood_functions.sql", true],
      ["migrations/0010_mood_label_index.sql", false],
    ]);
    const ledger = await db.query<{ version: string; name: string; tenant_schema: string; checksum: string }>(
      "select version, name, tenant_schema, checksum from flux.flux_migrations order by version",
    );
    expect(ledger.rows.map((row) => [row.version, row.name, row.tenant_schema])).toEqual([
      ["0001", "moods", ""],
      ["0002", "mood_functions", ""],
      ["0010", "mood_label_index", ""],
    ]);
    expect(ledger.rows[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
    // The dollar-quoted body and the string literal with a ';' survived the split.
    const count = await db.query<{ n: string }>("select mood_count() as n");
    expect(count.rows[0]?.n).toBe("2");
    const index = await db.query("select 1 from pg_indexes where indexname = 'moods_label_lower'");
    expect(index.rowCount).toBe(1);

    const second = await pushMigrations({
      target: databaseTarget(db.url),
      path: "migrations",
      cwd,
      reload: noReload,
    });
    expect(second.status).toBe("nothing_to_do");
    if (second.status !== "nothing_to_do") return;
    expect(second.skipped.map((file) => file.reason)).toEqual([
      "already_applied",
      "already_applied",
      "already_applied",
    ]);
    const rows = await db.query("select count(*)::int as n from moods");
    expect(rows.rows[0]?.n).toBe(2);
  });

  test("the ledger schema is not usable by PUBLIC", async ({ db }) => {
    const cwd = copyFixture("moods");
    await pushMigrations({ target: databaseTarget(db.url), path: "migrations", cwd, reload: noReload });
    const grants = await db.query<{ public_usage: boolean }>(
      "select has_schema_privilege('public', 'flux', 'usage') as public_usage",
    );
    expect(grants.rows[0]?.public_usage).toBe(false);
  });

  test("--plan lists pending files in order and why, without creating the ledger", async ({ db }) => {
    const cwd = copyFixture("moods");
    const plan = await planMigrations({ target: databaseTarget(db.url), path: "migrations", cwd });
    expect(plan.status).toBe("pending");
    if (plan.status !== "pending") return;
    expect(plan.ledgerExists).toBe(false);
    expect(plan.steps.map((step) => [step.version, step.why])).toEqual([
      ["0001", "not yet applied"],
      ["0002", "not yet applied"],
      ["0010", "not yet applied"],
    ]);
    const flux = await db.query("select 1 from pg_namespace where nspname = 'flux'");
    expect(flux.rowCount).toBe(0);
    expect((await db.query("select to_regclass('public.moods') as t")).rows[0]?.t).toBeNull();
  });

  test("--plan after a partial push shows only the rest", async ({ db }) => {
    const cwd = copyFixture("moods");
    await pushMigrations({
      target: databaseTarget(db.url),
      path: "migrations/0001_moods.sql",
      cwd,
      reload: noReload,
    });
    const plan = await planMigrations({ target: databaseTarget(db.url), path: "migrations", cwd });
    expect(plan.status).toBe("pending");
    if (plan.status !== "pending") return;
    expect(plan.ledgerExists).toBe(true);
    expect(plan.steps.map((step) => step.version)).toEqual(["0002", "0010"]);
    expect(plan.skipped.map((file) => file.version)).toEqual(["0001"]);
  });

  test("a version older than the latest applied one still runs, and --plan says it runs out of order", async ({
    db,
  }) => {
    const cwd = copyFixture("moods");
    for (const file of ["migrations/0001_moods.sql", "migrations/0010_mood_label_index.sql"]) {
      await pushMigrations({ target: databaseTarget(db.url), path: file, cwd, reload: noReload });
    }
    const plan = await planMigrations({ target: databaseTarget(db.url), path: "migrations", cwd });
    expect(plan.status === "pending" && plan.steps.map((step) => [step.version, step.reason])).toEqual([
      ["0002", "not_applied_out_of_order"],
    ]);
    const pushed = await pushMigrations({
      target: databaseTarget(db.url),
      path: "migrations",
      cwd,
      reload: noReload,
    });
    expect(pushed.status === "applied" && pushed.applied.map((file) => file.version)).toEqual(["0002"]);
  });

  test("--dry-run runs everything in a rolled-back transaction and names files it cannot dry-run", async ({
    db,
  }) => {
    const cwd = copyFixture("moods");
    const dry = await dryRunMigrations({ target: databaseTarget(db.url), path: "migrations", cwd });
    expect(dry.status).toBe("rolled_back");
    if (dry.status !== "rolled_back") return;
    expect(dry.ran.map((file) => file.version)).toEqual(["0001", "0002"]);
    expect(dry.notDryRunnable.map((file) => file.file)).toEqual(["migrations/0010_mood_label_index.sql"]);
    expect((await db.query("select to_regclass('public.moods') as t")).rows[0]?.t).toBeNull();
    expect((await db.query("select 1 from pg_namespace where nspname = 'flux'")).rowCount).toBe(0);
  });

  test("--dry-run reports the failure of a broken file, and still changes nothing", async ({ db }) => {
    const cwd = copyFixture("failing");
    const dry = await dryRunMigrations({ target: databaseTarget(db.url), path: "migrations", cwd });
    expect(dry.status).toBe("failed");
    if (dry.status !== "failed") return;
    expect(dry.ran.map((file) => file.version)).toEqual(["0001"]);
    expect(dry.failure.error.location).toMatchObject({ file: "migrations/0002_typo.sql", line: 4 });
    expect((await db.query("select to_regclass('public.notes') as t")).rows[0]?.t).toBeNull();
  });
});
