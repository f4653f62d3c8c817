import { describe, expect, test } from "vitest";
import { analyzeFiles } from "../testing/analyze-text.js";

describe("load order", () => {
  test("files in reverse dependency order load in dependency order", async () => {
    const desired = await analyzeFiles({
      "a_views.sql": "CREATE VIEW app.active_users AS SELECT id FROM app.users WHERE app.is_active(status);",
      "b_functions.sql":
        "CREATE FUNCTION app.is_active(s app.status) RETURNS boolean LANGUAGE sql AS $$ select s = 'active' $$;",
      "c_tables.sql":
        "CREATE TABLE app.users (id int PRIMARY KEY, status app.status, team int REFERENCES app.teams (id));\nCREATE TABLE app.teams (id int PRIMARY KEY);",
      "d_types.sql": "CREATE TYPE app.status AS ENUM ('active', 'gone');",
      "e_schema.sql": "CREATE SCHEMA app;",
    });
    expect(desired.problems).toEqual([]);
    expect(desired.steps.map((step) => step.statement.script.sql.slice(0, 30))).toEqual([
      "CREATE SCHEMA app",
      "CREATE TYPE app.status AS ENUM",
      "CREATE FUNCTION app.is_active(",
      "CREATE TABLE app.teams (id int",
      "CREATE TABLE app.users (id int",
      "CREATE VIEW app.active_users A",
    ]);
  });

  test("each step carries the search_path in effect where it was written", async () => {
    const desired = await analyzeFiles({
      "a.sql": "SET search_path = app;\nCREATE VIEW v AS SELECT * FROM t;",
      "b.sql": "CREATE SCHEMA app;\nSET search_path = app;\nCREATE TABLE t (a int);",
    });
    expect(desired.problems).toEqual([]);
    expect(
      desired.steps.map((step) => [step.statement.script.sql, step.settings.map((s) => s.script.sql)]),
    ).toEqual([
      ["CREATE SCHEMA app", ["SET search_path = app"]],
      ["CREATE TABLE t (a int)", ["SET search_path = app"]],
      ["CREATE VIEW v AS SELECT * FROM t", ["SET search_path = app"]],
    ]);
  });

  test("pg_dump --clean's DROP … IF EXISTS preamble pulls nothing ahead of its place", async () => {
    // Visited from the DROP INDEX, CREATE INDEX … ON ONLY m1 would run before the ATTACH PARTITION,
    // which would then build m1_2024's index itself; the dump's CREATE INDEX m1_2024_d_idx would fail.
    const desired = await analyzeFiles({
      "dump.sql": [
        "SELECT pg_catalog.set_config('search_path', '', false);",
        "DROP INDEX IF EXISTS public.m1_d_idx;",
        "DROP TABLE IF EXISTS public.m1_2024;",
        "DROP TABLE IF EXISTS public.m1;",
        "CREATE TABLE public.m1 (id integer, d date) PARTITION BY RANGE (d);",
        "CREATE TABLE public.m1_2024 (id integer, d date);",
        "ALTER TABLE ONLY public.m1 ATTACH PARTITION public.m1_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');",
        "CREATE INDEX m1_d_idx ON ONLY public.m1 USING btree (d);",
        "CREATE INDEX m1_2024_d_idx ON public.m1_2024 USING btree (d);",
        "ALTER INDEX public.m1_d_idx ATTACH PARTITION public.m1_2024_d_idx;",
      ].join("\n"),
    });
    expect(desired.problems).toEqual([]);
    expect(desired.steps.map((step) => step.statement.script.sql.slice(0, 40))).toEqual([
      "CREATE TABLE public.m1 (id integer, d da",
      "CREATE TABLE public.m1_2024 (id integer,",
      "ALTER TABLE ONLY public.m1 ATTACH PARTIT",
      "CREATE INDEX m1_d_idx ON ONLY public.m1 ",
      "CREATE INDEX m1_2024_d_idx ON public.m1_",
      "ALTER INDEX public.m1_d_idx ATTACH PARTI",
    ]);
  });
});
