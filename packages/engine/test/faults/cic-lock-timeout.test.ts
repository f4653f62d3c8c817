/**
 * Issue 14, finding 3: a CREATE INDEX CONCURRENTLY that hits lock_timeout while it waits for an
 * open write transaction leaves an INVALID index; the retry re-issued the same CREATE and failed
 * with "already exists" (its cleanup had timed out behind the same writer and was ignored). Now each
 * retry first drops what the failed attempt left, and a timeout there is that attempt's; when every
 * attempt times out, the next run drops and builds it again. On a 1M-row table.
 */
import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { applyMigration, type RunEvent } from "../../src/index.js";
import {
  applyFailing,
  count,
  FAULT_TEST_TIMEOUT_MS,
  indexState,
  locksLeft,
  MILLION,
  millionRowTable,
  plan,
  whileHolding,
} from "./resume-support.js";

const SETUP = millionRowTable("payload text", "md5(g::text)");
const DESIRED = `CREATE TABLE big (id bigint PRIMARY KEY, payload text) WITH (autovacuum_enabled = false);
CREATE INDEX big_payload_idx ON big (payload);`;
/** An uncommitted insert into `big`: the session the build waits for. */
const WRITER = "insert into big values (0, 'writer')";

async function invalidIndexes(db: Parameters<typeof count>[0]): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    "select indexrelid::regclass::text as name from pg_index where not indisvalid order by 1",
  );
  return rows.map((row) => row.name);
}

describe("CREATE INDEX CONCURRENTLY behind an open write transaction", {
  timeout: FAULT_TEST_TIMEOUT_MS,
}, () => {
  test("retries after lock_timeout start from a clean state and finish", async ({ db }) => {
    await db.query(SETUP);
    const planned = await plan(db, DESIRED);
    expect(planned.plan.steps.map((s) => s.sql)).toEqual([
      "CREATE INDEX CONCURRENTLY big_payload_idx\nON big (payload);",
    ]);
    // an uncommitted insert: CONCURRENTLY waits for it after creating its (INVALID) index
    const retries: RunEvent[] = [];
    const result = await whileHolding(db, WRITER, (writer) =>
      applyMigration({
        databaseUrl: db.url,
        plan: planned.plan,
        limits: { lockTimeout: "300ms", lockRetries: 20, retryDelayMs: { initial: 100, max: 200 } },
        onEvent: (event) => {
          if (event.kind !== "step_retry") return;
          retries.push(event);
          // the second attempt's cleanup times out behind the writer too; then the writer ends
          if (event.attempt === 3) void writer.end();
        },
      }),
    );
    expect(result.status).toBe("applied");
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(retries.every((event) => event.kind === "step_retry" && /lock timeout/.test(event.reason))).toBe(
      true,
    );
    expect(await indexState(db, "big_payload_idx")).toEqual({ valid: true });
    expect(await invalidIndexes(db)).toEqual([]);
    expect(await count(db, "big")).toBe(MILLION);
    expect(await locksLeft(db, "big")).toBe(0);
    expect((await plan(db, DESIRED)).plan.steps).toEqual([]);
  });

  test("out of attempts: the run stops saying so, and one re-run finishes", async ({ db }) => {
    await db.query(SETUP);
    const planned = await plan(db, DESIRED);
    const failed = await whileHolding(db, WRITER, () =>
      applyFailing(db, planned.plan, {
        limits: { lockTimeout: "200ms", lockRetries: 2, retryDelayMs: { initial: 50, max: 50 } },
      }),
    );
    expect(failed.failure.lockTimeout).toBe(true);
    expect(failed.failure.attempts).toBe(3);
    expect(failed.failure.remedy).toBe("rerun");
    expect(failed.message).toMatch(/could not take its lock within lock_timeout after 3 attempts/);
    // what the last attempt left could not be dropped behind the writer: the re-plan does it
    expect(await indexState(db, "big_payload_idx")).toEqual({ valid: false });
    const again = await plan(db, DESIRED);
    expect(again.plan.steps.map((s) => s.sql)).toEqual([
      "DROP INDEX CONCURRENTLY IF EXISTS big_payload_idx;",
      "CREATE INDEX CONCURRENTLY big_payload_idx\nON big (payload);",
    ]);
    expect((await applyMigration({ databaseUrl: db.url, plan: again.plan })).status).toBe("applied");
    expect(await indexState(db, "big_payload_idx")).toEqual({ valid: true });
    expect(await invalidIndexes(db)).toEqual([]);
    expect(await count(db, "big")).toBe(MILLION);
    expect(await locksLeft(db, "big")).toBe(0);
  });
});
