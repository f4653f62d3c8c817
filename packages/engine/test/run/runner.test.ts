import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { type RunEvent, runPlan } from "../../src/index.js";
import { planOf } from "./plans.js";

const fast = { lockTimeout: "200ms", lockRetries: 2, retryDelayMs: { initial: 50, max: 100 } };

describe("runPlan", () => {
  test("runs transactional groups in BEGIN/COMMIT and autocommit steps alone", async ({ db }) => {
    const client = await db.connect();
    const plan = planOf([
      { sql: "CREATE TABLE users (id bigint PRIMARY KEY, email text);" },
      { sql: "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);" },
      {
        sql: "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;",
      },
      { sql: "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;", autocommit: true },
      { sql: "CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);", autocommit: true },
    ]);
    expect(plan.groups.map((g) => g.transaction)).toEqual(["transactional", "autocommit", "autocommit"]);
    const events: RunEvent[] = [];
    const outcome = await runPlan(client, plan, { onEvent: (e) => events.push(e) });
    expect(outcome.status).toBe("applied");
    if (outcome.status !== "applied") return;
    expect(outcome.applied.map((r) => r.index)).toEqual([0, 1, 2, 3, 4]);
    const { rows } = await db.query<{ convalidated: boolean }>(
      "select convalidated from pg_constraint where conname = 'orders_user_fk'",
    );
    expect(rows[0]?.convalidated).toBe(true);
    const index = await db.query("select 1 from pg_indexes where indexname = 'orders_user_id_idx'");
    expect(index.rowCount).toBe(1);
    expect(
      events.filter((e) => e.kind === "step_started").map((e) => e.kind === "step_started" && e.index),
    ).toEqual([0, 1, 2, 3, 4]);
    await client.end();
  });

  test("VALIDATE failing on bad rows: committed groups stay, the rest is reported not run", async ({
    db,
  }) => {
    await db.query("create table events (id int, tenant_id int); insert into events values (1, null)");
    const client = await db.connect();
    const plan = planOf([
      { sql: "ALTER TABLE events ADD CONSTRAINT events_tenant_nn CHECK (tenant_id IS NOT NULL) NOT VALID;" },
      { sql: "ALTER TABLE events VALIDATE CONSTRAINT events_tenant_nn;", autocommit: true },
      { sql: "CREATE TABLE audit (id int);" },
    ]);
    const outcome = await runPlan(client, plan);
    expect(outcome.status).toBe("failed");
    if (outcome.status !== "failed") return;
    expect(outcome.failure.stepIndex).toBe(1);
    expect(outcome.failure.sqlState).toBe("23514");
    expect(outcome.applied.map((r) => r.index)).toEqual([0]);
    expect(outcome.notRun).toEqual([1, 2]);
    const constraint = await db.query<{ convalidated: boolean }>(
      "select convalidated from pg_constraint where conname = 'events_tenant_nn'",
    );
    expect(constraint.rows[0]?.convalidated).toBe(false);
    expect((await db.query("select to_regclass('audit') as t")).rows[0]?.t).toBeNull();
    await client.end();
  });

  test("a lock held by another session: retried with backoff, then a clean stop with the group rolled back", async ({
    db,
  }) => {
    await db.query("create table accounts (id int)");
    const holder = await db.connect();
    await holder.query("begin; lock table accounts in access share mode");
    const client = await db.connect();
    const events: RunEvent[] = [];
    const plan = planOf([
      { sql: "CREATE TABLE before_lock (id int);" },
      { sql: "ALTER TABLE accounts ADD COLUMN note text;" },
    ]);
    const outcome = await runPlan(client, plan, { limits: fast, onEvent: (e) => events.push(e) });
    expect(outcome.status).toBe("failed");
    if (outcome.status !== "failed") return;
    expect(outcome.failure.lockTimeout).toBe(true);
    expect(outcome.failure.attempts).toBe(3);
    expect(outcome.applied).toEqual([]);
    expect(outcome.rolledBack.map((r) => r.index)).toEqual([0]);
    expect(outcome.notRun).toEqual([1]);
    expect(events.filter((e) => e.kind === "step_retry")).toHaveLength(2);
    expect((await db.query("select to_regclass('before_lock') as t")).rows[0]?.t).toBeNull();
    // the session is usable and unlimited again afterwards
    const { rows } = await client.query<{ lock_timeout: string }>("show lock_timeout");
    expect(rows[0]?.lock_timeout).toBe("0");

    await holder.query("rollback");
    const rerun = await runPlan(client, plan, { limits: fast });
    expect(rerun.status).toBe("applied");
    expect((await db.query("select to_regclass('before_lock') as t")).rows[0]?.t).toBe("before_lock");
    await client.end();
  });

  test("a retry succeeds when the lock is released during the backoff", async ({ db }) => {
    await db.query("create table accounts (id int)");
    const holder = await db.connect();
    await holder.query("begin; lock table accounts in access share mode");
    const client = await db.connect();
    const plan = planOf([{ sql: "ALTER TABLE accounts ADD COLUMN note text;" }]);
    const outcome = await runPlan(client, plan, {
      limits: { lockTimeout: "100ms", lockRetries: 5, retryDelayMs: { initial: 100, max: 200 } },
      onEvent: (event) => {
        if (event.kind === "step_retry") void holder.query("rollback");
      },
    });
    expect(outcome.status).toBe("applied");
    if (outcome.status === "applied") expect(outcome.applied[0]?.attempts).toBeGreaterThan(1);
    await client.end();
  });

  test("short steps get the statement timeout, long-running steps none", async ({ db }) => {
    const client = await db.connect();
    const plan = planOf([
      { sql: "DO $$ BEGIN PERFORM pg_sleep(0.3); END $$;", autocommit: true, longRunning: true },
      { sql: "DO $$ BEGIN PERFORM pg_sleep(0.3); END $$;" },
    ]);
    const outcome = await runPlan(client, plan, { limits: { statementTimeout: "100ms" } });
    expect(outcome.status).toBe("failed");
    if (outcome.status !== "failed") return;
    expect(outcome.applied.map((r) => r.index)).toEqual([0]);
    expect(outcome.failure.stepIndex).toBe(1);
    expect(outcome.failure.sqlState).toBe("57014");
    expect(outcome.failure.lockTimeout).toBe(false);
    await client.end();
  });

  test("a concurrent index build reports its progress from pg_stat_progress_create_index", async ({ db }) => {
    await db.query("create table big (id int, payload text)");
    await db.query("insert into big select g, md5(g::text) from generate_series(1, 400000) g");
    const client = await db.connect();
    const events: RunEvent[] = [];
    const plan = planOf([
      { sql: "CREATE INDEX CONCURRENTLY big_payload_idx ON big (payload);", autocommit: true },
    ]);
    const outcome = await runPlan(client, plan, {
      progressUrl: db.url,
      progressIntervalMs: 20,
      onEvent: (e) => events.push(e),
    });
    expect(outcome.status).toBe("applied");
    const details = events.flatMap((e) => (e.kind === "step_progress" && e.detail ? [e.detail] : []));
    expect(details.length).toBeGreaterThan(0);
    expect(details.some((d) => /building index|waiting|scanning|sorting|loading/.test(d))).toBe(true);
    await client.end();
  });

  test("a failed concurrent build retried after lock_timeout does not trip over its own invalid index", async ({
    db,
  }) => {
    await db.query("create table t (id int)");
    const holder = await db.connect();
    await holder.query("begin; lock table t in share row exclusive mode");
    const client = await db.connect();
    const plan = planOf([{ sql: "CREATE INDEX CONCURRENTLY t_id_idx ON t (id);", autocommit: true }]);
    const outcome = await runPlan(client, plan, {
      limits: { lockTimeout: "100ms", lockRetries: 4, retryDelayMs: { initial: 100, max: 100 } },
      onEvent: (event) => {
        if (event.kind === "step_retry" && event.attempt === 3) void holder.query("rollback");
      },
    });
    expect(outcome.status).toBe("applied");
    const { rows } = await db.query<{ valid: boolean }>(
      "select indisvalid as valid from pg_index where indexrelid = 't_id_idx'::regclass",
    );
    expect(rows).toEqual([{ valid: true }]);
    await client.end();
  });
});
