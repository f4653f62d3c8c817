import { describe, expect, test } from "vitest";
import { analyzeText, messages } from "../testing/analyze-text.js";

/** [statement, its verb, the plural the message names] */
const REFUSED: readonly (readonly [string, string, string])[] = [];

describe("object kinds pg-flux does not manage are refused, never loaded and dropped silently", () => {
  test.each(REFUSED)("%s", async (sql, verb, plural) => {
    const desired = await analyzeText(`CREATE TABLE t (a int, b int);\n${sql}\n`);
    expect(desired.problems.map((p) => [p.location?.line, p.location?.column, p.message])).toEqual([
      [
        2,
        1,
        `${verb}: pg-flux does not manage ${plural}: the statement would run in the scratch database and then be left out of every plan; remove it from the desired state`,
      ],
    ]);
  });

  test("the error reads like a compiler error, with the fix", async () => {
    // subscriptions stay out for good (every other kind is managed or on its way): the example
    const desired = await analyzeText(
      "CREATE TABLE t (a int);\n\n  CREATE SUBSCRIPTION s CONNECTION 'dbname=x' PUBLICATION p;\n",
    );
    expect(messages(desired)).toEqual([
      [
        "schema.sql:3:3: CREATE SUBSCRIPTION: subscriptions stay out of the desired state: one holds a live connection string (often with a password) to another server and starts copying data when created; remove it from the desired state",
        "  3 |   CREATE SUBSCRIPTION s CONNECTION 'dbname=x' PUBLICATION p;",
        "        ^",
        "  hint: create and change subscriptions by hand on each subscriber, once, outside pg-flux",
      ].join("\n"),
    ]);
  });

  test("a subscription is refused with its reason: it holds a live connection string", async () => {
    const desired = await analyzeText(
      "CREATE TABLE t (a int);\nCREATE SUBSCRIPTION s CONNECTION 'host=x password=secret' PUBLICATION p;\n",
    );
    expect(desired.problems.map((p) => [p.location?.line, p.message, p.hint])).toEqual([
      [
        2,
        "CREATE SUBSCRIPTION: subscriptions stay out of the desired state: one holds a live connection string (often with a password) to another server and starts copying data when created; remove it from the desired state",
        "create and change subscriptions by hand on each subscriber, once, outside pg-flux",
      ],
    ]);
  });

  test("inside a DO block too", async () => {
    const desired = await analyzeText(
      "CREATE TABLE t (a int);\nDO $$ BEGIN EXECUTE 'CREATE SUBSCRIPTION s CONNECTION ''dbname=x'' PUBLICATION p'; END $$;\n",
    );
    expect(desired.problems.map((p) => [p.location?.line, p.message])).toEqual([
      [
        2,
        "DO block running CREATE SUBSCRIPTION: subscriptions stay out of the desired state: one holds a live connection string (often with a password) to another server and starts copying data when created; remove it from the desired state",
      ],
    ]);
  });

  const notCreated = (verb: string, name: string) =>
    `${verb}: language ${name} is not created by the desired state: it is an extension's (plpgsql, plperl, …) or built into PostgreSQL (c, sql, internal), and pg-flux manages the grants of the languages the files create only; the statement would run in the scratch database and then be left out of every plan; remove it from the desired state`;

  test.each([
    ["GRANT USAGE ON LANGUAGE plpgsql TO app;", "GRANT USAGE", "plpgsql"],
    ["REVOKE ALL ON LANGUAGE sql FROM PUBLIC;", "REVOKE ALL", "sql"],
    // one language the files create does not let the other through
    ["GRANT USAGE ON LANGUAGE plfoo, plperl TO app;", "GRANT USAGE", "plperl"],
  ])(
    "a grant on a language the files do not create is refused at its location: %s",
    async (sql, verb, name) => {
      const desired = await analyzeText(
        `CREATE TRUSTED LANGUAGE plfoo HANDLER plpgsql_call_handler;\n\n  ${sql}\n`,
      );
      expect(messages(desired)).toEqual([
        [
          `schema.sql:3:3: ${notCreated(verb, name)}`,
          `  3 |   ${sql}`,
          "        ^",
          "  hint: keep the statement in a versioned migration run by `pg-flux push` (docs/push.md), outside the desired state; pg-flux leaves the live grants of such a language alone",
        ].join("\n"),
      ]);
    },
  );

  test("a grant on an extension's language inside a DO block too", async () => {
    const desired = await analyzeText(
      "CREATE TABLE t (a int);\nDO $$ BEGIN EXECUTE 'REVOKE USAGE ON LANGUAGE plpgsql FROM PUBLIC'; END $$;\n",
    );
    expect(desired.problems.map((p) => [p.location?.line, p.message])).toEqual([
      [2, notCreated("DO block running REVOKE", "plpgsql")],
    ]);
  });

  test.each([
    [
      "a view's _RETURN rule (older pg_dump output)",
      'CREATE RULE "_RETURN" AS ON SELECT TO t DO INSTEAD SELECT 1 AS a;',
    ],
    ["USING heap", "CREATE TABLE u (a int) USING heap;"],
    ["pg_dump's default_table_access_method", "SET default_table_access_method = heap;"],
    ["DROP … IF EXISTS from pg_dump --clean", "DROP RULE IF EXISTS r ON t;"],
    ["an aggregate (DefineStmt)", "CREATE AGGREGATE s2 (int) (SFUNC = int4pl, STYPE = int);"],
    ["plain inheritance", "CREATE TABLE child (c int) INHERITS (t);"],
    ["statistics objects", "CREATE STATISTICS s (ndistinct) ON a, b FROM t;"],
    [
      "collations",
      "CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);",
    ],
    ["collation comments", "COMMENT ON COLLATION ci IS 'x';"],
    ["statistics targets", "ALTER STATISTICS s SET STATISTICS 500;"],
    ["statistics comments", "COMMENT ON STATISTICS s IS 'x';"],
    ["operators", "CREATE OPERATOR === (FUNCTION = int4eq, LEFTARG = int, RIGHTARG = int);"],
    ["operator comments", "COMMENT ON OPERATOR === (int, int) IS 'x';"],
    ["operator estimators", "ALTER OPERATOR === (int, int) SET (RESTRICT = eqsel);"],
    ["casts", "CREATE CAST (text AS t) WITH INOUT;"],
    ["cast comments", "COMMENT ON CAST (text AS t) IS 'x';"],
    ["text search configurations", "CREATE TEXT SEARCH CONFIGURATION c (COPY = english);"],
    ["text search mappings", "ALTER TEXT SEARCH CONFIGURATION c ALTER MAPPING FOR word WITH simple;"],
    ["text search dictionaries", "CREATE TEXT SEARCH DICTIONARY d (TEMPLATE = simple);"],
    ["text search dictionary options", "ALTER TEXT SEARCH DICTIONARY d (StopWords = english);"],
    ["text search dictionary owners", "ALTER TEXT SEARCH DICTIONARY d OWNER TO CURRENT_USER;"],
    [
      "text search parsers",
      "CREATE TEXT SEARCH PARSER p (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype);",
    ],
    ["text search templates", "CREATE TEXT SEARCH TEMPLATE tt (LEXIZE = dsimple_lexize);"],
    ["text search comments", "COMMENT ON TEXT SEARCH TEMPLATE tt IS 'x';"],
    ["operator classes", "CREATE OPERATOR CLASS oc FOR TYPE int USING btree AS OPERATOR 1 <;"],
    ["operator families", "CREATE OPERATOR FAMILY of USING btree;"],
    ["operator family members", "ALTER OPERATOR FAMILY of USING btree ADD OPERATOR 1 < (int, bigint);"],
    ["operator class comments", "COMMENT ON OPERATOR CLASS oc USING btree IS 'x';"],
    ["conversions", "CREATE DEFAULT CONVERSION cv FOR 'UTF8' TO 'LATIN1' FROM utf8_to_iso8859_1;"],
    ["conversion owners", "ALTER CONVERSION cv OWNER TO CURRENT_USER;"],
    ["languages", "CREATE TRUSTED LANGUAGE plfoo HANDLER plpgsql_call_handler VALIDATOR plpgsql_validator;"],
    ["language comments", "COMMENT ON LANGUAGE plfoo IS 'x';"],
    [
      "grants on a language the files create",
      "CREATE TRUSTED LANGUAGE plfoo HANDLER plpgsql_call_handler;\nREVOKE USAGE ON LANGUAGE plfoo FROM PUBLIC;\nGRANT USAGE ON LANGUAGE plfoo TO app WITH GRANT OPTION;",
    ],
    ["access methods", "CREATE ACCESS METHOD am TYPE TABLE HANDLER heap_tableam_handler;"],
    ["access method comments", "COMMENT ON ACCESS METHOD am IS 'x';"],
    ["a table USING another access method", "CREATE TABLE u (a int) USING columnar;"],
    ["a table's SET ACCESS METHOD", "ALTER TABLE t SET ACCESS METHOD columnar;"],
    [
      "a materialized view USING another access method",
      "CREATE MATERIALIZED VIEW mv USING columnar AS SELECT 1 AS a;",
    ],
    ["a materialized view's SET ACCESS METHOD", "ALTER MATERIALIZED VIEW mv SET ACCESS METHOD columnar;"],
    ["pg_dump's default_table_access_method of another", "SET default_table_access_method = columnar;"],
    ["foreign-data wrappers", "CREATE FOREIGN DATA WRAPPER w VALIDATOR postgresql_fdw_validator;"],
    ["foreign servers", "CREATE SERVER s TYPE 'pg' VERSION '16' FOREIGN DATA WRAPPER w OPTIONS (host 'x');"],
    ["server grants", "GRANT USAGE ON FOREIGN SERVER s TO PUBLIC;"],
    ["user mappings", "CREATE USER MAPPING FOR PUBLIC SERVER s OPTIONS (user 'reader');"],
    ["foreign tables", "CREATE FOREIGN TABLE ft (a int OPTIONS (column_name 'x')) SERVER s;"],
    ["foreign table changes", "ALTER FOREIGN TABLE ft ADD COLUMN b int;"],
    ["foreign table comments", "COMMENT ON FOREIGN TABLE ft IS 'x';"],
    ["publications", "CREATE PUBLICATION p FOR ALL TABLES;"],
    ["publication tables", "ALTER PUBLICATION p ADD TABLE t;"],
    ["publication comments", "COMMENT ON PUBLICATION p IS 'x';"],
    ["rules", "CREATE RULE r AS ON INSERT TO t DO INSTEAD NOTHING;"],
    ["rule states", "ALTER TABLE t DISABLE RULE r;"],
    ["rule comments", "COMMENT ON RULE r ON t IS 'x';"],
    [
      "transforms",
      "CREATE TRANSFORM FOR int LANGUAGE plpgsql (FROM SQL WITH FUNCTION f(internal), TO SQL WITH FUNCTION g(internal));",
    ],
    [
      "transform replacements",
      "CREATE OR REPLACE TRANSFORM FOR int LANGUAGE sql (TO SQL WITH FUNCTION g(internal));",
    ],
    ["transform comments", "COMMENT ON TRANSFORM FOR int LANGUAGE plpgsql IS 'x';"],
  ])("%s is accepted", async (_name, sql) => {
    const desired = await analyzeText(`CREATE TABLE t (a int);\n${sql}\n`);
    expect(desired.problems).toEqual([]);
  });
});
