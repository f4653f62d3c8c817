import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { databaseTarget, pushMigrations } from "@pg-flux/ledger";
import { type TestDatabase, test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { applyMigration } from "../../src/run/apply.js";
import type { RunEvent } from "../../src/run/result.js";
import { livePlanOf } from "../run/plans.js";
import { waitFor } from "./helpers.js";

/**
 * Two applies, or two pushes, on one database at once (issue 14, scenarios that already held): one
 * waits for the other's advisory lock; the waiting apply gives up after its wait, or, once the first
 * is done, re-checks the database before running anything; the waiting push finds the first one's
 * work recorded and runs nothing twice. The first one is held at a known point by an advisory lock
 * the test owns (no sleeps): its step waits for the test to let go.
 */

const GATE = 4_242_001;

/** Holds the gate on a connection of the test's own; `open()` lets the gated step through. */
async function closedGate(db: TestDatabase): Promise<{ open(): Promise<void> }> {
  const holder = await db.connect();
  await holder.query("select pg_advisory_lock($1)", [GATE]);
  return {
    open: async () => {
      await holder.query("select pg_advisory_unlock($1)", [GATE]);
    },
  };
}

/** The pid of the `application` backend waiting for an advisory lock (granted = false). */
function waitingOnAdvisoryLock(db: TestDatabase, application: string): Promise<number> {
  return waitFor(`${application} to wait for an advisory lock`, async () => {
    const { rows } = await db.query<{ pid: number }>(
      `select l.pid from pg_locks l join pg_stat_activity a using (pid)
        where l.locktype = 'advisory' and not l.granted and a.datname = current_database() and a.application_name = $1`,
      [application],
    );
    return rows[0]?.pid;
  });
}

/** How many push backends wait for an advisory lock (the gate, or another push's ledger lock). */
async function pushesWaiting(db: TestDatabase): Promise<number> {
  const { rows } = await db.query(
    `select 1 from pg_locks l join pg_stat_activity a using (pid)
      where l.locktype = 'advisory' and not l.granted and a.datname = current_database() and a.application_name = 'pg-flux push'`,
  );
  return rows.length;
}

describe("concurrent applies", { timeout: 300_000 }, () => {
  test("a second apply waits while the first runs; when its wait runs out it stops, naming the holder, and applies nothing", async ({
    db,
  }) => {
    const gate = await closedGate(db);
    const first = applyMigration({
      databaseUrl: db.url,
      plan: await livePlanOf(db.url, [
        { sql: `select pg_advisory_lock(${GATE}), pg_advisory_unlock(${GATE})`, longRunning: true },
        { sql: "create table first_apply (id int)" },
      ]),
      // The gated step waits as long as the test holds the gate.
      limits: { lockTimeout: "0" },
      // apply judges a step's SQL itself: a SELECT of functions it cannot check is DATA_LOSS-class
      allowHazards: ["DATA_LOSS"],
    });
    const holder = await waitingOnAdvisoryLock(db, "pg-flux apply");
    const events: RunEvent[] = [];
    const second = await applyMigration({
      databaseUrl: db.url,
      plan: await livePlanOf(db.url, [{ sql: "create table second_apply (id int)" }]),
      limits: { applyLockWaitMs: 1_000 },
      onEvent: (event) => events.push(event),
    });

    expect(second.status).toBe("failed");
    if (second.status !== "failed") return;
    expect(second.message).toMatch(
      new RegExp(
        `^another pg-flux apply is running on this database \\(backend pid ${holder}\\); gave up after \\d+s — nothing was applied, try again when it has finished$`,
      ),
    );
    expect(second.applied).toEqual([]);
    expect(events[0]).toEqual({
      kind: "waiting_for_lock",
      message: `another pg-flux apply is running on this database (backend pid ${holder}); waiting up to 1s`,
    });
    await gate.open();
    expect((await first).status).toBe("applied");
    const tables = await db.query("select to_regclass('first_apply') as a, to_regclass('second_apply') as b");
    expect(tables.rows[0]).toEqual({ a: "first_apply", b: null });
  });

  test("a second apply that got the lock after the first one changed the schema re-checks it: its plan is stale and refused, nothing runs", async ({
    db,
  }) => {
    const gate = await closedGate(db);
    const stalePlan = await livePlanOf(db.url, [{ sql: "create table second_apply (id int)" }]);
    const first = applyMigration({
      databaseUrl: db.url,
      plan: await livePlanOf(db.url, [
        { sql: `select pg_advisory_lock(${GATE}), pg_advisory_unlock(${GATE})`, longRunning: true },
        { sql: "create table first_apply (id int)" },
      ]),
      // The gated step waits as long as the test holds the gate.
      limits: { lockTimeout: "0" },
      // apply judges a step's SQL itself: a SELECT of functions it cannot check is DATA_LOSS-class
      allowHazards: ["DATA_LOSS"],
    });
    await waitingOnAdvisoryLock(db, "pg-flux apply");
    const events: RunEvent[] = [];
    const second = applyMigration({
      databaseUrl: db.url,
      plan: stalePlan,
      onEvent: (event) => events.push(event),
    });
    await waitFor("the second apply to wait", async () => events.some((e) => e.kind === "waiting_for_lock"));
    await gate.open();

    expect((await first).status).toBe("applied");
    const result = await second;
    expect(result.status).toBe("refused");
    if (result.status === "refused") expect(result.reason).toBe("stale_plan");
    const tables = await db.query("select to_regclass('first_apply') as a, to_regclass('second_apply') as b");
    expect(tables.rows[0]).toEqual({ a: "first_apply", b: null });
  });
});

describe("concurrent pushes", { timeout: 300_000 }, () => {
  function gatedProject(): string {
    const cwd = mkdtempSync(path.join(os.tmpdir(), "pgflux-faults-concurrent-"));
    mkdirSync(path.join(cwd, "migrations"));
    writeFileSync(
      path.join(cwd, "migrations/0001_gated.sql"),
      `create table pushes (n int);\nselect pg_advisory_lock(${GATE}), pg_advisory_unlock(${GATE});\ninsert into pushes values (1);\n`,
    );
    return cwd;
  }

  test("a second push waits for the first one's ledger lock, then finds its work recorded: the file runs once", async ({
    db,
  }) => {
    const gate = await closedGate(db);
    const cwd = gatedProject();
    const push = () =>
      pushMigrations({ target: databaseTarget(db.url), path: "migrations", cwd, reload: { skip: true } });
    const first = push();
    await waitingOnAdvisoryLock(db, "pg-flux push");
    const second = push();
    // Both push backends now wait: the first on the gate, the second on the first one's ledger lock.
    await waitFor("both pushes to wait", async () => (await pushesWaiting(db)) === 2);
    await gate.open();

    const results = await Promise.all([first, second]);
    expect(results.map((result) => result.status)).toEqual(["applied", "nothing_to_do"]);
    const waited = results[1];
    expect(waited?.status === "nothing_to_do" && waited.lockWaitMs).toBeGreaterThan(0);
    const rows = await db.query<{ n: number }>("select count(*)::int as n from pushes");
    expect(rows.rows[0]?.n).toBe(1);
  });

  test("a push waiting for another push's ledger lock stops at once when its signal fires, having run nothing", async ({
    db,
  }) => {
    const gate = await closedGate(db);
    const cwd = gatedProject();
    const first = pushMigrations({
      target: databaseTarget(db.url),
      path: "migrations",
      cwd,
      reload: { skip: true },
    });
    await waitingOnAdvisoryLock(db, "pg-flux push");
    const controller = new AbortController();
    const second = pushMigrations({
      target: databaseTarget(db.url),
      path: "migrations",
      cwd,
      reload: { skip: true },
      signal: controller.signal,
    });
    await waitFor("both pushes to wait", async () => (await pushesWaiting(db)) === 2);
    controller.abort();
    const stopped = await second;

    expect(stopped).toMatchObject({ status: "interrupted", applied: [], stopped: undefined });
    expect(await pushesWaiting(db)).toBe(1);
    await gate.open();
    expect((await first).status).toBe("applied");
  });
});
