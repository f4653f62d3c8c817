import { scratchHostForFile, type TestDatabase, test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { roundTrip } from "./round-trip.js";

/**
 * Materialized-view column settings (issue 17): `ALTER MATERIALIZED VIEW … ALTER COLUMN … SET
 * STATISTICS / SET STORAGE / SET (n_distinct …)` are read, planned in place (the rows stay, nothing
 * is refreshed or recreated) and round-trip on a real server.
 */
const scratch = scratchHostForFile();

const TABLE = "CREATE TABLE orders (id int PRIMARY KEY, note text);";
const VIEW = "CREATE MATERIALIZED VIEW totals AS SELECT id, note FROM orders;";
const SETTINGS = [
  "ALTER MATERIALIZED VIEW totals ALTER COLUMN id SET STATISTICS 1000;",
  "ALTER MATERIALIZED VIEW totals ALTER COLUMN note SET STORAGE EXTERNAL;",
  "ALTER MATERIALIZED VIEW totals ALTER COLUMN note SET (n_distinct = -0.5);",
];

async function catalog(db: TestDatabase) {
  const { rows } = await db.query<{
    attname: string;
    stat: number | null;
    storage: string;
    options: string[] | null;
  }>(`
    select attname, case when attstattarget >= 0 then attstattarget::int end as stat,
      attstorage as storage, attoptions as options
    from pg_attribute where attrelid = 'totals'::regclass and attnum > 0 order by attnum`);
  return rows;
}

describe("materialized view column settings", () => {
  test("set in place on a populated view (rows kept), then back to the defaults", async ({ db }) => {
    await db.query(`${TABLE} insert into orders values (1, 'a'), (2, 'b'); ${VIEW}`);
    await db.query("insert into orders values (3, 'c')"); // not in the view until a refresh
    const oid = (await db.query("select 'totals'::regclass::oid::int as oid")).rows[0]?.oid;
    expect(await roundTrip(scratch(), db, [TABLE, VIEW, ...SETTINGS].join("\n"))).toEqual([
      "ALTER MATERIALIZED VIEW totals ALTER COLUMN id SET STATISTICS 1000;",
      "ALTER MATERIALIZED VIEW totals ALTER COLUMN note SET STORAGE EXTERNAL;",
      "ALTER MATERIALIZED VIEW totals ALTER COLUMN note RESET (n_distinct_inherited), ALTER COLUMN note SET (n_distinct=-0.5);",
    ]);
    expect(await catalog(db)).toEqual([
      { attname: "id", stat: 1000, storage: "p", options: null },
      { attname: "note", stat: null, storage: "e", options: ["n_distinct=-0.5"] },
    ]);
    expect((await db.query("select 'totals'::regclass::oid::int as oid")).rows[0]?.oid).toBe(oid);
    expect((await db.query("select count(*)::int as n from totals")).rows).toEqual([{ n: 2 }]);
    expect(await roundTrip(scratch(), db, [TABLE, VIEW].join("\n"))).toEqual([
      "ALTER MATERIALIZED VIEW totals ALTER COLUMN id SET STATISTICS -1;",
      "ALTER MATERIALIZED VIEW totals ALTER COLUMN note SET STORAGE EXTENDED;",
      "ALTER MATERIALIZED VIEW totals ALTER COLUMN note RESET (n_distinct, n_distinct_inherited);",
    ]);
    expect(await catalog(db)).toEqual([
      { attname: "id", stat: null, storage: "p", options: null },
      { attname: "note", stat: null, storage: "x", options: null },
    ]);
  });

  test("empty → a materialized view with column settings: created, then set; re-plan empty", async ({
    db,
  }) => {
    const sql = await roundTrip(scratch(), db, [TABLE, VIEW, ...SETTINGS].join("\n"));
    expect(sql.slice(-3)).toEqual([
      "ALTER MATERIALIZED VIEW totals ALTER COLUMN id SET STATISTICS 1000;",
      "ALTER MATERIALIZED VIEW totals ALTER COLUMN note SET STORAGE EXTERNAL;",
      "ALTER MATERIALIZED VIEW totals ALTER COLUMN note RESET (n_distinct_inherited), ALTER COLUMN note SET (n_distinct=-0.5);",
    ]);
    expect(sql.findIndex((s) => s.startsWith("CREATE MATERIALIZED VIEW totals"))).toBeLessThan(
      sql.length - 3,
    );
  });
});
