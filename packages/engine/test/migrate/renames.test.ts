import { scratchHostForFile, test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { applyMigration, planMigration } from "../../src/index.js";

const source = (text: string) => [{ name: "schema.sql", text }];

/** One embedded server for the file's plans (a plan's own start is tested in plan-phases.test.ts). */
const scratch = scratchHostForFile();

describe("rename hints reach the planner", () => {
  test("@renamed-value renames an enum label that also moved position; rows keep their value", async ({
    db,
  }) => {
    await db.query(`
      create type status as enum ('review', 'published');
      create table posts (id int primary key, status status not null);
      insert into posts values (1, 'review'), (2, 'published');`);
    // Without the hint the first position would read as 'review' → 'draft' (a rename) and
    // 'in_review' as a new value; the hint says which label is which.
    const desired = [
      "CREATE TYPE status AS ENUM (",
      "  'draft',",
      "  'in_review', -- @renamed-value from='review'",
      "  'published'",
      ");",
      "CREATE TABLE posts (id int PRIMARY KEY, status status NOT NULL);",
    ].join("\n");
    const { plan } = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(desired),
    });
    const sql = plan.steps.map((step) => step.sql);
    expect(sql).toContain("ALTER TYPE status RENAME VALUE 'review' TO 'in_review';");
    expect(sql.some((s) => /ADD VALUE 'draft' BEFORE 'in_review'/.test(s))).toBe(true);
    expect(plan.steps.flatMap((step) => step.hazards)).toEqual([]);
    expect((await applyMigration({ databaseUrl: db.url, plan })).status).toBe("applied");
    const rows = await db.query("select id, status::text as status from posts order by id");
    expect(rows.rows).toEqual([
      { id: 1, status: "in_review" },
      { id: 2, status: "published" },
    ]);
    const again = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(desired),
    });
    expect(again.plan.steps).toEqual([]);
  });
});

describe("type rename hints", () => {
  test("enum (moved to another schema), domain and range renamed in place; every use follows, rows stay", async ({
    db,
  }) => {
    await db.query(`
      create schema sales;
      create type order_state as enum ('pending', 'shipped');
      create domain qty as integer check (value > 0);
      create type floatrange as range (subtype = float8);
      create type order_line as (state order_state, n qty);
      create table orders (
        id int primary key, state order_state not null default 'pending', n qty,
        during floatrange, spans floatmultirange, l order_line);
      create function label(s order_state) returns text language plpgsql as $$ begin return s::text; end $$;
      insert into orders values (1, 'shipped', 2, '[1,2)', '{[1,2)}', row('pending', 3));`);
    const desired = [
      "CREATE SCHEMA sales;",
      "CREATE TYPE sales.order_status /* @renamed from=public.order_state */ AS ENUM ('pending', 'shipped');",
      "-- @renamed-domain from=qty",
      "CREATE DOMAIN quantity AS integer CHECK (VALUE > 0);",
      "-- @renamed-type from=floatrange",
      "CREATE TYPE span AS RANGE (SUBTYPE = float8);",
      "CREATE TYPE order_line AS (state sales.order_status, n quantity);",
      "CREATE TABLE orders (",
      "  id int PRIMARY KEY, state sales.order_status NOT NULL DEFAULT 'pending', n quantity,",
      "  during span, spans span_multirange, l order_line);",
      "CREATE FUNCTION label(s sales.order_status) RETURNS text LANGUAGE plpgsql AS $$ begin return s::text; end $$;",
    ].join("\n");
    const { plan, warnings } = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(desired),
    });
    expect(warnings.filter((w) => /not planned/.test(w))).toEqual([]);
    expect(plan.steps.map((step) => step.sql)).toEqual([
      "ALTER TYPE public.order_state SET SCHEMA sales;",
      "ALTER TYPE sales.order_state RENAME TO order_status;",
      "ALTER DOMAIN qty RENAME TO quantity;",
      "ALTER DOMAIN quantity RENAME CONSTRAINT qty_check TO quantity_check;",
      "ALTER TYPE floatrange RENAME TO span;",
      "ALTER TYPE floatmultirange RENAME TO span_multirange;",
    ]);
    expect(plan.steps.flatMap((step) => step.hazards)).toEqual([]);
    expect((await applyMigration({ databaseUrl: db.url, plan })).status).toBe("applied");
    const rows = await db.query(
      "select state::text, n, during::text, spans::text, (l).state::text as l, label(state) from orders",
    );
    expect(rows.rows).toEqual([
      { state: "shipped", n: 2, during: "[1,2)", spans: "{[1,2)}", l: "pending", label: "shipped" },
    ]);
    const again = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(desired),
    });
    expect(again.plan.steps).toEqual([]);
  });
});
