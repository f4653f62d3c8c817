/**
 * Issue 14, finding 10: `ADD GENERATED … AS IDENTITY` on a column that already holds values started
 * the sequence at 1, so the next insert collided with an existing row. Now the sequence is moved
 * past the column's highest value in the same transaction.
 */
import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { count, FAULT_TEST_TIMEOUT_MS, locksLeft, plan, run } from "./resume-support.js";

describe("identity added to a populated column", { timeout: FAULT_TEST_TIMEOUT_MS }, () => {
  for (const generation of ["ALWAYS", "BY DEFAULT"] as const) {
    test(`GENERATED ${generation}: the next insert gets the value after the highest one`, async ({ db }) => {
      await db.query(`
        create table tickets (id bigint primary key, title text not null);
        insert into tickets select g, 'ticket ' || g from generate_series(1, 5000) g;
        delete from tickets where id > 4000 and id < 5000;`);
      const desired = `CREATE TABLE tickets (
  id bigint GENERATED ${generation} AS IDENTITY PRIMARY KEY,
  title text NOT NULL
);`;
      const planned = await plan(db, desired);
      expect(planned.plan.steps.map((s) => s.sql)).toEqual([
        `ALTER TABLE tickets ALTER COLUMN id ADD GENERATED ${generation} AS IDENTITY;`,
        "SELECT setval(pg_get_serial_sequence('tickets', 'id'), m) FROM (SELECT max(id) AS m FROM tickets) AS s WHERE m >= 1;",
      ]);
      expect(planned.plan.groups).toEqual([{ transaction: "transactional", steps: [0, 1] }]);
      expect((await run(db, desired)).status).toBe("applied");
      const inserted = await db.query<{ id: string }>(
        "insert into tickets (title) values ('next'), ('after') returning id::text",
      );
      expect(inserted.rows.map((row) => row.id)).toEqual(["5001", "5002"]);
      expect(await count(db, "tickets")).toBe(4003);
      expect(await locksLeft(db, "tickets")).toBe(0);
      expect((await plan(db, desired)).plan.steps).toEqual([]);
    });
  }

  test("an empty table keeps the sequence at its START", async ({ db }) => {
    await db.query("create table tickets (id bigint primary key, title text not null)");
    const desired =
      "CREATE TABLE tickets (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, title text NOT NULL);";
    expect((await run(db, desired)).status).toBe("applied");
    const inserted = await db.query<{ id: string }>(
      "insert into tickets (title) values ('first') returning id::text",
    );
    expect(inserted.rows).toEqual([{ id: "1" }]);
  });
});
