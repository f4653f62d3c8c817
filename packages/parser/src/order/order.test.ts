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
});
