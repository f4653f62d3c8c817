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
        sourceLine: "email text NOT NULL -- @renamed from=email_address",
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
        sourceLine: "-- @renamed-table from=user_accounts",
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
        sourceLine: "  'in_review', -- @renamed-value from='review'",
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
        "  hint: did you mean @renamed-table? use @renamed (where it sits says what it renames), or @renamed-<kind> with kind one of table, index, view, materialized-view, sequence, type, enum, domain, function, procedure, aggregate, policy, trigger, constraint, schema, value, publication, foreign-data-wrapper, server, foreign-table, text-search-parser, text-search-template, text-search-dictionary, text-search-configuration, operator-family, operator-class, operator, conversion, language, rule, statistics, event-trigger",
      ].join("\n"),
    ]);
  });

  test("wrong letter case, _ for -, misspelt: errors with the fix, all reported together", async () => {
    const desired = await analyzeText(
      [
        "-- @Renamed-Table from=accounts",
        "CREATE TABLE users (",
        "  id int, -- @Renamed from=uid",
        "  email text, -- @renamd from=mail",
        "  nick text, /* @RENAMED_COLUMN from=nickname */",
        "  name text -- @rename from=full_name",
        ");",
      ].join("\n"),
    );
    expect(messages(desired)).toEqual([
      [
        "schema.sql:1:4: unknown hint @Renamed-Table: hint keywords are lower case",
        "  1 | -- @Renamed-Table from=accounts",
        "         ^",
        "  hint: write @renamed-table",
      ].join("\n"),
      [
        "schema.sql:3:14: unknown hint @Renamed: hint keywords are lower case",
        "  3 |   id int, -- @Renamed from=uid",
        "                   ^",
        "  hint: write @renamed",
      ].join("\n"),
      expect.stringMatching(
        /^schema\.sql:4:18: unknown hint @renamd\n.*\n.*\^\n {2}hint: did you mean @renamed\? /,
      ),
      expect.stringMatching(
        /^schema\.sql:5:17: unknown hint @RENAMED_COLUMN: hint keywords use -, not _\n[\s\S]*hint: write @renamed-column$/,
      ),
      expect.stringMatching(/^schema\.sql:6:16: unknown hint @rename\n[\s\S]*hint: did you mean @renamed\? /),
    ]);
    expect(desired.hints).toEqual([]);
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

  test("ordinary comments that only mention a word like it, or an address, are not hints", async () => {
    const desired = await analyzeText(
      "-- @author: team\nCREATE TABLE t (\n  a int, -- renamed from b last year\n  b int -- @resolved later\n);",
    );
    expect(desired.problems).toEqual([]);
    expect(desired.hints).toEqual([]);
  });
});

describe("sqldef's placements: bare @renamed inside the statement, -- or /* */", () => {
  const pairs = async (sql: string) => {
    const desired = await analyzeText(sql);
    expect(messages(desired)).toEqual([]);
    return desired.hints.map((hint) => [
      hint.kind,
      hint.targetId,
      hint.fromId,
      ...(hint.value === undefined ? [] : [hint.value, hint.from.name]),
    ]);
  };

  test.each([
    [
      "CREATE TABLE users ( -- @renamed from=user_accounts\n  id int\n);",
      "table:public.users",
      "table:public.user_accounts",
    ],
    [
      "CREATE TABLE new_users /* @renamed from=old_users */ (\n  id int\n);",
      "table:public.new_users",
      "table:public.old_users",
    ],
    [
      'CREATE TABLE "UserAccounts" ( -- @renamed from=user_accounts\n  id int\n);',
      "table:public.UserAccounts",
      "table:public.user_accounts",
    ],
    [
      'CREATE TABLE user_accounts ( -- @renamed from="UserAccounts"\n  id int\n);',
      "table:public.user_accounts",
      "table:public.UserAccounts",
    ],
    [
      "CREATE TABLE users ( -- @renamed-table from=accounts\n  id int\n);",
      "table:public.users",
      "table:public.accounts",
    ],
    [
      "CREATE TABLE users -- @renamed from=accounts\n(\n  id int\n);",
      "table:public.users",
      "table:public.accounts",
    ],
    [
      "CREATE SCHEMA s;\nCREATE INDEX new_idx /* @renamed from=old_idx */ ON s.users (email);",
      "index:s.new_idx",
      "index:s.old_idx",
    ],
    [
      "CREATE INDEX CONCURRENTLY IF NOT EXISTS new_idx -- @renamed from=old_idx\n  ON users (email);",
      "index:public.new_idx",
      "index:public.old_idx",
    ],
    [
      "CREATE TYPE order_status /* @renamed from=order_state */ AS ENUM ('pending');",
      "type:public.order_status",
      "type:public.order_state",
    ],
    [
      "CREATE TYPE order_status -- @renamed from=order_state\nAS ENUM ('pending');",
      "type:public.order_status",
      "type:public.order_state",
    ],
    [
      "CREATE TYPE order_status AS ENUM ( /* @renamed from=order_state */ 'pending');",
      "type:public.order_status",
      "type:public.order_state",
    ],
    [
      "CREATE TYPE order_status AS ENUM ( -- @renamed from=order_state\n  'pending'\n);",
      "type:public.order_status",
      "type:public.order_state",
    ],
    [
      "CREATE TYPE order_status AS ENUM (\n  /* @renamed from=order_state */\n  'pending'\n);",
      "type:public.order_status",
      "type:public.order_state",
    ],
    [
      "CREATE TYPE status /* @renamed from=order_state */ AS ENUM ('pending');",
      "type:public.status",
      "type:public.order_state",
    ],
    [
      "CREATE SCHEMA s;\nCREATE TYPE s.item_status /* @renamed from=item_state */ AS ENUM ('a');",
      "type:s.item_status",
      "type:s.item_state",
    ],
    ["CREATE TYPE pair /* @renamed from=couple */ AS (a int);", "type:public.pair", "type:public.couple"],
    ["CREATE VIEW v /* @renamed from=old_v */ AS SELECT 1;", "view:public.v", "view:public.old_v"],
    ["CREATE SEQUENCE s -- @renamed from=old_s\n  START 5;", "sequence:public.s", "sequence:public.old_s"],
    [
      "CREATE FUNCTION f /* @renamed from=g */ (a int) RETURNS int LANGUAGE sql AS 'select 1';",
      "function:public.f(a integer)",
      "function:public.g(a integer)",
    ],
    [
      "/* @renamed-table from=accounts */\nCREATE TABLE users (id int);",
      "table:public.users",
      "table:public.accounts",
    ],
    [
      "/* @renamed-table from=accounts */ CREATE TABLE users (id int);",
      "table:public.users",
      "table:public.accounts",
    ],
  ])("%s", async (sql, targetId, fromId) => {
    expect((await pairs(sql)).map(([, target, from]) => [target, from])).toEqual([[targetId, fromId]]);
  });

  test("trailing a named table constraint, bare @renamed renames the constraint", async () => {
    expect(
      await pairs(
        "CREATE TABLE users (\n  email text,\n  CONSTRAINT unique_email UNIQUE (email) -- @renamed from=old_unique_email\n);",
      ),
    ).toEqual([
      ["constraint", "constraint:public.users.unique_email", "constraint:public.users.old_unique_email"],
    ]);
  });

  test("trailing an enum label, bare @renamed renames the label (bare labels keep their case)", async () => {
    expect(
      await pairs(
        [
          "CREATE TYPE level AS ENUM (",
          "  'minor', -- @renamed from=Low",
          "  'normal' /* @renamed from=medium */,",
          "  'critical' /* @renamed from='high' */",
          ");",
          "CREATE TYPE pair AS ENUM ('a' /* @renamed from=x */, 'b' /* @renamed from=y */);",
        ].join("\n"),
      ),
    ).toEqual([
      ["value", "type:public.level", "type:public.level", "minor", "Low"],
      ["value", "type:public.level", "type:public.level", "normal", "medium"],
      ["value", "type:public.level", "type:public.level", "critical", "high"],
      ["value", "type:public.pair", "type:public.pair", "a", "x"],
      ["value", "type:public.pair", "type:public.pair", "b", "y"],
    ]);
  });

  test("a type rename and a label rename in one statement; a table and a column rename", async () => {
    expect(
      await pairs(
        [
          "CREATE TYPE order_status /* @renamed from=order_state */ AS ENUM (",
          "  'pending',",
          "  'shipped' /* @renamed from=shipping */",
          ");",
          "CREATE TABLE accounts ( -- @renamed from=old_accounts",
          "  username text, -- @renamed from=user_name",
          "  b int /* @renamed from=c */, d int",
          ");",
        ].join("\n"),
      ),
    ).toEqual([
      ["type", "type:public.order_status", "type:public.order_state"],
      ["value", "type:public.order_status", "type:public.order_status", "shipped", "shipping"],
      ["table", "table:public.accounts", "table:public.old_accounts"],
      ["column", "column:public.accounts.username", "column:public.accounts.user_name"],
      ["column", "column:public.accounts.b", "column:public.accounts.c"],
    ]);
  });

  test("views, routines, aggregates, policies and triggers: above the statement or after the name", async () => {
    expect(
      await pairs(
        [
          "-- @renamed-view from=legacy.active_accounts",
          "CREATE VIEW app.active_users AS SELECT 1 AS id;",
          "CREATE MATERIALIZED VIEW day_totals /* @renamed from=daily_totals */ AS SELECT 1 AS n;",
          "-- @renamed-procedure from=purge_old",
          "CREATE PROCEDURE purge(days integer) LANGUAGE sql AS 'select 1';",
          "CREATE AGGREGATE sum_all /* @renamed from=total */ (integer) (sfunc = int4pl, stype = integer);",
          "-- @renamed-aggregate from=how_many",
          "CREATE AGGREGATE n(*) (sfunc = int8inc, stype = bigint);",
          "-- @renamed-policy from=accounts_read",
          "CREATE POLICY accounts_select ON app.accounts FOR SELECT USING (true);",
          "CREATE TRIGGER accounts_touched /* @renamed from=accounts_touch */ BEFORE UPDATE ON accounts",
          "  FOR EACH ROW EXECUTE FUNCTION touch();",
        ].join("\n"),
      ),
    ).toEqual([
      ["view", "view:app.active_users", "view:legacy.active_accounts"],
      ["materialized_view", "materialized_view:public.day_totals", "materialized_view:public.daily_totals"],
      ["function", "function:public.purge(days integer)", "function:public.purge_old(days integer)"],
      ["aggregate", "aggregate:public.sum_all(integer)", "aggregate:public.total(integer)"],
      ["aggregate", "aggregate:public.n()", "aggregate:public.how_many()"],
      ["policy", "policy:app.accounts.accounts_select", "policy:app.accounts.accounts_read"],
      ["trigger", "trigger:public.accounts.accounts_touched", "trigger:public.accounts.accounts_touch"],
    ]);
  });

  const errors = async (sql: string) =>
    (await analyzeText(sql)).problems.map((p) => `${p.location?.line}:${p.location?.column}: ${p.message}`);

  test.each([
    [
      "CREATE /* @renamed from=order_state */ TYPE order_status AS ENUM ('a');",
      "1:11: @renamed must trail an enum label on the same line, or directly follow the type name",
    ],
    [
      "CREATE TYPE /* @renamed from=order_state */ order_status AS ENUM ('a');",
      "1:16: @renamed must trail an enum label on the same line, or directly follow the type name",
    ],
    [
      "CREATE TYPE order_status AS /* @renamed from=order_state */ ENUM ('a');",
      "1:32: @renamed must trail an enum label on the same line, or directly follow the type name",
    ],
    [
      "CREATE TYPE order_status AS ENUM /* @renamed from=order_state */ ('a');",
      "1:37: @renamed must trail an enum label on the same line, or directly follow the type name",
    ],
    [
      "CREATE INDEX i ON t /* @renamed from=j */ (a);",
      "1:24: @renamed inside CREATE INDEX must directly follow the name of the object it renames",
    ],
    [
      "CREATE VIEW v AS SELECT 1 AS v /* @renamed from=w */;",
      "1:35: @renamed inside CREATE VIEW must directly follow the name of the object it renames",
    ],
    [
      "CREATE TABLE t (\n  -- @renamed from=x\n  a int\n);",
      "2:6: @renamed on its own line at the start of CREATE TABLE is ambiguous: it could be meant for the table or for the first column",
    ],
    [
      "CREATE TABLE t ( -- @renamed-index from=x\n  a int\n);",
      "1:21: @renamed-index does not apply to CREATE TABLE",
    ],
    [
      "CREATE TABLE t (\n  a int -- @renamed-table from=x\n);",
      "2:12: @renamed-table inside CREATE TABLE must directly follow the name it renames",
    ],
    [
      "-- @renamed from=x\nCREATE TABLE t (a int);",
      "1:4: @renamed above a statement needs a kind: write @renamed-<kind> (@renamed-table, @renamed-index, …)",
    ],
    [
      "CREATE TYPE s /* @renamed from=a */ AS ENUM ( /* @renamed from=b */ 'x');",
      "1:50: two hints rename type:public.s (the other is at schema.sql:1:18)",
    ],
    [
      "CREATE TABLE t (a int /* @renamed from=x.y */);",
      "1:26: malformed hint: @renamed takes a plain name, not x.y",
    ],
    [
      "-- @renamed-policy from=app.p\nCREATE POLICY q ON t USING (true);",
      "1:4: malformed hint: @renamed-policy takes a plain name, not app.p",
    ],
    [
      "-- @renamed-trigger from=x\nCREATE POLICY q ON t USING (true);",
      "1:4: @renamed-trigger does not apply to CREATE POLICY",
    ],
  ])("%s", async (sql, message) => {
    expect(await errors(sql)).toEqual([message]);
  });
});

describe("role rename hints (--manage-roles)", () => {
  test("above CREATE ROLE, above the DO idiom, and right after the role's name", async () => {
    const desired = await analyzeText(
      [
        "-- @renamed-role from=old_app",
        "CREATE ROLE app LOGIN;",
        "-- @renamed-role from=old_reader",
        "DO $$ BEGIN CREATE ROLE reader NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;",
        "CREATE ROLE writer -- @renamed from=old_writer",
        "  NOLOGIN;",
      ].join("\n"),
    );
    expect(messages(desired)).toEqual([]);
    expect(desired.hints.map((hint) => [hint.kind, hint.targetId, hint.fromId, hint.location.line])).toEqual([
      ["role", "role:app", "role:old_app", 1],
      ["role", "role:reader", "role:old_reader", 3],
      ["role", "role:writer", "role:old_writer", 5],
    ]);
  });

  test("a qualified old name, or a role hint above another statement, is a problem", async () => {
    const desired = await analyzeText(
      [
        "-- @renamed-role from=a.b",
        "CREATE ROLE app;",
        "-- @renamed-role from=x",
        "CREATE TABLE t (id int);",
      ].join("\n"),
    );
    expect(messages(desired).map((m) => m.split("\n")[0])).toEqual([
      "schema.sql:1:4: @renamed-role from=a.b: a role belongs to no schema",
      "schema.sql:3:4: @renamed-role does not apply to CREATE TABLE",
    ]);
  });
});

describe("hints on the definition kinds (publications, servers, text search objects, operator classes, …)", () => {
  test("each kind's @renamed-<kind> above its CREATE, and bare @renamed right after its name", async () => {
    const desired = await analyzeText(
      [
        "CREATE SCHEMA app;",
        "CREATE TABLE t (id int);",
        "-- @renamed-publication from=to_wh",
        "CREATE PUBLICATION warehouse FOR TABLE t;",
        "CREATE FOREIGN DATA WRAPPER stub /* @renamed from=dummy */;",
        "-- @renamed-server from=remote",
        "CREATE SERVER wh FOREIGN DATA WRAPPER stub;",
        "-- @renamed-foreign-table from=public.remote_users",
        "CREATE FOREIGN TABLE app.users (id int) SERVER wh;",
        "-- @renamed-text-search-configuration from=simple_docs",
        "CREATE TEXT SEARCH CONFIGURATION app.plain (PARSER = default);",
        "CREATE TEXT SEARCH DICTIONARY app.nostop /* @renamed from=app.stop */ (TEMPLATE = simple);",
        "-- @renamed-operator-family from=abs_ops",
        "CREATE OPERATOR FAMILY app.abs_fam USING btree;",
        "-- @renamed-operator-class from=abs_ops",
        "CREATE OPERATOR CLASS app.abs_int_ops FOR TYPE int USING btree FAMILY app.abs_fam AS OPERATOR 1 <;",
        "-- @renamed-operator from=public.===",
        "CREATE OPERATOR app.=== (LEFTARG = int, RIGHTARG = int, FUNCTION = int4eq);",
        "-- @renamed-conversion from=old_conv",
        "CREATE CONVERSION new_conv FOR 'UTF8' TO 'LATIN1' FROM utf8_to_iso8859_1;",
        "CREATE LANGUAGE plnew /* @renamed from=plold */ HANDLER plpgsql_call_handler;",
        "-- @renamed-rule from=keep",
        "CREATE RULE no_delete AS ON DELETE TO t DO INSTEAD NOTHING;",
      ].join("\n"),
    );
    expect(messages(desired)).toEqual([]);
    expect(desired.hints.map((hint) => [hint.kind, hint.fromId, hint.targetId])).toEqual([
      ["publication", "publication:to_wh", "publication:warehouse"],
      ["foreign_data_wrapper", "foreign_data_wrapper:dummy", "foreign_data_wrapper:stub"],
      ["foreign_server", "foreign_server:remote", "foreign_server:wh"],
      ["foreign_table", "foreign_table:public.remote_users", "foreign_table:app.users"],
      [
        "text_search_configuration",
        "text_search_configuration:app.simple_docs",
        "text_search_configuration:app.plain",
      ],
      ["text_search_dictionary", "text_search_dictionary:app.stop", "text_search_dictionary:app.nostop"],
      ["operator_family", "operator_family:app.abs_ops(btree)", "operator_family:app.abs_fam(btree)"],
      ["operator_class", "operator_class:app.abs_ops(btree)", "operator_class:app.abs_int_ops(btree)"],
      ["operator", "operator:public.===(integer, integer)", "operator:app.===(integer, integer)"],
      ["conversion", "conversion:public.old_conv", "conversion:public.new_conv"],
      ["language", "language:plold", "language:plnew"],
      ["rule", "rule:public.t.keep", "rule:public.t.no_delete"],
    ]);
  });

  test("an operator's new name, a schema on a database-wide kind, and hints on kinds with no name are errors at the hint", async () => {
    const desired = await analyzeText(
      [
        "-- @renamed-operator from=<<<",
        "CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = int4eq);",
        "-- @renamed-server from=app.remote",
        "CREATE SERVER wh FOREIGN DATA WRAPPER stub;",
        "-- @renamed-cast from=x",
        "CREATE CAST (int AS text) WITH INOUT;",
        "CREATE CAST (bigint AS text) /* @renamed from=y */ WITH INOUT;",
        "-- @renamed-function from=m",
        "CREATE USER MAPPING FOR PUBLIC SERVER wh;",
        "-- @renamed-access-method from=old_am",
        "CREATE ACCESS METHOD new_am TYPE INDEX HANDLER bthandler;",
        "-- @renamed-transform from=t",
        "CREATE TABLE t (id int);",
      ].join("\n"),
    );
    expect(messages(desired).map((m) => m.split("\n")[0])).toEqual([
      "schema.sql:1:4: @renamed-operator from=<<<: an operator cannot be renamed — PostgreSQL has no ALTER OPERATOR … RENAME TO, only SET SCHEMA",
      "schema.sql:3:4: malformed hint: @renamed-server takes a plain name, not app.remote",
      "schema.sql:5:4: @renamed-cast: a cast has no name (it is identified by its source and target types), so there is nothing to rename",
      "schema.sql:7:33: @renamed cannot rename CREATE CAST: a cast has no name (it is identified by its source and target types), so there is nothing to rename",
      "schema.sql:8:4: @renamed-function cannot rename CREATE USER MAPPING: a user mapping has no name (it is identified by its role and server; it follows its server's rename, @renamed-server)",
      "schema.sql:10:4: @renamed-access-method: PostgreSQL has no ALTER ACCESS METHOD: an access method cannot be renamed in place",
      "schema.sql:12:4: @renamed-transform: a transform has no name (it is identified by its type and language), so there is nothing to rename",
    ]);
  });
});

test("statistics and event triggers: above the statement or right after the name", async () => {
  const desired = await analyzeText(
    [
      "CREATE TABLE t (a int, b int);",
      "-- @renamed-statistics from=public.t_ab",
      "CREATE STATISTICS app.t_a_b ON a, b FROM t;",
      "CREATE EVENT TRIGGER ddl_audit /* @renamed from=audit */ ON ddl_command_end EXECUTE FUNCTION f();",
    ].join("\n"),
  );
  expect(messages(desired)).toEqual([]);
  expect(desired.hints.map((hint) => [hint.kind, hint.fromId, hint.targetId])).toEqual([
    ["statistics", "statistics:public.t_ab", "statistics:app.t_a_b"],
    ["event_trigger", "event_trigger:audit", "event_trigger:ddl_audit"],
  ]);
});
