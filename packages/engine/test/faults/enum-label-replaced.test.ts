/**
 * Issue 14, finding 10: replacing an enum's last label with a new one silently became RENAME VALUE,
 * so every row holding the old value changed meaning. Now an edit at either end of the list (or of
 * two neighbouring labels) is refused at the CREATE TYPE's file:line:col with how to write the
 * `@renamed-value` hint; with the hint it is a rename. The seed's in-place edit between two kept
 * labels is still a rename (recipe enum-rename-value).
 */
import { InvalidInputError } from "@pg-flux/core";
import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { FAULT_TEST_TIMEOUT_MS, plan, run } from "./resume-support.js";

const TABLE = "CREATE TABLE posts (id bigint PRIMARY KEY, status status NOT NULL);";

describe("an enum's last label replaced", { timeout: FAULT_TEST_TIMEOUT_MS }, () => {
  test("is refused without a hint, at the CREATE TYPE, saying how to write one; rows untouched", async ({
    db,
  }) => {
    await db.query(`
      create type status as enum ('draft', 'review');
      create table posts (id bigint primary key, status status not null);
      insert into posts values (1, 'draft'), (2, 'review');`);
    const desired = `-- statuses
CREATE TYPE status AS ENUM ('draft', 'published');
${TABLE}`;
    const error = await plan(db, desired).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    const problem = (error as InvalidInputError).problems[0];
    expect(problem?.message).toBe(
      "enum public.status: 'published' takes the place of 'review' as its last value; that reads both as a rename (every row holding 'review' would then hold 'published') and as removing 'review' and adding 'published'",
    );
    expect(problem?.hint).toContain("'published', -- @renamed-value from='review'");
    expect(problem?.location).toMatchObject({ file: "schema.sql", line: 2 });
    const { rows } = await db.query<{ status: string }>("select status::text from posts order by id");
    expect(rows.map((row) => row.status)).toEqual(["draft", "review"]);
  });

  test("with @renamed-value it is a rename, and the rows follow it explicitly", async ({ db }) => {
    await db.query(`
      create type status as enum ('draft', 'review');
      create table posts (id bigint primary key, status status not null);
      insert into posts values (1, 'draft'), (2, 'review');`);
    const desired = `CREATE TYPE status AS ENUM (
  'draft',
  'published' -- @renamed-value from='review'
);
${TABLE}`;
    expect((await plan(db, desired)).plan.steps.map((s) => s.sql)).toEqual([
      "ALTER TYPE status RENAME VALUE 'review' TO 'published';",
    ]);
    expect((await run(db, desired)).status).toBe("applied");
    const { rows } = await db.query<{ status: string }>("select status::text from posts order by id");
    expect(rows.map((row) => row.status)).toEqual(["draft", "published"]);
  });
});
