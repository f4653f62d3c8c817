import { formatError, InvalidInputError } from "@pg-flux/core";
import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { planMigration } from "../../src/index.js";

/**
 * A rename hint that matches nothing is an error, not a no-op (finding 10 of issue 14): a `from=`
 * naming a column, table or enum label that the database does not have — usually a typo — used to
 * be ignored, leaving only the DATA_LOSS gate between the user and a dropped column. Every such hint
 * is reported at its file:line:col with the line, a caret and the name it probably meant.
 */

const source = (text: string) => [{ name: "schema.sql", text }];

async function planError(url: string, text: string): Promise<InvalidInputError> {
  const error = await planMigration({
    databaseUrl: url,
    sources: source(text),
    options: { verify: false },
  }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidInputError);
  return error as InvalidInputError;
}

describe("a rename hint that matches nothing", () => {
  test("column, table and enum label hints naming what does not exist: reported together", async ({ db }) => {
    await db.query(`
      create type status as enum ('review', 'published');
      create table user_accounts (id int primary key, email_address text, status status);`);
    const error = await planError(
      db.url,
      [
        "CREATE TYPE status AS ENUM (",
        "  'in_review', -- @renamed-value from='reveiw'",
        "  'published'",
        ");",
        "-- @renamed-table from=user_acounts",
        "CREATE TABLE users (",
        "  id int PRIMARY KEY,",
        "  email text, -- @renamed from=emial_address",
        "  status status",
        ");",
      ].join("\n"),
    );
    expect(formatError(error)).toBe(
      [
        "schema.sql:2:19: rename hint matches nothing: enum public.status has neither label 'reveiw' (the old label) nor 'in_review' in the database",
        "  2 |   'in_review', -- @renamed-value from='reveiw'",
        "                        ^",
        "  hint: did you mean 'review'? write the name the object has in the database now after from=, or remove the hint if 'in_review' is new",
        "",
        "schema.sql:5:4: rename hint matches nothing: neither table public.user_acounts (the old name) nor public.users exists in the database",
        "  5 | -- @renamed-table from=user_acounts",
        "         ^",
        "  hint: did you mean user_accounts? write the name the object has in the database now after from=, or remove the hint if public.users is new",
      ].join("\n"),
    );
  });

  test("a column hint on a table that exists, neither name there; the table's own rename is followed", async ({
    db,
  }) => {
    await db.query("create table accounts (id int primary key, email_address text)");
    const error = await planError(
      db.url,
      [
        "CREATE TABLE users ( -- @renamed from=accounts",
        "  id int PRIMARY KEY,",
        "  email text -- @renamed from=emial_address",
        ");",
      ].join("\n"),
    );
    expect(error.problems).toHaveLength(1);
    expect(formatError(error)).toBe(
      [
        "schema.sql:3:17: rename hint matches nothing: public.accounts has neither column emial_address (the old name) nor email in the database",
        "  3 |   email text -- @renamed from=emial_address",
        "                      ^",
        "  hint: did you mean email_address? write the name the object has in the database now after from=, or remove the hint if email is new",
      ].join("\n"),
    );
  });

  test("hints stay harmless where they match: a new database, a new table, a rename already done", async ({
    db,
  }) => {
    const desired = [
      "-- @renamed-table from=user_accounts",
      "CREATE TABLE users (",
      "  id int PRIMARY KEY,",
      "  email text -- @renamed from=email_address",
      ");",
      "CREATE TABLE posts (id int PRIMARY KEY, title text); -- a new table among existing ones",
      "CREATE TABLE tags (",
      "  id int PRIMARY KEY -- @renamed from=tag_id",
      ");",
    ].join("\n");
    // an empty database: nothing to rename from, everything is created
    const fresh = await planMigration({
      databaseUrl: db.url,
      sources: source(desired),
      options: { verify: false },
    });
    expect(fresh.plan.steps.map((step) => step.kind)).toContain("create_table");
    // the renames already happened: the hints stay in the files and do nothing
    await db.query(
      "create table users (id int primary key, email text); create table posts (id int primary key, title text)",
    );
    const done = await planMigration({
      databaseUrl: db.url,
      sources: source(desired),
      options: { verify: false },
    });
    expect(done.plan.steps.map((step) => step.sql)).toEqual([
      "CREATE TABLE tags (\n  id integer NOT NULL,\n  CONSTRAINT tags_pkey PRIMARY KEY (id)\n);",
    ]);
  });

  test("view, function, policy and trigger hints naming what does not exist: errors, nothing planned", async ({
    db,
  }) => {
    await db.query(`
      create table accounts (id int primary key);
      create view live_accounts as select id from accounts;
      create function calc_total(a int) returns int language sql as 'select a';
      create function touch() returns trigger language plpgsql as $$ begin return new; end $$;
      create policy accounts_read on accounts using (true);
      create trigger accounts_touch before update on accounts for each row execute function touch();`);
    const error = await planError(
      db.url,
      [
        "CREATE TABLE accounts (id int PRIMARY KEY);",
        "-- @renamed-view from=live_acounts",
        "CREATE VIEW active_accounts AS SELECT id FROM accounts;",
        "-- @renamed-function from=calc_totl",
        "CREATE FUNCTION calc_sum(a int) RETURNS int LANGUAGE sql AS 'select a';",
        "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ begin return new; end $$;",
        "-- @renamed-policy from=accounts_reed",
        "CREATE POLICY accounts_select ON accounts USING (true);",
        "CREATE TRIGGER accounts_touched /* @renamed from=acounts_touch */ BEFORE UPDATE ON accounts",
        "  FOR EACH ROW EXECUTE FUNCTION touch();",
      ].join("\n"),
    );
    const text = formatError(error);
    expect(text).toContain(
      "schema.sql:2:4: rename hint matches nothing: neither view public.live_acounts (the old name) nor public.active_accounts exists in the database",
    );
    expect(text).toContain("did you mean live_accounts?");
    expect(text).toContain(
      "schema.sql:4:4: rename hint matches nothing: neither function public.calc_totl (the old name) nor public.calc_sum exists in the database",
    );
    expect(text).toContain("did you mean calc_total?");
    expect(text).toContain(
      "schema.sql:7:4: rename hint matches nothing: public.accounts has neither policy accounts_reed (the old name) nor accounts_select in the database",
    );
    expect(text).toContain("did you mean accounts_read?");
    expect(text).toContain(
      "schema.sql:9:36: rename hint matches nothing: public.accounts has neither trigger acounts_touch (the old name) nor accounts_touched in the database",
    );
    expect(text).toContain("did you mean accounts_touch?");
  });
});
