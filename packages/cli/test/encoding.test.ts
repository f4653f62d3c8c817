import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { cli, workdir } from "./helpers.js";

/**
 * Non-UTF-8 input (finding 10 of issue 14): a Latin-1 file used to be decoded leniently, its `é`
 * reaching the database as U+FFFD. Now every SQL file pg-flux reads — desired state, `\i` includes,
 * push migrations — must be UTF-8; anything else is an error at file:line:col naming the byte, and
 * nothing is applied. The files below hold a real 0xE9 byte.
 */

/** `text` with every `é` written as the single Latin-1 byte 0xE9. */
const latin1 = (text: string) => Buffer.from(text, "latin1");

function write(dir: string, name: string, content: string | Buffer): void {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

describe("files that are not UTF-8", () => {
  test("migrate apply: an error at file:line:col for each such file, nothing applied (exit 2)", async ({
    db,
  }) => {
    const dir = workdir({ "schema/01_users.sql": "CREATE TABLE users (id bigint PRIMARY KEY);\n" });
    write(
      dir,
      "schema/02_cafe.sql",
      latin1("CREATE TABLE cafe (id int);\nCOMMENT ON TABLE cafe IS 'café';\n"),
    );
    write(dir, "schema/03_more.sql", latin1("-- résumé\nCREATE TABLE more (id int);\n"));
    const result = await cli(
      ["migrate", "apply", "--database-url", db.url, "--source", "schema", "--allow-hazards=all"],
      { cwd: dir },
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(
      `schema/02_cafe.sql:2:30: the file is not valid UTF-8: byte 0xE9 at byte offset 57 starts a 3-byte sequence that is cut short; in Latin-1 (ISO-8859-1) or Windows-1252 it would be "é"\n  2 | COMMENT ON TABLE cafe IS 'caf\uFFFD';\n`,
    );
    expect(result.stderr).toContain(
      "schema/03_more.sql:1:5: the file is not valid UTF-8: byte 0xE9 at byte offset 4",
    );
    expect(result.stderr).toContain("(2 bytes in the file are not UTF-8)");
    expect(result.stderr).toContain("hint: pg-flux reads SQL as UTF-8: convert the file");
    const tables = await db.query("select tablename from pg_tables where schemaname = 'public'");
    expect(tables.rows).toEqual([]);
  });

  test("a \\i include that is not UTF-8 is reported at the \\i line", async ({ db }) => {
    const dir = workdir({ "schema.sql": "CREATE TABLE users (id int);\n\\ir parts/cafe.sql\n" });
    write(dir, "parts/cafe.sql", latin1("CREATE TABLE café (id int);\n"));
    const result = await cli(["migrate", "plan", "--database-url", db.url, "--source", "schema.sql"], {
      cwd: dir,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /schema\.sql:2:1: included file parts\/cafe\.sql at line 1, column 17: the file is not valid UTF-8: byte 0xE9 at byte offset 16 .*; pg-flux reads SQL as UTF-8: convert the file/,
    );
  });

  test("push: a migration file that is not UTF-8 is refused before anything runs (exit 2)", async ({
    db,
  }) => {
    const dir = workdir({ "migrations/0001_users.sql": "CREATE TABLE users (id int);\n" });
    write(dir, "migrations/0002_cafe.sql", latin1("INSERT INTO users VALUES (1); -- café\n"));
    const result = await cli(["push", "migrations/", "--database-url", db.url], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "migrations/0002_cafe.sql:1:37: the file is not valid UTF-8: byte 0xE9 at byte offset 36",
    );
    const tables = await db.query(
      "select schemaname, tablename from pg_tables where schemaname in ('public', 'flux')",
    );
    expect(tables.rows).toEqual([]);
  });
});
