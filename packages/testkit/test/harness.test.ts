import { expect } from "vitest";
import { test } from "../src/index.js";

test("a per-test database accepts a table and reads it back", async ({ db }) => {
  await db.query("create table smoke (id int primary key, label text not null)");
  await db.query("insert into smoke values (1, 'one'), (2, 'two')");
  const rows = await db.query<{ id: number; label: string }>("select id, label from smoke order by id");
  expect(rows.rows).toEqual([
    { id: 1, label: "one" },
    { id: 2, label: "two" },
  ]);
  const expectedMajor = Number(process.env.PGFLUX_TEST_PG ?? 18);
  if (!process.env.PGFLUX_TEST_DATABASE_URL) expect(db.server.major).toBe(expectedMajor);
});

test("each test gets its own empty database", async ({ db }) => {
  const tables = await db.query("select 1 from pg_tables where tablename = 'smoke'");
  expect(tables.rowCount).toBe(0);
  expect(db.name).toMatch(/^t_[0-9a-f]{12}$/);
});
