import { scratchHostForFile, type TestDatabase, test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { planMigration } from "../../src/index.js";
import { roundTrip } from "./round-trip.js";

/**
 * Transforms on a real server (issue 17): what the plan does around the functions declared
 * `TRANSFORM FOR TYPE` on a transform when the transform changes or goes. The recipe
 * (fixtures/recipes/transform) pins creation, comments and a plain drop.
 */
const scratch = scratchHostForFile();

const recv = (name: string) =>
  `CREATE FUNCTION ${name}(internal) RETURNS integer LANGUAGE internal IMMUTABLE STRICT AS 'int4recv';\n`;
const transform = (to: string) =>
  `CREATE TRANSFORM FOR integer LANGUAGE plpgsql (TO SQL WITH FUNCTION ${to}(internal));\n`;
const echo = (clause: string) =>
  `CREATE FUNCTION echo(a integer) RETURNS integer LANGUAGE plpgsql IMMUTABLE ${clause}AS $$ BEGIN RETURN a; END $$;\n`;

const oids = async (db: TestDatabase) =>
  (
    await db.query(
      "select (select oid::int from pg_transform) as transform, 'echo(integer)'::regprocedure::oid::int as echo",
    )
  ).rows[0];

describe("transforms and the functions declared on them", () => {
  test("another TO SQL function: the new one created, the transform replaced in place, the old one dropped; its user kept", async ({
    db,
  }) => {
    await db.query(recv("int_to_sql") + transform("int_to_sql") + echo("TRANSFORM FOR TYPE integer "));
    const before = await oids(db);
    const sql = await roundTrip(
      scratch(),
      db,
      recv("int_to_sql_v2") + transform("int_to_sql_v2") + echo("TRANSFORM FOR TYPE integer "),
    );
    expect(sql).toEqual([
      "CREATE OR REPLACE FUNCTION public.int_to_sql_v2(internal)\n RETURNS integer\n LANGUAGE internal\n IMMUTABLE STRICT\nAS $function$int4recv$function$;",
      "CREATE OR REPLACE TRANSFORM FOR integer LANGUAGE plpgsql (TO SQL WITH FUNCTION int_to_sql_v2(internal));",
      "DROP FUNCTION int_to_sql(internal);",
    ]);
    expect(await oids(db)).toEqual(before);
  });

  test("a function no longer declared on it: replaced first, then the transform and its function dropped; refused before anything runs on PostgreSQL 14", async ({
    db,
  }) => {
    await db.query(recv("int_to_sql") + transform("int_to_sql") + echo("TRANSFORM FOR TYPE integer "));
    if (db.server.major < 15) {
      // PostgreSQL 14 records a function's dependency on the transform of its argument and return
      // types in its language, TRANSFORM FOR TYPE or not: the DROP fails on the scratch copy, and
      // the plan is refused before anything runs on the database
      await expect(
        planMigration({
          scratchHost: scratch(),
          databaseUrl: db.url,
          sources: [{ name: "schema.sql", text: echo("") }],
        }),
      ).rejects.toThrow(
        /plan verification failed: .*cannot drop transform for integer language plpgsql because other objects depend on it: function echo\(integer\) depends on/,
      );
      expect((await db.query("select count(*)::int as n from pg_transform")).rows[0]?.n).toBe(1);
      return;
    }
    const sql = await roundTrip(scratch(), db, echo(""));
    expect(sql).toEqual([
      "CREATE OR REPLACE FUNCTION public.echo(a integer)\n RETURNS integer\n LANGUAGE plpgsql\n IMMUTABLE\nAS $function$ BEGIN RETURN a; END $function$;",
      "DROP TRANSFORM FOR integer LANGUAGE plpgsql;",
      "DROP FUNCTION int_to_sql(internal);",
    ]);
    expect((await db.query("select count(*)::int as n from pg_transform")).rows[0]?.n).toBe(0);
  });
});
