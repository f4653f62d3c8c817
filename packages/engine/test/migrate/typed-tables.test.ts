import { scratchHostForFile, type TestDatabase, test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { planMigration } from "../../src/index.js";
import { roundTrip } from "./round-trip.js";

/**
 * Typed tables (issue 17): `CREATE TABLE t OF type` is read (pg_class.reloftype), created as a typed
 * table (its columns from the type, their defaults and NOT NULLs `WITH OPTIONS`), and a table becomes
 * or stops being typed in place (`ALTER TABLE … OF type` / `NOT OF`), rows kept. Before, a typed
 * table read back as a plain one: the plan created it without `OF` and the difference was lost.
 */
const scratch = scratchHostForFile();
const TYPE = "CREATE TYPE person AS (id integer, name text, note text);";
const TYPED = [
  TYPE,
  "CREATE TABLE people OF person (PRIMARY KEY (id), name WITH OPTIONS NOT NULL DEFAULT 'nobody');",
].join("\n");
const PLAIN = [
  TYPE,
  "CREATE TABLE people (id integer PRIMARY KEY, name text NOT NULL DEFAULT 'nobody', note text);",
].join("\n");

const ofType = async (db: TestDatabase) =>
  (await db.query("select reloftype::regtype::text as t from pg_class where oid = 'people'::regclass"))
    .rows[0]?.t;

describe("typed tables", () => {
  test("empty → a typed table: CREATE TABLE … OF with its column options; re-plan empty", async ({ db }) => {
    const sql = await roundTrip(scratch(), db, TYPED);
    expect(sql[1]).toBe(
      "CREATE TABLE people OF person (\n  id WITH OPTIONS NOT NULL,\n  name WITH OPTIONS DEFAULT 'nobody'::text NOT NULL,\n  CONSTRAINT people_pkey PRIMARY KEY (id)\n);",
    );
    expect(await ofType(db)).toBe("person");
    await db.query("insert into people (id) values (1)");
    expect((await db.query("select id, name, note from people")).rows).toEqual([
      { id: 1, name: "nobody", note: null },
    ]);
  });

  test("a plain table becomes typed (OF) and stops being typed (NOT OF) in place; rows kept", async ({
    db,
  }) => {
    await db.query(PLAIN.replace("CREATE TYPE", "create type"));
    await db.query("insert into people values (1, 'ann', 'x')");
    expect(await roundTrip(scratch(), db, TYPED)).toEqual(["ALTER TABLE people OF person;"]);
    expect(await ofType(db)).toBe("person");
    expect(await roundTrip(scratch(), db, PLAIN)).toEqual(["ALTER TABLE people NOT OF;"]);
    expect(await ofType(db)).toBe("-");
    expect((await db.query("select id, name, note from people")).rows).toEqual([
      { id: 1, name: "ann", note: "x" },
    ]);
  });

  test("changing the type's attributes under a typed table is refused with the way to do it", async ({
    db,
  }) => {
    await db.query(TYPED);
    const error = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: [
        {
          name: "schema.sql",
          text: TYPED.replace("note text", "note text, age integer"),
        },
      ],
    }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/cannot change the columns of typed table public\.people/);
  });
});
