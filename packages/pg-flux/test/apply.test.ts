import { scratchHostForFile, test } from "@pg-flux/testkit";
import { apply, planMigration } from "pg-flux";
import { describe, expect } from "vitest";

const scratchHost = scratchHostForFile();

/** pg-flux's apply lock (an advisory lock) held by an apply session of this test's database. */
const APPLY_LOCKS = `select count(*)::int as n from pg_locks l join pg_stat_activity a using (pid)
  where l.locktype = 'advisory' and l.granted and a.datname = current_database()
    and a.application_name = 'pg-flux apply'`;

describe("apply() of the pg-flux package", () => {
  test("beforeRun gets the judged plan under the apply lock; aborting there applies nothing", async ({
    db,
  }) => {
    const { plan } = await planMigration({
      databaseUrl: db.url,
      sources: [{ name: "schema.sql", text: "CREATE TABLE t (id int);" }],
      scratchHost: scratchHost(),
    });
    expect(plan.steps.map((step) => step.sql)).toEqual(["CREATE TABLE t (\n  id integer\n);"]);

    const seen: { sql: readonly string[]; locks: number }[] = [];
    const controller = new AbortController();
    const stopped = await apply(plan, {
      databaseUrl: db.url,
      signal: controller.signal,
      beforeRun: async (judged) => {
        const locks = (await db.query(APPLY_LOCKS)).rows[0]?.n ?? 0;
        seen.push({ sql: judged.steps.map((step) => step.sql), locks });
        controller.abort();
      },
    });
    expect(seen).toEqual([{ sql: plan.steps.map((step) => step.sql), locks: 1 }]);
    expect(stopped).toMatchObject({ status: "interrupted", applied: [], notRun: [0] });
    expect((await db.query("select to_regclass('t') as t")).rows[0]?.t).toBeNull();
    expect((await db.query(APPLY_LOCKS)).rows[0]?.n).toBe(0);

    // the same plan, not aborted: applied, the hook called once; then refused (the database moved)
    // without calling it
    let calls = 0;
    const applied = await apply(plan, { databaseUrl: db.url, beforeRun: () => void calls++ });
    expect(applied.status).toBe("applied");
    expect((await db.query("select to_regclass('t') as t")).rows[0]?.t).toBe("t");
    expect(calls).toBe(1);
    const again = await apply(plan, { databaseUrl: db.url, beforeRun: () => void calls++ });
    expect(again.status).toBe("refused");
    expect(calls).toBe(1);
  });
});
