import { describe, expect, test } from "vitest";
import { analyzeText, messages } from "../testing/analyze-text.js";

describe("foreign-data statements the desired state refuses", () => {
  test.each([
    ["CREATE USER MAPPING FOR app SERVER s OPTIONS (user 'reader', password 'hunter2');", "password"],
    ["ALTER USER MAPPING FOR PUBLIC SERVER s OPTIONS (ADD passfile '/home/app/.pgpass');", "passfile"],
    [
      "DO $$ BEGIN CREATE USER MAPPING FOR app SERVER s OPTIONS (sslpassword 'hunter2'); END $$;",
      "sslpassword",
    ],
  ])("a credential in a user mapping is refused without printing its value: %s", async (sql, option) => {
    const desired = await analyzeText(`CREATE TABLE t (a int);\n${sql}\n`);
    expect(desired.problems.map((p) => [p.location?.line, p.location?.column, p.sourceLine])).toEqual([
      [2, 1, undefined],
    ]);
    const [message] = messages(desired);
    expect(message).toContain(`the user mapping option "${option}" holds a credential`);
    expect(message).toContain("hint: set it on each database by hand, once");
    expect(message).not.toMatch(/hunter2|pgpass/);
  });

  test("password_required and plain options are accepted", async () => {
    const desired = await analyzeText(
      "CREATE USER MAPPING FOR app SERVER s OPTIONS (user 'reader', password_required 'false');\n",
    );
    expect(desired.problems).toEqual([]);
  });

  test("IMPORT FOREIGN SCHEMA is refused with its reason", async () => {
    const desired = await analyzeText("IMPORT FOREIGN SCHEMA remote FROM SERVER s INTO public;\n");
    expect(messages(desired)).toEqual([
      [
        "schema.sql:1:1: IMPORT: IMPORT FOREIGN SCHEMA reads the foreign server when it runs, so what it creates is not written in the files; write the CREATE FOREIGN TABLE statements instead",
        "  1 | IMPORT FOREIGN SCHEMA remote FROM SERVER s INTO public;",
        "      ^",
        "  hint: run it once on a scratch database and copy the foreign tables `pg_dump -s` writes",
      ].join("\n"),
    ]);
  });

  test.each([
    "CREATE FOREIGN TABLE ft (b int) INHERITS (t) SERVER s;",
    "CREATE FOREIGN TABLE ft PARTITION OF t FOR VALUES IN (1) SERVER s;",
  ])("a foreign table that inherits or is a partition is refused: %s", async (sql) => {
    const desired = await analyzeText(`CREATE TABLE t (a int) PARTITION BY LIST (a);\n${sql}\n`);
    expect(desired.problems.map((p) => [p.location?.line, p.message])).toEqual([
      [
        2,
        "CREATE FOREIGN: a foreign table that is a partition (PARTITION OF) or inherits (INHERITS) is not managed by pg-flux; only foreign tables standing alone are",
      ],
    ]);
  });

  test.each([
    "CREATE FOREIGN TABLE ft (a int CHECK (a > 0)) SERVER s;",
    "CREATE FOREIGN TABLE ft (a int, CONSTRAINT positive CHECK (a > 0)) SERVER s;",
    "ALTER FOREIGN TABLE ft ADD CONSTRAINT positive CHECK (a > 0);",
  ])("a CHECK on a foreign table is refused: %s", async (sql) => {
    const desired = await analyzeText(`${sql}\n`);
    expect(desired.problems.map((p) => [p.location?.line, p.message.split(":")[1]])).toEqual([
      [
        1,
        " pg-flux does not manage CHECK constraints on foreign tables (PostgreSQL never checks them; they only inform the planner)",
      ],
    ]);
  });

  test("NOT NULL and DEFAULT on foreign table columns are accepted", async () => {
    const desired = await analyzeText("CREATE FOREIGN TABLE ft (a int NOT NULL DEFAULT 1) SERVER s;\n");
    expect(desired.problems).toEqual([]);
  });
});
