import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { APPLY_LOCK_KEY, applyMigration, HAZARD_REFUSAL } from "../../src/index.js";
import { livePlanOf, planOf } from "./plans.js";

describe("applyMigration", () => {
  test("applies a plan made from the live state", async ({ db }) => {
    const plan = await livePlanOf(db.url, [{ sql: "CREATE TABLE t (id int);" }]);
    const result = await applyMigration({ databaseUrl: db.url, plan });
    expect(result.status).toBe("applied");
    expect((await db.query("select to_regclass('t') as t")).rows[0]?.t).toBe("t");
  });

  test("an empty plan is nothing to do", async ({ db }) => {
    const plan = await livePlanOf(db.url, []);
    expect((await applyMigration({ databaseUrl: db.url, plan })).status).toBe("nothing_to_do");
  });

  test("refuses blocking hazards with the exact message, each hazard with its step and reason", async ({
    db,
  }) => {
    await db.query("create table users (id int, legacy_phone text)");
    const plan = await livePlanOf(db.url, [
      { sql: "CREATE TABLE keep (id int);" },
      {
        sql: "ALTER TABLE users DROP COLUMN legacy_phone;",
        hazards: [{ kind: "DATA_LOSS", reason: "column users.legacy_phone is dropped with its data" }],
      },
      {
        sql: "CREATE INDEX users_id_idx ON users (id);",
        hazards: [{ kind: "INDEX_BUILD", reason: "builds" }],
      },
    ]);
    const result = await applyMigration({ databaseUrl: db.url, plan });
    expect(result.status).toBe("refused");
    if (result.status !== "refused") return;
    expect(result.reason).toBe("blocking_hazards");
    const lines = result.message.split("\n");
    expect(lines[0]).toBe(HAZARD_REFUSAL);
    expect(HAZARD_REFUSAL).toBe("refusing to apply: blocking hazards; pass --allow-hazards or change schema");
    expect(lines[1]).toBe(
      "  DATA_LOSS at step 2 (raw:step2): column users.legacy_phone is dropped with its data",
    );
    expect(result.message).not.toContain("INDEX_BUILD");
    expect((await db.query("select to_regclass('keep') as t")).rows[0]?.t).toBeNull();

    const allowed = await applyMigration({ databaseUrl: db.url, plan, allowHazards: ["DATA_LOSS"] });
    expect(allowed.status).toBe("applied");
  });

  test("refuses a stale plan: the database changed since it was made", async ({ db }) => {
    const plan = await livePlanOf(db.url, [{ sql: "CREATE TABLE t (id int);" }]);
    await db.query("create table sneaky (id int)");
    const result = await applyMigration({ databaseUrl: db.url, plan });
    expect(result.status).toBe("refused");
    if (result.status !== "refused") return;
    expect(result.reason).toBe("stale_plan");
    expect(result.message).toMatch(/^refusing to apply: the database changed since the plan was made/);
    expect((await db.query("select to_regclass('t') as t")).rows[0]?.t).toBeNull();
  });

  test("one apply per database: a second one waits, then gives up with a clear message", async ({ db }) => {
    const other = await db.connect();
    await other.query("select pg_advisory_lock(hashtextextended($1, 0))", [APPLY_LOCK_KEY]);
    const plan = await livePlanOf(db.url, [{ sql: "CREATE TABLE t (id int);" }]);
    const waits: string[] = [];
    const result = await applyMigration({
      databaseUrl: db.url,
      plan,
      limits: { applyLockWaitMs: 400 },
      onEvent: (e) => {
        if (e.kind === "waiting_for_lock") waits.push(e.message);
      },
    });
    expect(result.status).toBe("failed");
    if (result.status !== "failed") return;
    expect(result.message).toMatch(/^another pg-flux apply is running on this database \(backend pid \d+\)/);
    expect(result.notRun).toEqual([0]);
    expect(waits).toHaveLength(1);

    setTimeout(() => void other.query("select pg_advisory_unlock_all()"), 300);
    const second = await applyMigration({ databaseUrl: db.url, plan, limits: { applyLockWaitMs: 10_000 } });
    expect(second.status).toBe("applied");
  });

  test("a connection failure is an error that never shows the password", async ({ db }) => {
    const url = new URL(db.url);
    url.port = "1";
    const password = new URL(db.url).password;
    expect(password.length).toBeGreaterThan(0);
    const failure = await applyMigration({ databaseUrl: url.toString(), plan: planOf([]) }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(String((failure as Error).message)).not.toContain(password);
  });

  test("beforeRun gets the judged plan under the apply lock, once; aborting there applies nothing", async ({
    db,
  }) => {
    const plan = await livePlanOf(db.url, [{ sql: "CREATE TABLE t (id int);" }]);
    const seen: { steps: number; lockHeld: boolean }[] = [];
    const controller = new AbortController();
    const stopped = await applyMigration({
      databaseUrl: db.url,
      plan,
      signal: controller.signal,
      beforeRun: async (judged) => {
        const locks = await db.query(
          `select count(*)::int as n from pg_locks l join pg_stat_activity a using (pid)
            where l.locktype = 'advisory' and l.granted and a.datname = current_database() and a.application_name = 'pg-flux apply'`,
        );
        seen.push({ steps: judged.steps.length, lockHeld: (locks.rows[0]?.n ?? 0) > 0 });
        controller.abort();
      },
    });
    expect(seen).toEqual([{ steps: 1, lockHeld: true }]);
    expect(stopped).toMatchObject({ status: "interrupted", applied: [], notRun: [0] });
    expect((await db.query("select to_regclass('t') as t")).rows[0]?.t).toBeNull();

    let calls = 0;
    const applied = await applyMigration({ databaseUrl: db.url, plan, beforeRun: () => void calls++ });
    expect(applied.status).toBe("applied");
    expect(calls).toBe(1);
    // refused or nothing to do: never called
    const again = await applyMigration({ databaseUrl: db.url, plan, beforeRun: () => void calls++ });
    expect(again.status).toBe("refused");
    expect(calls).toBe(1);
  });
});
