/**
 * Issue 14, finding 2: a UNIQUE constraint added over duplicate rows leaves the INVALID index of
 * its CREATE UNIQUE INDEX CONCURRENTLY; every re-run then failed with "relation already exists".
 * Now the failure names the rows and asks for a data fix, and after the fix one re-run finishes
 * (with and without verification on a scratch copy). Also: a build that succeeded but whose
 * ADD CONSTRAINT … USING INDEX did not (lock_timeout) is attached by the re-run, not built again.
 */
import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { applyMigration, nextStep } from "../../src/index.js";
import {
  applyFailing,
  count,
  exists,
  FAULT_TEST_TIMEOUT_MS,
  indexState,
  locksLeft,
  plan,
  whileHolding,
} from "./resume-support.js";

const DESIRED = `CREATE TABLE users (
  id bigint PRIMARY KEY,
  email text NOT NULL,
  CONSTRAINT users_email_key UNIQUE (email)
);`;

const SETUP = `
  create table users (id bigint primary key, email text not null);
  insert into users select g, 'u' || g || '@example.com' from generate_series(1, 20000) g;`;

async function constraintExists(db: Parameters<typeof count>[0]): Promise<boolean> {
  const { rows } = await db.query(
    "select 1 from pg_constraint where conname = 'users_email_key' and contype = 'u'",
  );
  return rows.length === 1;
}

describe("UNIQUE over duplicate rows, then a data fix", { timeout: FAULT_TEST_TIMEOUT_MS }, () => {
  for (const verify of [true, false]) {
    test(`the failure names the rows; after the fix one re-run finishes (${verify ? "verified" : "--no-verify"})`, async ({
      db,
    }) => {
      await db.query(SETUP);
      await db.query("update users set email = 'u1@example.com' where id = 7000");
      const first = await plan(db, DESIRED, verify);
      expect(first.plan.steps.map((s) => s.sql)).toEqual([
        "CREATE UNIQUE INDEX CONCURRENTLY users_email_key\nON users (email);",
        "ALTER TABLE users\nADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;",
      ]);
      const failed = await applyFailing(db, first.plan);
      expect(failed.failure.sqlState).toBe("23505");
      expect(failed.failure.detail).toBe("Key (email)=(u1@example.com) is duplicated.");
      expect(failed.failure.remedy).toBe("fix_data");
      expect(failed.message).toBe(
        'step 1 failed: could not create unique index "users_email_key": Key (email)=(u1@example.com) is duplicated.',
      );
      expect(nextStep(failed.failure)).toMatch(/^The data must be fixed first/);
      expect(await indexState(db, "users_email_key")).toEqual({ valid: false });
      expect(await locksLeft(db, "users")).toBe(0);

      // the data fix, then one re-run: the leftover is dropped and the constraint built again
      await db.query("update users set email = 'u7000@example.com' where id = 7000");
      const again = await plan(db, DESIRED, verify);
      expect(again.plan.steps.map((s) => s.sql)).toEqual([
        "DROP INDEX CONCURRENTLY IF EXISTS users_email_key;",
        "CREATE UNIQUE INDEX CONCURRENTLY users_email_key\nON users (email);",
        "ALTER TABLE users\nADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;",
      ]);
      const done = await applyMigration({ databaseUrl: db.url, plan: again.plan });
      expect(done.status).toBe("applied");
      expect(await constraintExists(db)).toBe(true);
      expect(await indexState(db, "users_email_key")).toEqual({ valid: true });
      expect(await count(db, "users")).toBe(20000);
      expect((await plan(db, DESIRED, verify)).plan.steps).toEqual([]);
      expect(await locksLeft(db, "users")).toBe(0);
    });
  }

  test("a build that finished but was not attached (lock_timeout) is attached by the re-run", async ({
    db,
  }) => {
    await db.query(SETUP);
    const first = await plan(db, DESIRED);
    // a reader keeps ACCESS SHARE: the concurrent build goes through, ADD CONSTRAINT cannot lock
    const failed = await whileHolding(db, "select count(*) from users", () =>
      applyFailing(db, first.plan, { limits: { lockTimeout: "200ms", lockRetries: 0 } }),
    );
    expect(failed.failure.step.sql).toMatch(/USING INDEX/);
    expect(failed.failure.lockTimeout).toBe(true);
    expect(failed.failure.remedy).toBe("rerun");
    expect(await indexState(db, "users_email_key")).toEqual({ valid: true });
    expect(await constraintExists(db)).toBe(false);

    const again = await plan(db, DESIRED);
    expect(again.plan.steps.map((s) => s.sql)).toEqual([
      "ALTER TABLE users\nADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;",
    ]);
    const done = await applyMigration({ databaseUrl: db.url, plan: again.plan });
    expect(done.status).toBe("applied");
    expect(await constraintExists(db)).toBe(true);
    expect((await plan(db, DESIRED)).plan.steps).toEqual([]);
  });

  test("a replacement index that failed over duplicates leaves _pgflux_new; after the fix one re-run finishes", async ({
    db,
  }) => {
    await db.query(`
      create table users (id bigint primary key, email text not null, team int not null);
      insert into users select g, 'u' || g || '@example.com', g % 10 from generate_series(1, 20000) g;
      create unique index users_team_email on users (team, email);
      update users set email = 'u1@example.com' where id = 7002;`);
    const desired = `CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, team int NOT NULL);
CREATE UNIQUE INDEX users_team_email ON users (email);`;
    const failed = await applyFailing(db, (await plan(db, desired)).plan);
    expect(failed.failure.detail).toBe("Key (email)=(u1@example.com) is duplicated.");
    expect(await indexState(db, "users_team_email_pgflux_new")).toEqual({ valid: false });
    expect(await exists(db, "users_team_email")).toBe(true);

    await db.query("update users set email = 'u7002@example.com' where id = 7002");
    const again = await plan(db, desired);
    expect(again.plan.steps.map((s) => s.sql)).toEqual([
      "DROP INDEX CONCURRENTLY IF EXISTS users_team_email_pgflux_new;",
      "CREATE UNIQUE INDEX CONCURRENTLY users_team_email_pgflux_new\nON users (email);",
      "DROP INDEX CONCURRENTLY users_team_email;",
      "ALTER INDEX users_team_email_pgflux_new RENAME TO users_team_email;",
    ]);
    expect((await applyMigration({ databaseUrl: db.url, plan: again.plan })).status).toBe("applied");
    expect(await indexState(db, "users_team_email")).toEqual({ valid: true });
    expect(await exists(db, "users_team_email_pgflux_new")).toBe(false);
    expect((await plan(db, desired)).plan.steps).toEqual([]);
  });

  test("without the fix a re-run fails on the rows again, not on its own leftover (already exists)", async ({
    db,
  }) => {
    await db.query(SETUP);
    await db.query("update users set email = 'u2@example.com' where id = 9");
    for (let run = 0; run < 2; run++) {
      const planned = await plan(db, DESIRED, false);
      const failed = await applyFailing(db, planned.plan);
      expect(failed.failure.sqlState).toBe("23505");
      expect(failed.failure.detail).toBe("Key (email)=(u2@example.com) is duplicated.");
    }
  });
});
