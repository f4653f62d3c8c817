import { PgFluxError } from "@pg-flux/core";
import { inspectWithStats } from "@pg-flux/inspector";
import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { planMigration } from "../../src/index.js";

/**
 * Objects in schemas outside `--schemas` that use managed objects (issue 15, class 9): pg-flux never
 * drops or re-creates them, so a step PostgreSQL refuses while they exist is refused at plan time,
 * naming them and the two ways out. Before, the plan passed planning and verification (the scratch
 * holds only the managed schemas) and apply failed with "cannot alter type of a column used by a
 * view or rule".
 */
describe("objects outside the managed schemas that use managed ones", () => {
  const setup = `
    create schema reporting;
    create table public.users (id int primary key, email varchar(100) not null, name text);
    create function public.shout(t text) returns text language sql immutable as $$ select upper(t) $$;
    create view reporting.user_emails as select id, email from public.users;
    create table reporting.notes (id int primary key, user_id int references public.users (id),
      title text default public.shout('x'));`;
  const desired = (users: string, more = "") => `CREATE TABLE users (${users});\n${more}`;

  test("the inspector reads them with the state's ids they use", async ({ db }) => {
    await db.query(setup);
    const { outside } = await inspectWithStats(db.url, { schemas: ["public"] });
    expect(outside).toEqual(
      [
        {
          name: "default value for column title of table reporting.notes",
          schema: "reporting",
          dependsOn: ["function:public.shout(t text)"],
        },
        {
          name: "constraint notes_user_id_fkey on table reporting.notes",
          schema: "reporting",
          dependsOn: ["column:public.users.id", "index:public.users_pkey"],
        },
        {
          name: "view reporting.user_emails",
          schema: "reporting",
          dependsOn: ["column:public.users.email", "column:public.users.id"],
        },
      ].sort((a, b) => (a.name < b.name ? -1 : 1)),
    );
    // every schema managed: nothing is outside
    expect((await inspectWithStats(db.url)).outside).toEqual([]);
  });

  test("retyping a column a view outside uses is refused at plan time, naming it and what to do", async ({
    db,
  }) => {
    await db.query(setup);
    const error = await planMigration({
      databaseUrl: db.url,
      schemas: ["public"],
      sources: [
        {
          name: "s.sql",
          text: desired(
            "id int PRIMARY KEY, email text NOT NULL, name text",
            "CREATE FUNCTION shout(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ select upper(t) $$;",
          ),
        },
      ],
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PgFluxError);
    expect((error as PgFluxError).code).toBe("refused");
    expect((error as PgFluxError).message).toBe(
      "the plan changes the type of column:public.users.email, which view reporting.user_emails uses: PostgreSQL refuses that while it exists, and pg-flux does not drop or re-create objects outside the managed schemas (reporting is not managed)",
    );
    expect((error as PgFluxError).hint).toBe(
      'manage schema reporting too (--schemas or "schemas" in flux.json) so the plan drops and re-creates it around the change; or drop it first (a versioned migration run by pg-flux push) and create it again after',
    );
    // what the refusal spares: PostgreSQL refuses the step the plan would have run
    await expect(db.query("alter table public.users alter column email type text")).rejects.toThrow(
      /cannot alter type of a column used by a view or rule/,
    );
  });

  test("dropping what a default and a foreign key outside use is refused, naming both", async ({ db }) => {
    await db.query(setup);
    const error = await planMigration({
      databaseUrl: db.url,
      schemas: ["public"],
      sources: [{ name: "s.sql", text: "CREATE TABLE accounts (id int PRIMARY KEY);" }],
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PgFluxError);
    expect((error as PgFluxError).message).toBe(
      "the plan drops table:public.users, which constraint notes_user_id_fkey on table reporting.notes, view reporting.user_emails use; the plan drops function:public.shout(t text), which default value for column title of table reporting.notes uses: PostgreSQL refuses that while they exist, and pg-flux does not drop or re-create objects outside the managed schemas (reporting is not managed)",
    );
  });

  test("a change that touches nothing they use is planned", async ({ db }) => {
    await db.query(setup);
    const { plan } = await planMigration({
      databaseUrl: db.url,
      schemas: ["public"],
      sources: [
        {
          name: "s.sql",
          text: desired(
            "id int PRIMARY KEY, email varchar(100) NOT NULL, name varchar(200)",
            "CREATE FUNCTION shout(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ select upper(t) $$;",
          ),
        },
      ],
    });
    expect(plan.steps.map((step) => step.sql)).toEqual([
      "ALTER TABLE users ALTER COLUMN name TYPE character varying(200);",
    ]);
  });
});
