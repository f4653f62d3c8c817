import { PgFluxError } from "@pg-flux/core";
import { scratchHostForFile, type TestDatabase, test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { planMigration } from "../../src/index.js";
import { roundTrip } from "./round-trip.js";

/**
 * Operator classes and families on a real server (issue 17): what the plan does to the users of a
 * class — the index that uses it, the operators and functions it is made of — when the class, its
 * family or those members change. The recipe (fixtures/recipes/operator-class) pins a plan's SQL;
 * these pin the refusals and the index kept through a change of its class's family.
 */
const scratch = scratchHostForFile();

const FUNCTIONS = `
CREATE FUNCTION abs_lt(integer, integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT abs($1) < abs($2) $$;
CREATE FUNCTION abs_eq(integer, integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT abs($1) = abs($2) $$;
CREATE FUNCTION abs_gt(integer, integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT abs($1) > abs($2) $$;
CREATE FUNCTION abs_cmp(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT btint4cmp(abs(a), abs(b)) $$;
`;
const OPERATORS = `
CREATE OPERATOR <<< (FUNCTION = abs_lt, LEFTARG = integer, RIGHTARG = integer);
CREATE OPERATOR === (FUNCTION = abs_eq, LEFTARG = integer, RIGHTARG = integer);
CREATE OPERATOR >>> (FUNCTION = abs_gt, LEFTARG = integer, RIGHTARG = integer);
`;
const CLASS = `
CREATE OPERATOR FAMILY abs_ops USING btree;
CREATE OPERATOR CLASS abs_ops FOR TYPE integer USING btree FAMILY abs_ops AS
  OPERATOR 1 <<<, OPERATOR 5 >>>, FUNCTION 1 abs_cmp(integer, integer);
`;
const TABLE = `
CREATE TABLE readings (id bigint PRIMARY KEY, delta integer NOT NULL);
CREATE INDEX readings_delta_abs ON readings (delta abs_ops);
`;
const SCHEMA = FUNCTIONS + OPERATORS + CLASS + TABLE;

async function refusal(db: TestDatabase, desired: string): Promise<PgFluxError> {
  const planned = planMigration({
    scratchHost: scratch(),
    databaseUrl: db.url,
    sources: [{ name: "schema.sql", text: desired }],
  });
  await expect(planned).rejects.toThrow(PgFluxError);
  return (await planned.catch((error: unknown) => error)) as PgFluxError;
}

const indexOid = async (db: TestDatabase) =>
  (await db.query("select 'readings_delta_abs'::regclass::oid::int as oid")).rows[0]?.oid;

describe("operator classes and their users", () => {
  test("a class an index uses is not dropped and created again: refused, naming the index", async ({
    db,
  }) => {
    await db.query(SCHEMA);
    const changed = SCHEMA.replace("OPERATOR 1 <<<,", "OPERATOR 1 <<<, OPERATOR 3 ===,");
    const error = await refusal(db, changed);
    expect(error.code).toBe("refused");
    expect(error.message).toContain(
      "cannot change OPERATOR CLASS abs_ops USING btree: index:public.readings_delta_abs uses it",
    );
    expect(
      (
        await db.query(
          "select count(*)::int as n from pg_amop a join pg_opfamily f on f.oid = a.amopfamily where f.opfname = 'abs_ops'",
        )
      ).rows[0]?.n,
    ).toBe(2);
  });

  test("an operator a class is made of is not dropped and created again: refused, naming the class", async ({
    db,
  }) => {
    await db.query(SCHEMA);
    // another function under the operator: PostgreSQL has no ALTER for it
    const changed = SCHEMA.replace(
      "CREATE OPERATOR >>> (FUNCTION = abs_gt,",
      () =>
        "CREATE FUNCTION abs_gt2(integer, integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT abs($1) > abs($2) $$;\nCREATE OPERATOR >>> (FUNCTION = abs_gt2,",
    );
    const error = await refusal(db, changed);
    expect(error.code).toBe("refused");
    expect(error.message).toMatch(
      /cannot change OPERATOR >>> \(integer, integer\): .*operator_class:public\.abs_ops\(btree\)/,
    );
  });

  test("a support function dropped and created again (renamed parameters) takes its class off and puts it back", async ({
    db,
  }) => {
    const schema = FUNCTIONS + OPERATORS + CLASS;
    await db.query(schema);
    const renamed = schema.replace("abs_cmp(a integer, b integer)", "abs_cmp(x integer, y integer)");
    const sql = await roundTrip(
      scratch(),
      db,
      renamed.replace("btint4cmp(abs(a), abs(b))", "btint4cmp(abs(x), abs(y))"),
    );
    expect(sql).toEqual([
      "DROP OPERATOR CLASS abs_ops USING btree;",
      "DROP FUNCTION abs_cmp(a integer, b integer);",
      "CREATE OR REPLACE FUNCTION public.abs_cmp(x integer, y integer)\n RETURNS integer\n LANGUAGE sql\n IMMUTABLE\nAS $function$ SELECT btint4cmp(abs(x), abs(y)) $function$;",
      "CREATE OPERATOR CLASS abs_ops FOR TYPE integer USING btree FAMILY abs_ops AS OPERATOR 1 <<< (integer, integer), OPERATOR 5 >>> (integer, integer), FUNCTION 1 (integer, integer) public.abs_cmp(integer,integer);",
    ]);
  });

  test("so does an operator's function: the operator is dropped first and created after it", async ({
    db,
  }) => {
    const schema = `${FUNCTIONS}CREATE OPERATOR ~~~ (FUNCTION = abs_cmp_eq, LEFTARG = integer, RIGHTARG = integer);\n`;
    const eq = (a: string, b: string) =>
      `CREATE FUNCTION abs_cmp_eq(${a} integer, ${b} integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT abs(${a}) = abs(${b}) $$;\n`;
    await db.query(eq("a", "b") + schema);
    const sql = await roundTrip(scratch(), db, eq("x", "y") + schema);
    expect(sql).toEqual([
      "DROP OPERATOR ~~~ (integer, integer);",
      "DROP FUNCTION abs_cmp_eq(a integer, b integer);",
      "CREATE OR REPLACE FUNCTION public.abs_cmp_eq(x integer, y integer)\n RETURNS boolean\n LANGUAGE sql\n IMMUTABLE\nAS $function$ SELECT abs(x) = abs(y) $function$;",
      "CREATE OPERATOR ~~~ (FUNCTION = abs_cmp_eq, LEFTARG = integer, RIGHTARG = integer);",
    ]);
  });

  test("an operator's function and a support function replaced under the same signature: CREATE OR REPLACE, class, operator and index kept", async ({
    db,
  }) => {
    // with its equality operator the class is complete enough for the planner to consider the index
    const schema = SCHEMA.replace("OPERATOR 1 <<<,", "OPERATOR 1 <<<, OPERATOR 3 ===,");
    await db.query(schema);
    await db.query("insert into readings values (1, -3), (2, 2), (3, 5)");
    const oids = async () =>
      (
        await db.query(
          `select 'readings_delta_abs'::regclass::oid::int as index,
            (select oid::int from pg_opclass where opcname = 'abs_ops') as class,
            '<<<(integer, integer)'::regoperator::oid::int as operator,
            'abs_lt(integer, integer)'::regprocedure::oid::int as lt,
            'abs_cmp(integer, integer)'::regprocedure::oid::int as cmp`,
        )
      ).rows[0];
    const before = await oids();
    // the same orderings written another way: the index stays valid
    const changed = schema
      .replace("SELECT abs($1) < abs($2)", "SELECT abs($2) > abs($1)")
      .replace("SELECT btint4cmp(abs(a), abs(b))", "SELECT -btint4cmp(abs(b), abs(a))");
    const sql = await roundTrip(scratch(), db, changed);
    expect(sql).toEqual([
      "CREATE OR REPLACE FUNCTION public.abs_cmp(a integer, b integer)\n RETURNS integer\n LANGUAGE sql\n IMMUTABLE\nAS $function$ SELECT -btint4cmp(abs(b), abs(a)) $function$;",
      "CREATE OR REPLACE FUNCTION public.abs_lt(integer, integer)\n RETURNS boolean\n LANGUAGE sql\n IMMUTABLE\nAS $function$ SELECT abs($2) > abs($1) $function$;",
    ]);
    expect(await oids()).toEqual(before);
    expect(
      (await db.query("select indisvalid from pg_index where indexrelid = 'readings_delta_abs'::regclass"))
        .rows[0]?.indisvalid,
    ).toBe(true);
    expect(
      (await db.query("select array_agg(id order by id)::int[] as ids from readings where delta <<< 3"))
        .rows[0]?.ids,
    ).toEqual([2]);
  });

  test("a family's loose members change in place under the class an index uses: the index is kept", async ({
    db,
  }) => {
    const loose = (members: string) => `${SCHEMA}ALTER OPERATOR FAMILY abs_ops USING btree ADD ${members};\n`;
    await db.query(loose("OPERATOR 1 < (integer, bigint)"));
    await db.query("insert into readings values (1, -3), (2, 2)");
    const before = await indexOid(db);
    const sql = await roundTrip(
      scratch(),
      db,
      loose("OPERATOR 3 = (integer, bigint), FUNCTION 1 (integer, bigint) btint48cmp(integer, bigint)"),
    );
    expect(sql).toEqual([
      "ALTER OPERATOR FAMILY abs_ops USING btree DROP OPERATOR 1 (integer, bigint);",
      "ALTER OPERATOR FAMILY abs_ops USING btree ADD OPERATOR 3 pg_catalog.= (integer, bigint), FUNCTION 1 (integer, bigint) btint48cmp(integer,bigint);",
    ]);
    expect(await indexOid(db)).toBe(before);
    expect((await db.query("select count(*)::int as n from readings where delta <<< 3")).rows[0]?.n).toBe(1);
  });
});
