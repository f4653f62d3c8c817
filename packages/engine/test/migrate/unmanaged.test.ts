import { InvalidInputError } from "@pg-flux/core";
import { scratchHostForFile, test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { planMigration } from "../../src/index.js";

const source = (text: string) => [{ name: "schema.sql", text }];

const LIVE = `
create table audit (id int primary key, a int, b int);
create transform for int language plpgsql (to sql with function int4recv(internal));
`;

/** One embedded server for the file's plans (a plan's own start is tested in plan-phases.test.ts). */
const scratch = scratchHostForFile();

describe("live objects of kinds pg-flux does not manage", () => {
  test("are left alone and listed: the plan to the same tables is empty", async ({ db }) => {
    await db.query(LIVE);
    const { plan, warnings } = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source("create table audit (id int primary key, a int, b int);"),
    });
    expect(plan.steps).toEqual([]);
    expect(warnings).toContain(
      "the database has 1 object of kinds pg-flux does not manage; the plan leaves it alone (never created, changed or dropped): transform FOR integer LANGUAGE plpgsql",
    );
  });

  test("a table the plan drops takes its rule and publication, which are managed: dropped first", async ({
    db,
  }) => {
    await db.query(`${LIVE}
      create rule audit_no_delete as on delete to audit do instead nothing;
      create publication audit_pub for table audit;`);
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

describe("a plan step PostgreSQL will refuse because of them", () => {
  test("is named before anything runs: the function of a transform", async ({ db }) => {
    await db.query(`
      create function audit_recv(internal) returns integer language internal immutable strict as 'int4recv';
      create transform for int language plpgsql (to sql with function audit_recv(internal));
    `);
    const { plan, warnings } = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(""),
    });
    expect(plan.steps.map((step) => step.sql)).toEqual(["DROP FUNCTION audit_recv(internal);"]);
    expect(warnings).toContain(
      "dropping function:public.audit_recv(internal) will fail at apply: transform FOR integer LANGUAGE plpgsql depends on it and pg-flux does not manage it; drop or change it first (a versioned migration run by pg-flux push)",
    );
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
    const error = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(
        "create table audit (id int);\ncreate transform for int language plpgsql (to sql with function int4recv(internal));\n",
      ),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).problems.map((p) => [p.location?.line, p.message])).toEqual([
      [
        2,
        "CREATE TRANSFORM: pg-flux does not manage transforms: the statement would run in the scratch database and then be left out of every plan; remove it from the desired state",
      ],
    ]);
  });

  test("one made by SQL the parser cannot see (dynamic SQL in a DO block) is caught after the load", async ({
    db,
  }) => {
    const error = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(
        "create table audit (id int);\ndo $$ begin execute format('create transform for %s language plpgsql (to sql with function int4recv(internal))', 'int'); end $$;\n",
      ),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).problems.map((p) => p.message)).toEqual([
      "loading the desired state created transform FOR integer LANGUAGE plpgsql, which pg-flux does not manage (a DO block or a function the files call made it): it would be left out of every plan",
    ]);
  });
});
