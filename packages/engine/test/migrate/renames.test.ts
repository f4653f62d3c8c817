import { scratchHostForFile, type TestDatabase, test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { applyMigration, planMigration } from "../../src/index.js";
import { roundTrip } from "./round-trip.js";

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

describe("renames by hint of views, materialized views, routines, aggregates, sequences, domains, policies and triggers", () => {
  const current = `
    create schema app;
    create sequence invoice_seq;
    select setval('invoice_seq', 41);
    create domain qty as integer check (value > 0);
    create table accounts (
      id int primary key, n int default nextval('invoice_seq'), status text, q qty);
    insert into accounts (id, status, q) values (1, 'live', 3), (2, 'gone', 4);
    create function calc_total(a int) returns int language sql immutable as 'select a + 1';
    create function touch() returns trigger language plpgsql as $$ begin return new; end $$;
    create view live_accounts as select id, calc_total(n) as t from accounts where status = 'live';
    create materialized view daily_totals as select count(*) as n from accounts;
    create procedure purge_old(days int) language sql as 'select 1';
    create aggregate total(int) (sfunc = int4pl, stype = int);
    create view sums as select total(id) as s from accounts;
    alter table accounts enable row level security;
    create policy accounts_read on accounts for select using (status = 'live');
    create trigger accounts_touch before update on accounts for each row execute function touch();`;
  const desired = [
    "CREATE SCHEMA app;",
    "-- @renamed-sequence from=invoice_seq",
    "CREATE SEQUENCE invoice_no;",
    "-- @renamed-domain from=qty",
    "CREATE DOMAIN quantity AS integer CHECK (VALUE > 0);",
    "CREATE TABLE accounts (",
    "  id int PRIMARY KEY, n int DEFAULT nextval('invoice_no'), status text, q quantity);",
    "-- @renamed-function from=calc_total",
    "CREATE FUNCTION calc_sum(a int) RETURNS int LANGUAGE sql IMMUTABLE AS 'select a + 1';",
    "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ begin return new; end $$;",
    "-- @renamed-view from=public.live_accounts",
    "CREATE VIEW app.active_accounts AS SELECT id, calc_sum(n) AS t FROM accounts WHERE status = 'live';",
    "CREATE MATERIALIZED VIEW day_totals /* @renamed from=daily_totals */ AS SELECT count(*) AS n FROM accounts;",
    "-- @renamed-procedure from=purge_old",
    "CREATE PROCEDURE purge(days int) LANGUAGE sql AS 'select 1';",
    "-- @renamed-aggregate from=total",
    "CREATE AGGREGATE sum_all(int) (sfunc = int4pl, stype = int);",
    "CREATE VIEW sums AS SELECT sum_all(id) AS s FROM accounts;",
    "ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;",
    "-- @renamed-policy from=accounts_read",
    "CREATE POLICY accounts_select ON accounts FOR SELECT USING (status = 'live');",
    "CREATE TRIGGER accounts_touched /* @renamed from=accounts_touch */ BEFORE UPDATE ON accounts",
    "  FOR EACH ROW EXECUTE FUNCTION touch();",
  ].join("\n");

  test("each is ALTER … RENAME (SET SCHEMA for a qualified from): same oids, rows, sequence position; re-plan empty", async ({
    db,
  }) => {
    await db.query(current);
    const oids = async (names: readonly string[]) =>
      (
        await db.query<{ oid: string }>(
          `select to_regclass(n)::oid::text as oid from unnest($1::text[]) with ordinality u(n, i) order by i`,
          [names],
        )
      ).rows.map((row) => row.oid);
    const before = await oids(["live_accounts", "daily_totals", "invoice_seq", "sums"]);
    const fnBefore = (
      await db.query<{ oid: string }>("select 'calc_total(int)'::regprocedure::oid::text as oid")
    ).rows[0]?.oid;
    const { plan, warnings } = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(desired),
    });
    expect(warnings.filter((w) => /not planned/.test(w))).toEqual([]);
    // nothing dropped or created: the view using the function, the view using the aggregate and the
    // default using the sequence follow by oid and read back as the desired state says
    expect(plan.steps.map((step) => step.sql)).toEqual([
      "ALTER DOMAIN qty RENAME TO quantity;",
      "ALTER DOMAIN quantity RENAME CONSTRAINT qty_check TO quantity_check;",
      "ALTER SEQUENCE invoice_seq RENAME TO invoice_no;",
      "ALTER MATERIALIZED VIEW daily_totals RENAME TO day_totals;",
      "ALTER FUNCTION calc_total(a integer) RENAME TO calc_sum;",
      "ALTER VIEW public.live_accounts SET SCHEMA app;",
      "ALTER VIEW app.live_accounts RENAME TO active_accounts;",
      "ALTER PROCEDURE purge_old(IN days integer) RENAME TO purge;",
      "ALTER AGGREGATE total(integer) RENAME TO sum_all;",
      "ALTER TRIGGER accounts_touch ON accounts RENAME TO accounts_touched;",
      "ALTER POLICY accounts_read ON accounts RENAME TO accounts_select;",
    ]);
    expect(plan.steps.flatMap((step) => step.hazards)).toEqual([]);
    expect((await applyMigration({ databaseUrl: db.url, plan })).status).toBe("applied");
    expect(await oids(["app.active_accounts", "day_totals", "invoice_no", "sums"])).toEqual(before);
    expect(
      (await db.query<{ oid: string }>("select 'calc_sum(int)'::regprocedure::oid::text as oid")).rows[0]
        ?.oid,
    ).toBe(fnBefore);
    expect((await db.query("select n::int from day_totals")).rows).toEqual([{ n: 2 }]);
    await db.query("insert into accounts (id, status, q) values (3, 'live', 5)");
    // the default still draws from the same sequence, where it left off
    expect((await db.query("select id, n from accounts order by id")).rows).toEqual([
      { id: 1, n: 42 },
      { id: 2, n: 43 },
      { id: 3, n: 44 },
    ]);
    expect((await db.query("select id, t from app.active_accounts order by id")).rows).toEqual([
      { id: 1, t: 43 },
      { id: 3, t: 45 },
    ]);
    expect((await db.query("select s::int from sums")).rows).toEqual([{ s: 6 }]);
    const again = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(desired),
    });
    expect(again.plan.steps.map((step) => step.sql)).toEqual([]);
  });
});

describe("a table moved to another schema, with a sequence it owns (KF-1 of the property test)", () => {
  // The property test's pair: B keeps the sequence behind, unowned, and uses it in a default.
  const owned = [
    "CREATE SCHEMA s;",
    "CREATE SEQUENCE public.items AS smallint;",
    "CREATE TABLE public.t (a integer DEFAULT 42, b integer);",
    "ALTER SEQUENCE public.items OWNED BY public.t.b;",
  ].join("\n");
  const keptBehind = [
    "CREATE SCHEMA s;",
    "CREATE SEQUENCE public.items AS smallint;",
    "-- @renamed-table from=public.t",
    "CREATE TABLE s.t (a integer DEFAULT nextval('public.items'), b integer);",
  ].join("\n");
  const ownedAgain = [
    "CREATE SCHEMA s;",
    "CREATE SEQUENCE public.items AS smallint;",
    "-- @renamed-table from=s.t",
    "CREATE TABLE public.t (a integer DEFAULT 42, b integer);",
    "ALTER SEQUENCE public.items OWNED BY public.t.b;",
  ].join("\n");
  const sequenceOf = async (db: TestDatabase) =>
    (
      await db.query<{ at: string; owner: string | null; last: string }>(
        `select s.oid::regclass::text as at, pg_describe_object(d.refclassid, d.refobjid, d.refobjsubid) as owner,
                q.last_value::text as last
           from pg_class s join pg_sequences q on q.schemaname = s.relnamespace::regnamespace::text and q.sequencename = s.relname
           left join pg_depend d on d.objid = s.oid and d.classid = 'pg_class'::regclass and d.deptype = 'a'
          where s.relname = 'items'`,
      )
    ).rows;

  test("kept behind: released (OWNED BY NONE) before the move and left in place, position kept; and back", async ({
    db,
  }) => {
    await db.query(owned);
    await db.query("select setval('public.items', 7)");
    expect(await roundTrip(scratch(), db, keptBehind)).toEqual([
      "ALTER SEQUENCE items OWNED BY NONE;",
      "ALTER TABLE public.t SET SCHEMA s;",
      "ALTER TABLE s.t ALTER COLUMN a SET DEFAULT nextval('public.items'::regclass);",
    ]);
    expect(await sequenceOf(db)).toEqual([{ at: "items", owner: null, last: "7" }]);
    await db.query("insert into s.t (b) values (1)");
    expect((await db.query("select a from s.t")).rows).toEqual([{ a: 8 }]);

    // and back: the table returns, and owns the sequence again once it is there
    expect(await roundTrip(scratch(), db, ownedAgain)).toEqual([
      "ALTER TABLE s.t SET SCHEMA public;",
      "ALTER TABLE t ALTER COLUMN a SET DEFAULT 42;",
      "ALTER SEQUENCE items OWNED BY t.b;",
    ]);
    expect(await sequenceOf(db)).toEqual([{ at: "items", owner: "column b of table t", last: "8" }]);
  });
});
