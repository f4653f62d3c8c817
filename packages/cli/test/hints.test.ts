import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { cli, workdir } from "./helpers.js";

/**
 * Rename hints that match nothing (finding 10 of issue 14) stop `migrate apply` with exit 2 before
 * anything runs — even with every hazard allowed, where the old column would otherwise be dropped.
 */

describe("hints that match nothing", () => {
  test("from= naming a column the table does not have: exit 2, nothing applied, rows kept", async ({
    db,
  }) => {
    await db.query(`create table users (id int primary key, email_address text);
      insert into users values (1, 'a@example.com');`);
    const dir = workdir({
      "schema.sql":
        "CREATE TABLE users (\n  id int PRIMARY KEY,\n  email text -- @renamed from=emial_address\n);\n",
    });
    const result = await cli(
      ["migrate", "apply", "--database-url", db.url, "--source", "schema.sql", "--allow-hazards=all"],
      { cwd: dir },
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      [
        "Error: schema.sql:3:17: rename hint matches nothing: public.users has neither column emial_address (the old name) nor email in the database",
        "  3 |   email text -- @renamed from=emial_address",
        "                      ^",
        "  hint: did you mean email_address? write the name the object has in the database now after from=, or remove the hint if email is new",
        "",
      ].join("\n"),
    );
    const rows = await db.query("select id, email_address from users");
    expect(rows.rows).toEqual([{ id: 1, email_address: "a@example.com" }]);
  });

  test("@Renamed and @renamd are errors at their line, not ordinary comments: exit 2, nothing applied", async ({
    db,
  }) => {
    await db.query("create table users (id int primary key, email_address text, nick text)");
    const dir = workdir({
      "schema.sql": [
        "CREATE TABLE users (",
        "  id int PRIMARY KEY,",
        "  email text, -- @Renamed from=email_address",
        "  nickname text -- @renamd from=nick",
        ");",
        "",
      ].join("\n"),
    });
    const result = await cli(
      ["migrate", "apply", "--database-url", db.url, "--source", "schema.sql", "--allow-hazards=all"],
      { cwd: dir },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "schema.sql:3:18: unknown hint @Renamed: hint keywords are lower case\n  3 |   email text, -- @Renamed from=email_address\n",
    );
    expect(result.stderr).toContain("  hint: write @renamed\n");
    expect(result.stderr).toContain("schema.sql:4:20: unknown hint @renamd\n");
    expect(result.stderr).toContain("hint: did you mean @renamed?");
    const columns = await db.query(
      "select column_name from information_schema.columns where table_name = 'users' order by ordinal_position",
    );
    expect(columns.rows.map((row) => row.column_name)).toEqual(["id", "email_address", "nick"]);
  });
});
