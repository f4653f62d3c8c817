import { describe, expect, test } from "vitest";
import { analyzeText, messages } from "../testing/analyze-text.js";

describe("seed hint examples", () => {
  test("column rename: trailing @renamed", async () => {
    const desired = await analyzeText(
      [
        "CREATE TABLE users (",
        "id bigint PRIMARY KEY,",
        "email text NOT NULL -- @renamed from=email_address",
        ");",
      ].join("\n"),
    );
    expect(messages(desired)).toEqual([]);
    expect(desired.hints).toEqual([
      {
        kind: "column",
        targetId: "column:public.users.email",
        fromId: "column:public.users.email_address",
        from: { name: "email_address" },
        table: { schema: "public", name: "users" },
        location: { file: "schema.sql", line: 3, column: 24 },
      },
    ]);
  });

  test("column rename: hint after the comma, and leading-comma style", async () => {
    const desired = await analyzeText(
      [
        "CREATE TABLE users (",
        "  id bigint PRIMARY KEY,",
        "  email text NOT NULL, -- @renamed from=email_address",
        "  name text",
        '  , nick text -- @renamed from="Nick Name"',
        ");",
      ].join("\n"),
    );
    expect(messages(desired)).toEqual([]);
    expect(desired.hints.map((hint) => [hint.targetId, hint.fromId])).toEqual([
      ["column:public.users.email", "column:public.users.email_address"],
      ["column:public.users.nick", "column:public.users.Nick Name"],
    ]);
  });

  test("table rename: @renamed-table above CREATE TABLE", async () => {
    const desired = await analyzeText(
      [
        "-- @renamed-table from=user_accounts",
        "CREATE TABLE users (",
        "id bigint PRIMARY KEY,",
        "email text NOT NULL",
        ");",
      ].join("\n"),
    );
    expect(messages(desired)).toEqual([]);
    expect(desired.hints).toEqual([
      {
        kind: "table",
        targetId: "table:public.users",
        fromId: "table:public.user_accounts",
        from: { name: "user_accounts" },
        location: { file: "schema.sql", line: 1, column: 4 },
      },
    ]);
  });

  test("schema move: from=public.users above CREATE TABLE app.users", async () => {
    const desired = await analyzeText(
      "CREATE SCHEMA app;\n-- @renamed-table from=public.users\nCREATE TABLE app.users (id int);",
    );
    expect(desired.hints.map((hint) => [hint.targetId, hint.fromId, hint.from])).toEqual([
      ["table:app.users", "table:public.users", { schema: "public", name: "users" }],
    ]);
  });

  test("enum value: @renamed-value trailing the label", async () => {
    const desired = await analyzeText(
      [
        "CREATE TYPE status AS ENUM (",
        "  'draft',",
        "  'in_review', -- @renamed-value from='review'",
        "  'published'",
        ");",
      ].join("\n"),
    );
    expect(messages(desired)).toEqual([]);
    expect(desired.hints).toEqual([
      {
        kind: "value",
        targetId: "type:public.status",
        fromId: "type:public.status",
        from: { name: "review" },
        value: "in_review",
        location: { file: "schema.sql", line: 3, column: 19 },
      },
    ]);
  });
});

describe("other kinds", () => {
  test.each([
    [
      "-- @renamed-index from=old_idx\nCREATE INDEX new_idx ON t (a);",
      "index:public.new_idx",
      "index:public.old_idx",
    ],
    ["-- @renamed-view from=v_old\nCREATE VIEW v AS SELECT 1;", "view:public.v", "view:public.v_old"],
    [
      "-- @renamed-materialized-view from=mv_old\nCREATE MATERIALIZED VIEW mv AS SELECT 1;",
      "materialized_view:public.mv",
      "materialized_view:public.mv_old",
    ],
    ["-- @renamed-sequence from=s_old\nCREATE SEQUENCE s;", "sequence:public.s", "sequence:public.s_old"],
    [
      "-- @renamed-type from=mood_old\nCREATE TYPE mood AS ENUM ('a');",
      "type:public.mood",
      "type:public.mood_old",
    ],
    [
      "-- @renamed-enum from=mood_old\nCREATE TYPE mood AS ENUM ('a');",
      "type:public.mood",
      "type:public.mood_old",
    ],
    [
      "-- @renamed-type from=pair_old\nCREATE TYPE pair AS (a int, b text);",
      "type:public.pair",
      "type:public.pair_old",
    ],
    ["-- @renamed-type from=d_old\nCREATE DOMAIN d AS int;", "type:public.d", "type:public.d_old"],
    [
      "-- @renamed-function from=add_old\nCREATE FUNCTION add(a int, b bigint) RETURNS int LANGUAGE sql AS 'select 1';",
      "function:public.add(a integer, b bigint)",
      "function:public.add_old(a integer, b bigint)",
    ],
    ["-- @renamed-schema from=legacy\nCREATE SCHEMA app;", "schema:app", "schema:legacy"],
    [
      "-- @renamed-constraint from=t_a_check\nALTER TABLE t ADD CONSTRAINT t_a_positive CHECK (a > 0);",
      "constraint:public.t.t_a_positive",
      "constraint:public.t.t_a_check",
    ],
    [
      "CREATE TABLE t (\n  a int,\n  CONSTRAINT t_a_positive CHECK (a > 0) -- @renamed-constraint from=t_a_check\n);",
      "constraint:public.t.t_a_positive",
      "constraint:public.t.t_a_check",
    ],
    [
      'SET search_path = app;\n-- @renamed-table from="Old"\nCREATE TABLE t (a int);',
      "table:app.t",
      "table:app.Old",
    ],
  ])("%s", async (sql, targetId, fromId) => {
    const desired = await analyzeText(sql);
    expect(messages(desired)).toEqual([]);
    expect(desired.hints.map((hint) => [hint.targetId, hint.fromId])).toEqual([[targetId, fromId]]);
  });
});

describe("hint errors name file, line and column", () => {
  test("unknown kind", async () => {
    const desired = await analyzeText("-- @renamed-tabel from=x\nCREATE TABLE t (a int);");
    expect(messages(desired)).toEqual([
      [
        "schema.sql:1:4: unknown hint @renamed-tabel",
        "  1 | -- @renamed-tabel from=x",
        "         ^",
        "  hint: use @renamed for a column, or @renamed-<kind> with kind one of table, index, view, materialized-view, sequence, type, enum, domain, function, procedure, constraint, schema, value",
      ].join("\n"),
    ]);
  });

  test("malformed hint", async () => {
    const desired = await analyzeText("CREATE TABLE t (\n  a int -- @renamed to=b\n);");
    expect(messages(desired)).toEqual([
      [
        "schema.sql:2:12: malformed hint: expected from=<old name> after @renamed",
        "  2 |   a int -- @renamed to=b",
        "                 ^",
        "  hint: write @renamed from=old_name",
      ].join("\n"),
    ]);
  });

  test("unterminated quoted name", async () => {
    const desired = await analyzeText('CREATE TABLE t (\n  a int -- @renamed from="Old\n);');
    expect(desired.problems.map((p) => p.message)).toEqual([
      'malformed hint: unterminated quoted name in @renamed from="Old',
    ]);
  });

  test("two hints claiming the same source", async () => {
    const desired = await analyzeText(
      "CREATE TABLE t (\n  a int, -- @renamed from=old\n  b int -- @renamed from=old\n);",
    );
    expect(messages(desired)).toEqual([
      [
        "schema.sql:3:12: two hints claim the same source column:public.t.old (the other is at schema.sql:2:13)",
        "  hint: an object can be renamed to one new name only: remove one of the hints",
      ].join("\n"),
    ]);
  });

  test("object hint not directly above its statement", async () => {
    const desired = await analyzeText("-- @renamed-table from=x\n\nCREATE TABLE t (a int);");
    expect(desired.problems.map((p) => `${p.location?.line}:${p.location?.column}: ${p.message}`)).toEqual([
      "1:4: @renamed-table is not directly above a statement",
    ]);
  });

  test("kind does not match the statement", async () => {
    const desired = await analyzeText("-- @renamed-index from=x\nCREATE TABLE t (a int);");
    expect(desired.problems.map((p) => `${p.location?.line}:${p.location?.column}: ${p.message}`)).toEqual([
      "1:4: @renamed-index does not apply to CREATE TABLE",
    ]);
  });

  test("column hint on its own line", async () => {
    const desired = await analyzeText("CREATE TABLE t (\n  a int,\n  -- @renamed from=x\n  b int\n);");
    expect(desired.problems.map((p) => `${p.location?.line}:${p.location?.column}: ${p.message}`)).toEqual([
      "3:6: @renamed must trail the column definition on the same line, not stand on its own line",
    ]);
  });
});

describe("where hints are not", () => {
  test("comments inside function bodies and string literals are not hints", async () => {
    const desired = await analyzeText(
      [
        "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$",
        "BEGIN",
        "  -- @renamed-table from=nope",
        "  RETURN 1;",
        "END $$;",
        "CREATE FUNCTION g() RETURNS int LANGUAGE sql",
        "BEGIN ATOMIC",
        "  -- @renamed from=nope",
        "  SELECT 1;",
        "END;",
        "COMMENT ON FUNCTION f() IS '-- @renamed from=nope';",
        "CREATE TABLE t (a text DEFAULT '-- @renamed from=nope');",
      ].join("\n"),
    );
    expect(messages(desired)).toEqual([]);
    expect(desired.hints).toEqual([]);
  });

  test("keywords are case-sensitive: @Renamed is an ordinary comment", async () => {
    const desired = await analyzeText("CREATE TABLE t (\n  a int -- @Renamed from=b\n);");
    expect(desired.problems).toEqual([]);
    expect(desired.hints).toEqual([]);
  });
});
