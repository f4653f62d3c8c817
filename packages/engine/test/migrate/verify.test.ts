import { formatError, type Plan } from "@pg-flux/core";
import { scratchHostForFile, type TestDatabase, test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { planMigration, type ScratchHost, verifyPlan } from "../../src/index.js";

const source = (text: string) => [{ name: "schema.sql", text }];
const DESIRED = "create table items (id int primary key, name text);\ncreate index on items (name);";

/** `plan` with the SQL of step `index` replaced: what a planner bug would produce. */
function withStep(plan: Plan, index: number, sql: string): Plan {
  return { ...plan, steps: plan.steps.map((step, i) => (i === index ? { ...step, sql } : step)) };
}

/** The host, counting the scratch databases created on it. */
function counting(host: ScratchHost): { host: ScratchHost; created: () => number } {
  let created = 0;
  return {
    host: {
      ...host,
      createDatabase: () => {
        created += 1;
        return host.createDatabase();
      },
    },
    created: () => created,
  };
}

describe("verification proves a plan on a scratch copy and refuses one that does not hold", () => {
  const scratch = scratchHostForFile();

  /** `items (id)` live, DESIRED planned without verification: two steps (a column, an index). */
  async function unverifiedPlan(db: TestDatabase) {
    await db.query("create table items (id int primary key)");
    return planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(DESIRED),
      options: { verify: false },
    });
  }

  /** verifyPlan of `plan` against the states `planned` was made from; the error it throws, or null. */
  const verifyAgainst = (planned: Awaited<ReturnType<typeof unverifiedPlan>>, plan: Plan) =>
    verifyPlan({
      host: scratch(),
      current: planned.current,
      desired: planned.desired,
      plan,
      schemas: null,
    }).then(
      () => null,
      (caught: unknown) => caught,
    );

  test("a step that fails on the copy is refused, naming the step and its SQL", async ({ db }) => {
    const planned = await unverifiedPlan(db);
    expect(planned.plan.steps.length).toBe(2);
    const broken = withStep(planned.plan, 0, "ALTER TABLE no_such_table ADD COLUMN name text;");
    const error = await verifyAgainst(planned, broken);
    expect(formatError(error)).toMatch(/step 1 failed on the scratch copy: .*no_such_table/);
    // the sound plan passes the same check
    expect(await verifyAgainst(planned, planned.plan)).toBeNull();
  });

  test("a plan that runs but does not reach the desired schema is refused, listing what remains", async ({
    db,
  }) => {
    const planned = await unverifiedPlan(db);
    // the index build replaced by a statement that runs
    const last = planned.plan.steps.length - 1;
    expect(planned.plan.steps[last]?.sql).toMatch(/CREATE INDEX/);
    const wrong = withStep(planned.plan, last, "COMMENT ON TABLE items IS 'left by a bug';");
    const error = await verifyAgainst(planned, wrong);
    const message = formatError(error);
    expect(message).toMatch(/the plan does not reach the desired schema/);
    expect(message).toMatch(/CREATE INDEX .*items/);
    expect(message).toMatch(/COMMENT ON TABLE items IS NULL/);
    // nothing was applied to the target
    const columns = await db.query(
      "select column_name from information_schema.columns where table_name = 'items'",
    );
    expect(columns.rows).toEqual([{ column_name: "id" }]);
  });

  test("an empty plan builds no verification copy; a plan with steps builds one", async ({ db }) => {
    await db.query("create table items (id int primary key)");
    const empty = counting(scratch());
    const none = await planMigration({
      scratchHost: empty.host,
      databaseUrl: db.url,
      sources: source("create table items (id int primary key);"),
    });
    expect(none.plan.steps).toEqual([]);
    expect(empty.created()).toBe(1); // the desired state's load, no copy

    const change = counting(scratch());
    const some = await planMigration({
      scratchHost: change.host,
      databaseUrl: db.url,
      sources: source(DESIRED),
    });
    expect(some.plan.steps.length).toBe(2);
    expect(change.created()).toBe(2); // the load and the copy
  });
});
