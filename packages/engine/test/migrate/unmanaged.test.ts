import { InvalidInputError } from "@pg-flux/core";
import { scratchHostForFile, type TestDatabase, test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { planMigration } from "../../src/index.js";

const source = (text: string) => [{ name: "schema.sql", text }];

/**
 * Subscriptions stay out for good (every other kind is managed or on its way). One made without a
 * connection or a slot holds nothing on another server; the database cannot be dropped while it
 * exists, so each test that makes one drops it after (`withSubscription`).
 */
const LIVE = `
create table audit (id int primary key, a int, b int);
create subscription audit_sub connection 'dbname=nowhere' publication audit_pub
  with (connect = false, slot_name = none);
`;

async function withSubscription(db: TestDatabase, sql: string, run: () => Promise<void>): Promise<void> {
  await db.query(sql);
  try {
    await run();
  } finally {
    await db.query("drop subscription if exists audit_sub");
  }
}

/** One embedded server for the file's plans (a plan's own start is tested in plan-phases.test.ts). */
const scratch = scratchHostForFile();

/** The problems of a plan to `text` that must be refused as bad input. */
async function refusal(db: TestDatabase, text: string): Promise<InvalidInputError["problems"]> {
  const error = await planMigration({
    scratchHost: scratch(),
    databaseUrl: db.url,
    sources: source(text),
  }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(InvalidInputError);
  return (error as InvalidInputError).problems;
}

describe("live objects of kinds pg-flux does not manage", () => {
  test("are left alone and listed: the plan to the same tables is empty", async ({ db }) => {
    await withSubscription(db, LIVE, async () => {
      const { plan, warnings } = await planMigration({
        scratchHost: scratch(),
        databaseUrl: db.url,
        sources: source("create table audit (id int primary key, a int, b int);"),
      });
      expect(plan.steps).toEqual([]);
      expect(warnings).toContain(
        "the database has 1 object of kinds pg-flux does not manage; the plan leaves it alone (never created, changed or dropped): subscription audit_sub",
      );
    });
  });

  test("a table the plan drops takes its rule and publication, which are managed: dropped first", async ({
    db,
  }) => {
    const live = `${LIVE}
      create rule audit_no_delete as on delete to audit do instead nothing;
      create publication audit_pub for table audit;`;
    await withSubscription(db, live, async () => {
      const { plan, warnings } = await planMigration({
        scratchHost: scratch(),
        databaseUrl: db.url,
        sources: source("create table other (id int);"),
      });
      expect(plan.steps.map((step) => [step.sql, step.hazards.map((h) => h.kind)])).toEqual([
        ["DROP PUBLICATION audit_pub;", ["PUBLICATION_DROP"]],
        ["DROP RULE audit_no_delete ON audit;", []],
        ["CREATE TABLE other (\n  id integer\n);", []],
        ["DROP TABLE audit;", ["DATA_LOSS"]],
      ]);
      expect(warnings.filter((warning) => warning.startsWith("dropping"))).toEqual([]);
    });
  });
});

describe("objects that once were unmanaged and depend on functions are ordered, never warned about", () => {
  test("a transform is managed: dropped after the function declared on it, before its own function", async ({
    db,
  }) => {
    await db.query(`
      create function audit_recv(internal) returns integer language internal immutable strict as 'int4recv';
      create transform for int language plpgsql (to sql with function audit_recv(internal));
      create function audit_echo(a int) returns int language plpgsql transform for type int as 'begin return a; end';
    `);
    const { plan, warnings } = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(""),
    });
    expect(plan.steps.map((step) => step.sql)).toEqual([
      "DROP FUNCTION audit_echo(a integer);",
      "DROP TRANSFORM FOR integer LANGUAGE plpgsql;",
      "DROP FUNCTION audit_recv(internal);",
    ]);
    expect(warnings.filter((warning) => warning.includes("does not manage"))).toEqual([]);
  });

  test("a custom operator is managed: dropped before its function", async ({ db }) => {
    await db.query(`
      create function int_eq(int, int) returns boolean language sql immutable as 'select $1 = $2';
      create operator === (function = int_eq, leftarg = int, rightarg = int);
    `);
    const { plan, warnings } = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(""),
    });
    expect(plan.steps.map((step) => step.sql)).toEqual([
      "DROP OPERATOR === (integer, integer);",
      "DROP FUNCTION int_eq(integer, integer);",
    ]);
    expect(warnings.filter((warning) => warning.includes("does not manage"))).toEqual([]);
  });
});

describe("the desired state never holds them", () => {
  test("a statement of such a kind is refused at its location", async ({ db }) => {
    const problems = await refusal(
      db,
      "create table audit (id int);\ncreate subscription audit_sub connection 'dbname=nowhere' publication audit_pub;\n",
    );
    expect(problems.map((p) => [p.location?.line, p.message])).toEqual([
      [
        2,
        "CREATE SUBSCRIPTION: subscriptions stay out of the desired state: one holds a live connection string (often with a password) to another server and starts copying data when created; remove it from the desired state",
      ],
    ]);
  });

  test("one made by SQL the parser cannot see (dynamic SQL in a DO block) is caught after the load", async ({
    db,
  }) => {
    const problems = await refusal(
      db,
      "create table audit (id int);\ndo $$ begin execute format('revoke usage on language %I from public', 'plpgsql'); end $$;\n",
    );
    expect(problems.map((p) => p.message)).toEqual([
      "loading the desired state created language privilege plpgsql, which pg-flux does not manage (a DO block or a function the files call made it): it would be left out of every plan",
    ]);
  });

  test("a GRANT or REVOKE on an extension's object is refused at its location, never lost", async ({
    db,
  }) => {
    // pg_dump writes such statements when the privileges differ from the extension's (pg_init_privs)
    const problems = await refusal(
      db,
      "create extension pg_trgm;\ncreate table docs (body text);\nrevoke all on function similarity(text, text) from public;\n",
    );
    expect(problems.map((p) => [p.location?.line, p.sourceLine, p.message])).toEqual([
      [
        3,
        "revoke all on function similarity(text, text) from public;",
        "the desired state changes the privileges of function public.similarity(text,text), which an extension created: pg-flux does not manage the privileges of an extension's objects (they are the extension's, like the objects), so the statement would be left out of every plan",
      ],
    ]);
  });

  test("a live extension's object with other grants than its initial ones is listed and left alone", async ({
    db,
  }) => {
    await db.query("create extension pg_trgm; revoke all on function similarity(text, text) from public;");
    const { plan, warnings } = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source("create extension pg_trgm;"),
    });
    expect(plan.steps).toEqual([]);
    expect(warnings).toContain(
      "the database has 1 object of kinds pg-flux does not manage; the plan leaves it alone (never created, changed or dropped): extension member privilege function public.similarity(text,text)",
    );
  });

  test("a bulk GRANT that reaches an extension's objects plans the rest and says what it leaves out", async ({
    db,
  }) => {
    const { plan, warnings } = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(
        "create extension pg_trgm;\ncreate function twice(int) returns int language sql as 'select 2 * $1';\nrevoke execute on all functions in schema public from public;\n",
      ),
    });
    // the function the files create loses EXECUTE for PUBLIC; the extension's are named in a warning
    expect(plan.steps.map((step) => step.sql)).toEqual(
      expect.arrayContaining(["REVOKE EXECUTE ON FUNCTION twice(integer) FROM PUBLIC;"]),
    );
    const warning = warnings.find((text) => text.includes("that extensions created"));
    expect(warning).toMatch(
      /^the desired state changes the privileges of \d+ objects that extensions created \(function public\.[a-z_]+\(/,
    );
    expect(warning).toContain("so no plan applies these");
  });
});
