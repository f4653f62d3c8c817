/**
 * The backend running the apply is killed (pg_terminate_backend from a second connection) in the
 * middle of a transaction group, and in the middle of a CREATE UNIQUE INDEX CONCURRENTLY: the group
 * rolls back whole, the concurrent build leaves an INVALID index, nothing is held afterwards, and one
 * re-run finishes (before issue 14 the killed UNIQUE build made every re-run fail with "already
 * exists"). The kill waits on pg_stat_activity (the step waiting on a lock held by the test), never
 * on time. On a 1M-row table.
 */
import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { applyMigration } from "../../src/index.js";
import {
  applyBackendWaiting,
  count,
  exists,
  expectFailed,
  FAULT_TEST_TIMEOUT_MS,
  indexState,
  locksLeft,
  MILLION,
  millionRowTable,
  plan,
  whileHolding,
} from "./resume-support.js";

const SETUP = millionRowTable("email text not null, n int not null", "'u' || g || '@example.com', g % 100");

async function kill(db: Parameters<typeof count>[0], pid: number): Promise<void> {
  const { rows } = await db.query<{ ok: boolean }>("select pg_terminate_backend($1) as ok", [pid]);
  expect(rows[0]?.ok).toBe(true);
}

describe("the apply's backend is killed", { timeout: FAULT_TEST_TIMEOUT_MS }, () => {
  test("mid-group: the whole group rolls back, and one re-run finishes", async ({ db }) => {
    await db.query(SETUP);
    const desired = `CREATE TABLE big (id bigint PRIMARY KEY, email text NOT NULL, n bigint NOT NULL)
  WITH (autovacuum_enabled = false);
CREATE TABLE audit (id bigint PRIMARY KEY, at timestamptz);`;
    const first = await plan(db, desired);
    expect(first.plan.groups).toEqual([{ transaction: "transactional", steps: [0, 1] }]);
    expect(first.plan.steps[0]?.sql).toMatch(/^CREATE TABLE audit/);
    // a reader holds ACCESS SHARE: the rewrite waits for it after CREATE TABLE audit ran
    const failed = await whileHolding(db, "select count(*) from big", async () => {
      const applying = applyMigration({
        databaseUrl: db.url,
        plan: first.plan,
        allowHazards: ["TABLE_REWRITE", "LONG_LOCK"],
        limits: { lockTimeout: "120s" },
      });
      await kill(db, await applyBackendWaiting(db, "ALTER TABLE big ALTER COLUMN n TYPE bigint"));
      return expectFailed(await applying);
    });
    expect(failed.failure.stepIndex).toBe(1);
    expect(failed.failure.remedy).toBe("rerun");
    expect(failed.applied).toEqual([]);
    expect(failed.rolledBack.map((r) => r.index)).toEqual([0]);
    expect(await exists(db, "audit")).toBe(false);
    expect(await locksLeft(db, "big")).toBe(0);

    const again = await plan(db, desired);
    const done = await applyMigration({
      databaseUrl: db.url,
      plan: again.plan,
      allowHazards: ["TABLE_REWRITE", "LONG_LOCK"],
    });
    expect(done.status).toBe("applied");
    expect(await exists(db, "audit")).toBe(true);
    expect(await count(db, "big")).toBe(MILLION);
    const type = await db.query<{ t: string }>(
      "select format_type(atttypid, atttypmod) as t from pg_attribute where attrelid = 'big'::regclass and attname = 'n'",
    );
    expect(type.rows[0]?.t).toBe("bigint");
    expect(await locksLeft(db, "big")).toBe(0);
  });

  test("mid-CREATE UNIQUE INDEX CONCURRENTLY of a UNIQUE constraint: one re-run drops and builds it", async ({
    db,
  }) => {
    await db.query(SETUP);
    const desired = `CREATE TABLE big (
  id bigint PRIMARY KEY, email text NOT NULL, n int NOT NULL, CONSTRAINT big_email_key UNIQUE (email)
) WITH (autovacuum_enabled = false);`;
    const first = await plan(db, desired);
    expect(first.plan.steps[0]?.sql).toBe("CREATE UNIQUE INDEX CONCURRENTLY big_email_key\nON big (email);");
    // an uncommitted insert: the build waits for it after creating its index entry
    const failed = await whileHolding(db, "insert into big values (0, 'writer@example.com', 0)", async () => {
      const applying = applyMigration({
        databaseUrl: db.url,
        plan: first.plan,
        limits: { lockTimeout: "120s" },
      });
      await kill(
        db,
        await applyBackendWaiting(db, "CREATE UNIQUE INDEX CONCURRENTLY big_email_key", "big_email_key"),
      );
      return expectFailed(await applying);
    });
    expect(failed.failure.stepIndex).toBe(0);
    expect(failed.failure.remedy).toBe("rerun");
    expect(await indexState(db, "big_email_key")).toEqual({ valid: false });
    expect(await locksLeft(db, "big")).toBe(0);

    const again = await plan(db, desired);
    expect(again.plan.steps.map((s) => s.sql)).toEqual([
      "DROP INDEX CONCURRENTLY IF EXISTS big_email_key;",
      "CREATE UNIQUE INDEX CONCURRENTLY big_email_key\nON big (email);",
      "ALTER TABLE big\nADD CONSTRAINT big_email_key UNIQUE USING INDEX big_email_key;",
    ]);
    expect((await applyMigration({ databaseUrl: db.url, plan: again.plan })).status).toBe("applied");
    expect(await indexState(db, "big_email_key")).toEqual({ valid: true });
    expect(await count(db, "big")).toBe(MILLION);
    expect(await locksLeft(db, "big")).toBe(0);
    expect((await plan(db, desired)).plan.steps).toEqual([]);
  });
});
