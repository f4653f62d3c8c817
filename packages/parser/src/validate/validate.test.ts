import { describe, expect, test } from "vitest";
import { analyzeText, messages } from "../testing/analyze-text.js";

describe("desired state is schema", () => {
  test("DML is rejected with file:line:col and the fix", async () => {
    const desired = await analyzeText(
      "CREATE TABLE t (a int);\nINSERT INTO t VALUES (1);\n  DELETE FROM t;\n",
    );
    expect(messages(desired)).toEqual([
      [
        "schema.sql:2:1: desired state is schema, not data: move this INSERT into a versioned migration (pg-flux push)",
        "  2 | INSERT INTO t VALUES (1);",
        "      ^",
      ].join("\n"),
      [
        "schema.sql:3:3: desired state is schema, not data: move this DELETE into a versioned migration (pg-flux push)",
        "  3 |   DELETE FROM t;",
        "        ^",
      ].join("\n"),
    ]);
  });

  // the materialized views on lines 5 and 6 are views: no problem there
  test("a table made from a query (CREATE TABLE … AS, SELECT … INTO) is data; a materialized view is not", async () => {
    const desired = await analyzeText(
      [
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'select 1';",
        "CREATE TABLE copied AS SELECT f() AS a;",
        "create unlogged table if not exists shaped as table copied with no data;",
        "  SELECT f() AS a INTO selected;",
        "CREATE MATERIALIZED VIEW totals AS SELECT f() AS a WITH DATA;",
        "CREATE MATERIALIZED VIEW empty_totals AS SELECT 1 AS a WITH NO DATA;",
      ].join("\n"),
    );
    const fix =
      "creates a table and fills it with the rows of a query; write it as CREATE TABLE with its columns, and move the rows into a versioned migration (pg-flux push)";
    expect(messages(desired)).toEqual([
      [
        `schema.sql:2:1: desired state is schema, not data: CREATE TABLE … AS ${fix}`,
        "  2 | CREATE TABLE copied AS SELECT f() AS a;",
        "      ^",
      ].join("\n"),
      [
        `schema.sql:3:1: desired state is schema, not data: CREATE TABLE … AS ${fix}`,
        "  3 | create unlogged table if not exists shaped as table copied with no data;",
        "      ^",
      ].join("\n"),
      [
        `schema.sql:4:3: desired state is schema, not data: SELECT … INTO ${fix}`,
        "  4 |   SELECT f() AS a INTO selected;",
        "        ^",
      ].join("\n"),
    ]);
  });

  test.each([
    [
      "TRUNCATE t;",
      "desired state is schema, not data: move this TRUNCATE into a versioned migration (pg-flux push)",
    ],
    [
      "COPY t FROM stdin;",
      "desired state is schema, not data: move this COPY into a versioned migration (pg-flux push)",
    ],
    [
      "UPDATE t SET a = 1;",
      "desired state is schema, not data: move this UPDATE into a versioned migration (pg-flux push)",
    ],
    [
      "WITH x AS (DELETE FROM t RETURNING a) SELECT * FROM x;",
      "desired state is schema, not data: move this WITH into a versioned migration (pg-flux push)",
    ],
    ["BEGIN;", "transaction control (BEGIN) in desired state: pg-flux loads the files itself; remove it"],
    [
      "DROP TABLE other;",
      "DROP TABLE in desired state: the files describe what should exist, so remove the statement (and the object's definition); pg-flux plans the drop",
    ],
    [
      "CREATE DATABASE x;",
      "CREATE DATABASE acts on the whole server, outside the database pg-flux manages: remove it from the desired state",
    ],
    [
      "ALTER SYSTEM SET work_mem = '1MB';",
      "ALTER SYSTEM acts on the whole server, outside the database pg-flux manages: remove it from the desired state",
    ],
    [
      "CREATE TABLESPACE ts LOCATION '/tmp';",
      "CREATE TABLESPACE acts on the whole server, outside the database pg-flux manages: remove it from the desired state",
    ],
  ])("%s is rejected", async (sql, message) => {
    const desired = await analyzeText(`CREATE TABLE t (a int);\n${sql}\n`);
    expect(desired.problems.map((p) => [p.location?.line, p.location?.column, p.message])).toEqual([
      [2, 1, message],
    ]);
  });

  test("role statements are declarations, not run; database-wide ones are still refused", async () => {
    const desired = await analyzeText(
      [
        "CREATE TABLE t (a int);",
        "ALTER TABLE t OWNER TO app_owner;",
        "DO $$ BEGIN",
        "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reader') THEN CREATE ROLE reader; END IF;",
        "END $$;",
        "GRANT SELECT ON t TO reader;",
        "CREATE ROLE writer;",
        "SECURITY LABEL ON ROLE writer IS 'x';",
      ].join("\n"),
    );
    expect(messages(desired)).toEqual([
      [
        "schema.sql:8:1: SECURITY LABEL acts on the whole server, outside the database pg-flux manages: remove it from the desired state",
        "  8 | SECURITY LABEL ON ROLE writer IS 'x';",
        "      ^",
        "  hint: run server-wide statements once, outside pg-flux",
      ].join("\n"),
    ]);
    expect(desired.roles).toEqual(["app_owner", "reader", "writer"]);
    expect(desired.steps.map((step) => step.statement.type)).toEqual([
      "CreateStmt",
      "AlterTableStmt",
      "GrantStmt",
      "SecLabelStmt",
    ]);
  });

  test("accepted: pg_dump preamble, --clean --if-exists drops, DO blocks, queries, drops of own helpers", async () => {
    const desired = await analyzeText(
      [
        "SET statement_timeout = 0;",
        "SELECT pg_catalog.set_config('search_path', '', false);",
        "DROP TABLE IF EXISTS public.t;",
        "SET transaction_timeout = 0;",
        "ALTER TABLE IF EXISTS ONLY public.t DROP CONSTRAINT IF EXISTS t_pkey;",
        "CREATE TABLE public.t (a int);",
        "CREATE FUNCTION public.helper() RETURNS void LANGUAGE sql AS 'select 1';",
        "SELECT public.helper();",
        "DROP FUNCTION public.helper();",
        "DO $$ BEGIN EXECUTE 'CREATE TABLE public.u (a int)'; END $$;",
        "INSERT INTO schema_migrations (version) VALUES ('1');",
      ].join("\n"),
    );
    expect(messages(desired)).toEqual([]);
    // session statements ride along as settings, the IF EXISTS drops and bookkeeping rows are skipped
    // (the timeouts too: pg_dump 17+ writes transaction_timeout, unknown before PostgreSQL 17)
    expect(desired.steps.map((step) => step.statement.location.line)).toEqual([6, 7, 8, 9, 10]);
    expect(desired.steps[0]?.settings.map((s) => s.location.line)).toEqual([2]);
  });
});
