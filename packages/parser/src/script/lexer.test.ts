import { describe, expect, test } from "vitest";
import { analyzeFiles, analyzeText, messages } from "../testing/analyze-text.js";

describe("psql scripts", () => {
  test("statements split like psql: quotes, dollar quotes, comments, BEGIN ATOMIC", async () => {
    const desired = await analyzeText(
      [
        "CREATE TABLE t (a text DEFAULT ';', b text DEFAULT E'\\';');",
        'CREATE TABLE "x;y" (a int); /* ; */',
        "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 1; END $body$;",
        "CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END;",
        "CREATE VIEW v AS SELECT 1 AS one",
      ].join("\n"),
    );
    expect(messages(desired)).toEqual([]);
    expect(desired.statements.map((s) => [s.type, s.location.line, s.location.column])).toEqual([
      ["CreateStmt", 1, 1],
      ["CreateStmt", 2, 1],
      ["CreateFunctionStmt", 3, 1],
      ["CreateFunctionStmt", 4, 1],
      ["ViewStmt", 5, 1],
    ]);
  });

  test("\\set variables substitute as :name, :'name' and :\"name\"", async () => {
    const desired = await analyzeText(
      [
        "\\set owner app_owner",
        "\\set note 'it''s here'",
        "CREATE TABLE t (a int);",
        "ALTER TABLE t OWNER TO :owner;",
        "COMMENT ON TABLE t IS :'note';",
        'GRANT SELECT ON t TO :"owner";',
        "SELECT a::text FROM t;",
      ].join("\n"),
    );
    expect(messages(desired)).toEqual([]);
    expect(desired.statements.map((s) => s.script.sql)).toEqual([
      "CREATE TABLE t (a int)",
      "ALTER TABLE t OWNER TO app_owner",
      "COMMENT ON TABLE t IS 'it''s here'",
      'GRANT SELECT ON t TO "app_owner"',
      "SELECT a::text FROM t",
    ]);
    expect(desired.roles).toEqual(["app_owner"]);
  });

  test("\\i and \\ir include files; pg_dump's \\restrict lines and output commands are accepted", async () => {
    const desired = await analyzeFiles(
      {
        "main.sql":
          "\\restrict abc123\n\\pset tuples_only on\n\\i tables.sql\n\\ir views.sql\n\\unrestrict abc123\n",
        "tables.sql": "CREATE TABLE t (a int);\n",
        "views.sql": "CREATE VIEW v AS SELECT a FROM t;\n",
      },
      ["main.sql"],
    );
    expect(messages(desired)).toEqual([]);
    expect(desired.statements.map((s) => `${s.location.file}:${s.location.line}`)).toEqual([
      "tables.sql:1",
      "views.sql:1",
    ]);
  });

  test("other meta-commands are errors at file:line:col", async () => {
    const desired = await analyzeText(
      "CREATE TABLE t (a int);\n  \\connect other\n\\copy t from 'x.csv'\n\\gexec\n",
    );
    expect(messages(desired)).toEqual([
      [
        "schema.sql:2:3: psql meta-command \\connect switches databases; the desired state describes one database",
        "  2 |   \\connect other",
        "        ^",
        "  hint: split the files per database and point pg-flux at each database separately",
      ].join("\n"),
      [
        "schema.sql:3:1: psql meta-command \\copy loads data; desired state is schema, not data",
        "  3 | \\copy t from 'x.csv'",
        "      ^",
        "  hint: move this into a versioned migration (pg-flux push)",
      ].join("\n"),
      [
        "schema.sql:4:1: psql meta-command \\gexec is not supported in desired-state files",
        "  4 | \\gexec",
        "      ^",
        "  hint: remove it; pg-flux accepts \\i, \\ir, \\set, \\unset and output-only commands such as \\pset and \\echo",
      ].join("\n"),
    ]);
  });

  test("a missing include is an error at the include", async () => {
    const desired = await analyzeFiles({ "main.sql": "\\i nope.sql\n" });
    expect(
      desired.problems.map(
        (p) => `${p.location?.file}:${p.location?.line}:${p.location?.column}: ${p.message}`,
      ),
    ).toEqual(["main.sql:1:1: cannot read included file nope.sql"]);
  });
});

describe("syntax errors", () => {
  test("every syntax error in every file, at its exact position", async () => {
    const desired = await analyzeFiles({
      "a.sql": "CREATE TABLE t (a int);\nCREATE TABLE u (a int,, b int);\n",
      "b.sql": "CREATE VIEW v AS\n  SELEC 1;\nCREATE TABLE é (x int);\nCREATE TABLE ü (x intt int);\n",
    });
    expect(messages(desired)).toEqual([
      [
        'a.sql:2:23: syntax error at or near ","',
        "  2 | CREATE TABLE u (a int,, b int);",
        "                            ^",
      ].join("\n"),
      ['b.sql:2:3: syntax error at or near "SELEC"', "  2 |   SELEC 1;", "        ^"].join("\n"),
      [
        'b.sql:4:24: syntax error at or near "int"',
        "  4 | CREATE TABLE ü (x intt int);",
        "                             ^",
      ].join("\n"),
    ]);
  });

  test("an unterminated string is reported where it starts", async () => {
    const desired = await analyzeText("CREATE TABLE t (a int);\nCOMMENT ON TABLE t IS 'oops;\n");
    expect(desired.problems.map((p) => `${p.location?.line}:${p.location?.column}: ${p.message}`)).toEqual([
      "2:23: unterminated quoted string",
    ]);
  });
});
