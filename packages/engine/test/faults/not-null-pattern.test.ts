/**
 * Issue 14, finding 10: a never-analyzed table (reltuples = -1) got the plain SET NOT NULL, a full
 * scan under ACCESS EXCLUSIVE, whatever its size; and the pattern's helper CHECK that a failed run
 * left NOT VALID was dropped and added again instead of validated. Now -1 counts as large (the
 * CHECK pattern, on a 1M-row table never analyzed), and the helper is taken over where the failed
 * run stopped, after the data fix the stop message asked for.
 */
import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { applyMigration, nextStep } from "../../src/index.js";
import { count, FAULT_TEST_TIMEOUT_MS, locksLeft, plan } from "./resume-support.js";

const DESIRED = "CREATE TABLE readings (id bigint PRIMARY KEY, sensor int NOT NULL);";

async function notNull(db: Parameters<typeof count>[0]): Promise<boolean | undefined> {
  const { rows } = await db.query<{ n: boolean }>(
    "select attnotnull as n from pg_attribute where attrelid = 'readings'::regclass and attname = 'sensor'",
  );
  return rows[0]?.n;
}

async function helpers(db: Parameters<typeof count>[0]): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    "select count(*)::int as n from pg_constraint where conname like 'chk_readings_%'",
  );
  return rows[0]?.n ?? -1;
}

describe("SET NOT NULL", { timeout: FAULT_TEST_TIMEOUT_MS }, () => {
  test("a 1M-row table that was never analyzed gets the CHECK pattern, not a locked scan", async ({ db }) => {
    await db.query(`
      create table readings (id bigint primary key, sensor int);
      insert into readings select g, g % 50 from generate_series(1, 1000000) g;`);
    const { rows } = await db.query<{ reltuples: number }>(
      "select reltuples from pg_class where oid = 'readings'::regclass",
    );
    expect(rows[0]?.reltuples).toBe(-1);
    const planned = await plan(db, DESIRED);
    expect(planned.plan.steps.map((s) => s.sql)).toEqual([
      "ALTER TABLE readings\nADD CONSTRAINT chk_readings_sensor_notnull\nCHECK (sensor IS NOT NULL) NOT VALID;",
      "ALTER TABLE readings VALIDATE CONSTRAINT chk_readings_sensor_notnull;",
      "ALTER TABLE readings ALTER COLUMN sensor SET NOT NULL;",
      "ALTER TABLE readings DROP CONSTRAINT chk_readings_sensor_notnull;",
    ]);
    expect(planned.plan.groups.map((g) => g.transaction)).toEqual([
      "transactional",
      "autocommit",
      "transactional",
    ]);
    expect((await applyMigration({ databaseUrl: db.url, plan: planned.plan })).status).toBe("applied");
    expect(await notNull(db)).toBe(true);
    expect(await helpers(db)).toBe(0);
    expect(await count(db, "readings")).toBe(1_000_000);
    expect(await locksLeft(db, "readings")).toBe(0);
  });

  test("VALIDATE finds NULLs: the stop asks for a data fix; the re-run validates the helper it left", async ({
    db,
  }) => {
    await db.query(`
      create table readings (id bigint primary key, sensor int);
      insert into readings select g, case when g % 5000 = 0 then null else g % 50 end
        from generate_series(1, 20000) g;
      analyze readings;`);
    const failed = await applyMigration({ databaseUrl: db.url, plan: (await plan(db, DESIRED)).plan });
    expect(failed.status).toBe("failed");
    if (failed.status !== "failed" || !failed.failure) return;
    expect(failed.failure.step.sql).toBe(
      "ALTER TABLE readings VALIDATE CONSTRAINT chk_readings_sensor_notnull;",
    );
    expect(failed.failure.remedy).toBe("fix_data");
    expect(failed.message).toBe(
      'step 2 failed: check constraint "chk_readings_sensor_notnull" of relation "readings" is violated by some row: some rows hold NULL in the column being made NOT NULL',
    );
    expect(nextStep(failed.failure)).toMatch(/^The data must be fixed first/);
    expect(await helpers(db)).toBe(1);

    await db.query("update readings set sensor = -1 where sensor is null");
    const again = await plan(db, DESIRED);
    expect(again.plan.steps.map((s) => s.sql)).toEqual([
      "ALTER TABLE readings VALIDATE CONSTRAINT chk_readings_sensor_notnull;",
      "ALTER TABLE readings ALTER COLUMN sensor SET NOT NULL;",
      "ALTER TABLE readings DROP CONSTRAINT chk_readings_sensor_notnull;",
    ]);
    expect((await applyMigration({ databaseUrl: db.url, plan: again.plan })).status).toBe("applied");
    expect(await notNull(db)).toBe(true);
    expect(await helpers(db)).toBe(0);
    expect(await count(db, "readings")).toBe(20000);
    expect((await plan(db, DESIRED)).plan.steps).toEqual([]);
  });
});
