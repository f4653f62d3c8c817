import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { type CliResult, passwordOf, spawnCli, workdir } from "./helpers.js";

/** End to end: the BUILT binary (`node packages/cli/bin/pg-flux.js`) against a real server. */

const REFUSAL = "Error: refusing to apply: blocking hazards; pass --allow-hazards or change schema";

describe("the built pg-flux binary", () => {
  test("README main job: diff two example files with no server given (embedded PostgreSQL)", async () => {
    const result = await spawnCli([
      "diff",
      "--from",
      "fixtures/examples/before.sql",
      "--to",
      "fixtures/examples/after.sql",
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("ALTER TABLE user_accounts RENAME TO users;");
    expect(result.stdout).toContain("ALTER TABLE users RENAME COLUMN email_address TO email;");
    expect(result.stdout).toMatch(/^-- {3}DATA_LOSS \(step \d+, column:public\.users\.legacy_phone\): /m);
  }, 180_000);

  test("migrate generate emits the seed's rename-column recipe", async ({ db }) => {
    await db.query("create table users (id bigint primary key, email_address text not null)");
    const dir = workdir({
      "schema.sql":
        "CREATE TABLE users (\n  id bigint PRIMARY KEY,\n  email text NOT NULL -- @renamed from=email_address\n);\n",
    });
    const result = await spawnCli(
      ["migrate", "generate", "--source", "schema.sql", "--name", "rename email"],
      {
        cwd: dir,
        env: { DATABASE_URL: db.url },
      },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("Wrote migrations/0001_rename_email.sql (1 step).\n");
    const body = readFileSync(path.join(dir, "migrations/0001_rename_email.sql"), "utf8");
    expect(body).toContain("\nALTER TABLE users RENAME COLUMN email_address TO email;\n");
  });

  test("every exit code: 0, 2, 3 (refusal), 4 (--check), 1 (failure) — then a re-run completes", async ({
    db,
  }) => {
    await db.query(`
      create table users (id bigint primary key, email text not null, legacy_phone text);
      create table orders (id bigint primary key, user_id bigint not null);
      insert into users values (1, 'a@example.com', null);
      insert into orders values (1, 1), (2, 999);`);
    const desired = `
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id));
`;
    const dir = workdir({ "schema.sql": desired });
    const env = { DATABASE_URL: db.url };
    const run = (...args: string[]) => spawnCli(args, { cwd: dir, env });

    expect((await run("migrate", "plan")).code).toBe(2);
    const check = await run("migrate", "plan", "--source", "schema.sql", "--check");
    expect(check.code).toBe(4);
    expect(check.stdout).toContain("ALTER TABLE users DROP COLUMN legacy_phone;");

    const refused = await run("migrate", "apply", "--source", "schema.sql");
    expect(refused.code).toBe(3);
    expect(refused.stderr.split("\n")[0]).toBe(REFUSAL);
    expect(refused.stderr).toMatch(
      /\n {2}DATA_LOSS at step \d+ \(drop_column:column:public\.users\.legacy_phone\): /,
    );

    const failed = await run("migrate", "apply", "--source", "schema.sql", "--allow-hazards=DATA_LOSS");
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/Error: apply failed: step \d+ failed: .*violates foreign key constraint/);
    expect(failed.stderr).toMatch(/ {2}not run: {5}steps \d+/);
    // the rows are named and a data fix is asked for, not a plain "run again"
    expect(failed.stderr).toContain('Key (user_id)=(999) is not present in table "users".');
    expect(failed.stderr).toContain("The data must be fixed first");
    expect(failed.stderr).toContain("Fix those rows, then run pg-flux migrate apply again");
    expect(failed.stderr).toMatch(/\[\d+\/\d+\] ALTER TABLE orders VALIDATE CONSTRAINT/);

    await db.query("insert into users values (999, 'restored@example.com', null)");
    const rerun = await run("migrate", "apply", "--source", "schema.sql", "--allow-hazards=DATA_LOSS");
    expect(rerun.stderr).not.toContain("Error");
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toMatch(/VALIDATE CONSTRAINT/);
    expect(rerun.stdout).not.toMatch(/ADD CONSTRAINT/);
    expect((await db.query("select count(*)::int as n from orders")).rows[0]?.n).toBe(2);

    const clean = await run("migrate", "plan", "--source", "schema.sql", "--check");
    expect(clean.code).toBe(0);
  }, 180_000);

  test("UNIQUE over duplicate rows: the stop keeps the duplicate-key DETAIL and asks for a data fix; after the fix one re-run finishes", async ({
    db,
  }) => {
    await db.query(`
      create table users (id bigint primary key, email text not null);
      insert into users values (1, 'a@example.com'), (2, 'dup@example.com'), (3, 'dup@example.com');`);
    const dir = workdir({
      "schema.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE);\n",
    });
    const run = (...args: string[]) => spawnCli(args, { cwd: dir, env: { DATABASE_URL: db.url } });

    const failed = await run("migrate", "apply", "--source", "schema.sql");
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(
      /Error: apply failed: step \d+ failed: could not create unique index "users_email_key": Key \(email\)=\(dup@example\.com\) is duplicated\./,
    );
    expect(failed.stderr).toContain("The data must be fixed first");
    expect(failed.stderr).toContain("Fix those rows, then run pg-flux migrate apply again");
    expect(failed.stderr).not.toMatch(/^Run pg-flux migrate apply again/m);
    expect(failed.stderr).not.toContain("run pg-flux migrate apply again to finish");

    await db.query("update users set email = 'other@example.com' where id = 3");
    const rerun = await run("migrate", "apply", "--source", "schema.sql");
    expect(rerun.stderr).not.toContain("Error");
    expect(rerun.code).toBe(0);
    const { rows } = await db.query<{ valid: boolean; constraint: string | null }>(
      `select i.indisvalid as valid, c.conname as constraint
         from pg_index i join pg_class x on x.oid = i.indexrelid
         left join pg_constraint c on c.conindid = i.indexrelid
        where x.relname = 'users_email_key'`,
    );
    expect(rows).toEqual([{ valid: true, constraint: "users_email_key" }]);
    expect((await run("migrate", "plan", "--source", "schema.sql", "--check")).code).toBe(0);
  }, 180_000);

  test("a stale saved plan is refused (exit 3)", async ({ db }) => {
    const dir = workdir({ "schema.sql": "CREATE TABLE t (id int);\n" });
    const env = { DATABASE_URL: db.url };
    expect(
      (await spawnCli(["migrate", "plan", "--source", "schema.sql", "--out", "plan.json"], { cwd: dir, env }))
        .code,
    ).toBe(0);
    await db.query("create table other (id int)");
    const stale = await spawnCli(["migrate", "apply", "--plan", "plan.json"], { cwd: dir, env });
    expect(stale.code).toBe(3);
    expect(stale.stderr).toMatch(/^Error: refusing to apply: the database changed since the plan was made/);
  });
});

describe("passwords never reach the output", () => {
  test("of any command, successful or failing", async ({ db }) => {
    const password = passwordOf(db.url);
    await db.query("create table users (id bigint primary key, legacy text)");
    const dir = workdir({
      "schema.sql": "CREATE TABLE users (id bigint PRIMARY KEY);\n",
      "broken.sql": "CREATE TABLE (;\n",
    });
    const unreachable = new URL(db.url);
    unreachable.port = "1";
    const wrongDatabase = new URL(db.url);
    wrongDatabase.pathname = "/no_such_database";
    const run = (args: string[], env: Record<string, string> = {}): Promise<CliResult> =>
      spawnCli(args, { cwd: dir, env });
    // independent of each other (nothing here changes the database), so they run side by side
    const outputs = await Promise.all([
      run(["migrate", "plan", "--database-url", db.url, "--source", "schema.sql", "--format", "human"]),
      run(["migrate", "plan", "--source", "schema.sql", "--format", "json"], { DATABASE_URL: db.url }),
      run(["migrate", "apply", "--database-url", db.url, "--source", "schema.sql"]),
      run(["migrate", "apply", "--database-url", db.url, "--source", "broken.sql"]),
      run(["migrate", "apply", "--database-url", unreachable.toString(), "--source", "schema.sql"]),
      run(["migrate", "plan", "--database-url", wrongDatabase.toString(), "--source", "schema.sql"]),
      run([
        "migrate",
        "plan",
        "--database-url",
        db.url,
        "--source",
        "schema.sql",
        "--shadow-url",
        unreachable.toString(),
      ]),
      run(["dump", "--database-url", db.url]),
      run(["dump", "--database-url", unreachable.toString()]),
      run(["diff", "--from", db.url, "--to", "schema.sql", "--format", "markdown"]),
      run(["diff", "--from", unreachable.toString(), "--to", "schema.sql"]),
    ]);
    expect(outputs.map((o) => o.code)).toEqual([0, 0, 3, 2, 1, 1, 1, 0, 1, 0, 1]);
    for (const output of outputs) {
      expect(output.stdout).not.toContain(password);
      expect(output.stderr).not.toContain(password);
    }
    expect(outputs[4]?.stderr).toContain(":***@");
  }, 180_000);
});
