import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { cli, REPO, workdir } from "./helpers.js";

/** Every example line of docs/cli.md's Examples section runs, in order, with the exit code it documents. */
function documentedExamples(): { argv: string[]; exit: number; line: string }[] {
  const markdown = readFileSync(path.join(REPO, "docs/cli.md"), "utf8");
  const section = markdown.slice(markdown.indexOf("## Examples"));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  return block
    .split("\n")
    .filter((line) => line.startsWith("pg-flux "))
    .map((line) => {
      const [command = "", comment = ""] = line.split("#");
      const exit = Number(/exit (\d)/.exec(comment)?.[1]);
      return { argv: command.trim().split(/\s+/).slice(1), exit, line };
    });
}

describe("docs/cli.md", () => {
  test("the examples run with the documented exit codes", async ({ db }) => {
    await db.query("create table users (id bigint primary key, email text not null, legacy_phone text)");
    const dir = workdir({
      "schema/users.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n",
    });
    const examples = documentedExamples();
    expect(examples.length).toBeGreaterThan(10);
    for (const example of examples) {
      const argv = example.argv.map((arg) => (arg === "$DATABASE_URL" ? db.url : arg));
      const result = await cli(argv, { cwd: dir, env: { DATABASE_URL: db.url } });
      expect(result.code, `${example.line}\n${result.stderr}`).toBe(example.exit);
    }
    expect(readFileSync(path.join(dir, "migrations/0001_drop_phone.sql"), "utf8")).toContain(
      "ALTER TABLE users DROP COLUMN legacy_phone;",
    );
  }, 300_000);

  test("the refusal shown is the one printed", async ({ db }) => {
    await db.query("create table users (id bigint primary key, email text not null, legacy_phone text)");
    const dir = workdir({
      "schema/users.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n",
    });
    const result = await cli(["migrate", "apply", "--source", "schema/"], {
      cwd: dir,
      env: { DATABASE_URL: db.url },
    });
    const markdown = readFileSync(path.join(REPO, "docs/cli.md"), "utf8");
    const shown = /A refusal reads exactly:\n\n```\n([\s\S]*?)```/.exec(markdown)?.[1];
    expect(result.stderr).toBe(shown);
  });
});
