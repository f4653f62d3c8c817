import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { type CliResult, passwordOf, spawnCli, workdir } from "./helpers.js";

/**
 * No password, in any form of connection string, reaches stdout, stderr or a file pg-flux writes
 * (docs/reliability.md, "Secrets"). Every form is run through the BUILT binary against a real
 * server: with a wrong password (the server refuses), with the right one at an unreachable port,
 * as a flag, in DATABASE_URL, in PGPASSWORD, as --shadow-url and through a flux.json project.
 */

/** A wrong password with a space, a quote and an `@`, the characters that break naive masking. */
const WRONG = "Wr0ng7 Pq@Zx9'Kt3";

interface Server {
  readonly host: string;
  readonly port: string;
  readonly user: string;
  readonly database: string;
  readonly password: string;
}

function serverOf(url: string): Server {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: parsed.port,
    user: decodeURIComponent(parsed.username),
    database: decodeURIComponent(parsed.pathname.slice(1)),
    password: passwordOf(url),
  };
}

/** libpq's quoting of a key=value value: single quotes, `\` before `'` and `\`. */
const quoted = (value: string) => `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;

/** The same connection written every way libpq accepts it. */
function forms(server: Server, password: string, port = server.port): Record<string, string> {
  const { host, user, database } = server;
  const encoded = encodeURIComponent(password);
  return {
    url: `postgres://${user}:${encoded}@${host}:${port}/${database}`,
    "url ?password=": `postgresql://${user}@${host}:${port}/${database}?password=${encoded}`,
    "key=value": `host=${host} port=${port} user=${user} password=${quoted(password)} dbname=${database}`,
    "key = value, password first": `password = ${quoted(password)} host=${host} port=${port} user=${user} dbname=${database}`,
  };
}

function expectNoSecret(result: CliResult, secrets: readonly string[], label: string): void {
  for (const secret of secrets) {
    for (const part of [
      secret,
      encodeURIComponent(secret),
      ...secret.split(/[ @']/).filter((p) => p.length >= 4),
    ]) {
      expect(result.stdout, `${label}: stdout`).not.toContain(part);
      expect(result.stderr, `${label}: stderr`).not.toContain(part);
    }
  }
}

/** Runs `work` over the items, `size` at a time (the machine has 2 cores and others test too). */
async function inBatches<T, R>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size)
    results.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return results;
}

describe("passwords in every form of connection string are masked", () => {
  test("wrong password, unreachable server, flag, DATABASE_URL, PGPASSWORD, --shadow-url, flux.json", async ({
    db,
  }) => {
    const server = serverOf(db.url);
    await db.query("create table users (id bigint primary key)");
    const dir = workdir({
      "schema.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n",
      "flux.json": JSON.stringify({
        projects: [{ slug: "app", hash: "abc1234", urlEnv: "APP_DATABASE_URL" }],
      }),
      "migrations/0001_init.sql": "CREATE TABLE t (id int);\n",
    });
    const secrets = [server.password, WRONG];
    const cases: {
      label: string;
      args: string[];
      env?: Record<string, string>;
      code: number;
      says: RegExp;
    }[] = [];
    const plan = (connection: string) => [
      "migrate",
      "plan",
      "--database-url",
      connection,
      "--source",
      "schema.sql",
    ];
    for (const [form, connection] of Object.entries(forms(server, WRONG))) {
      cases.push({
        label: `${form}, wrong password, flag`,
        args: plan(connection),
        code: 1,
        says: /password authentication failed/,
      });
      cases.push({
        label: `${form}, wrong password, DATABASE_URL`,
        args: ["migrate", "plan", "--source", "schema.sql"],
        env: { DATABASE_URL: connection },
        code: 1,
        says: /password authentication failed/,
      });
    }
    for (const [form, connection] of Object.entries(forms(server, server.password, "1"))) {
      cases.push({
        label: `${form}, unreachable, flag`,
        args: plan(connection),
        code: 1,
        says: /could not connect to .*\*\*\*/,
      });
      cases.push({
        label: `${form}, unreachable, inspect`,
        args: ["inspect", "--database-url", connection],
        code: 1,
        says: /could not connect/,
      });
      cases.push({
        label: `${form}, unreachable, --shadow-url`,
        args: [...plan(db.url), "--shadow-url", connection],
        code: 1,
        says: /could not connect to .*\*\*\*/,
      });
      cases.push({
        label: `${form}, unreachable, flux.json project`,
        args: ["push", "--project", "app"],
        env: { APP_DATABASE_URL: connection },
        code: 1,
        says: /could not connect/,
      });
      cases.push({
        label: `${form}, unreachable, diff --from`,
        args: ["diff", "--from", connection, "--to", "schema.sql"],
        code: 1,
        says: /could not connect/,
      });
    }
    const noPassword = `host=${server.host} port=${server.port} user=${server.user} dbname=${server.database}`;
    cases.push({
      label: "PGPASSWORD, wrong",
      args: plan(noPassword),
      env: { PGPASSWORD: WRONG },
      code: 1,
      says: /password authentication failed/,
    });
    cases.push({
      label: "malformed URL (port is not a number)",
      args: plan(
        `postgres://${server.user}:${encodeURIComponent(WRONG)}@${server.host}:port/${server.database}`,
      ),
      code: 1,
      says: /Error:/,
    });
    cases.push({
      label: "malformed key=value (quote never closed)",
      args: plan(`host=${server.host} password=${quoted(WRONG).slice(0, -1)} dbname=${server.database}`),
      code: 2,
      says: /invalid connection string: unterminated quoted value of "password"/,
    });
    cases.push({
      label: "misspelt key=value option",
      args: plan(`host=${server.host} passwd=${quoted(WRONG)} dbname=${server.database}`),
      code: 2,
      says: /invalid connection string: unknown connection option "passwd" \(did you mean "password"\?\)/,
    });
    const results = await inBatches(cases, 4, (c) => spawnCli(c.args, { cwd: dir, env: c.env ?? {} }));
    cases.forEach((c, i) => {
      const result = results[i]!;
      expect({ label: c.label, code: result.code }).toEqual({ label: c.label, code: c.code });
      expect(result.stderr, c.label).toMatch(c.says);
      expectNoSecret(result, secrets, c.label);
    });
  }, 240_000);

  test("key=value connects like a URL, and the plan file it writes holds no password", async ({ db }) => {
    const server = serverOf(db.url);
    await db.query("create table users (id bigint primary key)");
    const dir = workdir({ "schema.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n" });
    const keyValue = forms(server, server.password)["key=value"]!;
    const planned = await spawnCli(
      ["migrate", "plan", "--source", "schema.sql", "--format", "json", "--out", "plan.json"],
      { cwd: dir, env: { DATABASE_URL: keyValue } },
    );
    expect(planned.stderr).toBe("Saved the plan to plan.json (1 steps).\n");
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain("ALTER TABLE users ADD COLUMN email text;");
    expectNoSecret(planned, [server.password], "plan");
    expect(readFileSync(path.join(dir, "plan.json"), "utf8")).not.toContain(server.password);
    const applied = await spawnCli(["migrate", "apply", "--plan", "plan.json", "--database-url", keyValue], {
      cwd: dir,
    });
    expect(applied.stderr).toContain("[1/1] done");
    expect(applied.code).toBe(0);
    expectNoSecret(applied, [server.password], "apply");
    const columns = await db.query(
      "select column_name from information_schema.columns where table_name = 'users'",
    );
    expect(columns.rows.map((r) => r.column_name).sort()).toEqual(["email", "id"]);
  }, 180_000);
});

/**
 * A user mapping's credentials (issue 17: "options masked in every output: they hold passwords") never
 * enter pg-flux: refused in the desired state without printing the line, never read from the live
 * database, so no plan, saved plan, diff, inspection or error can carry them, and an apply leaves the
 * live one alone (docs/object-kinds.md, "Credentials stay out").
 */
describe("user-mapping credentials are never printed, saved nor changed", () => {
  const SECRET = "sekrit-Pw-7731";
  const FILE_SECRET = "/home/app/sekrit.pgpass";
  const WRAPPER = `CREATE FOREIGN DATA WRAPPER cred_fdw;
CREATE SERVER cred_server FOREIGN DATA WRAPPER cred_fdw OPTIONS (host 'archive.internal');
`;

  function expectNoCredential(result: CliResult, label: string): void {
    for (const secret of [SECRET, FILE_SECRET, "sekrit"]) {
      expect(result.stdout, `${label}: stdout`).not.toContain(secret);
      expect(result.stderr, `${label}: stderr`).not.toContain(secret);
    }
  }

  test("in the desired state: refused naming the option, never its value (plan, json, diff)", async ({
    db,
  }) => {
    const dir = workdir({
      "schema.sql": `${WRAPPER}CREATE USER MAPPING FOR PUBLIC SERVER cred_server
  OPTIONS (user 'reader', password '${SECRET}');
`,
      "alter.sql": `${WRAPPER}CREATE USER MAPPING FOR PUBLIC SERVER cred_server OPTIONS (user 'reader');
ALTER USER MAPPING FOR PUBLIC SERVER cred_server OPTIONS (ADD passfile '${FILE_SECRET}');
`,
    });
    const runs: [string, string[]][] = [
      ["plan", ["migrate", "plan", "--database-url", db.url, "--source", "schema.sql"]],
      [
        "plan --format json --out",
        [
          "migrate",
          "plan",
          "--database-url",
          db.url,
          "--source",
          "schema.sql",
          "--format",
          "json",
          "--out",
          "p.json",
        ],
      ],
      ["plan, ALTER … ADD passfile", ["migrate", "plan", "--database-url", db.url, "--source", "alter.sql"]],
      ["diff", ["diff", "--from", db.url, "--to", "schema.sql"]],
    ];
    for (const [label, args] of runs) {
      const result = await spawnCli(args, { cwd: dir });
      expect(result.code, `${label}: ${result.stderr}`).toBe(2);
      expect(result.stderr, label).toMatch(
        /the user mapping option "(password|passfile)" holds a credential/,
      );
      expectNoCredential(result, label);
    }
  }, 180_000);

  test("in the live database: never read, so plans, the saved plan and inspect lack it, and apply keeps it", async ({
    db,
  }) => {
    await db.query(`${WRAPPER}CREATE USER MAPPING FOR PUBLIC SERVER cred_server
      OPTIONS (user 'reader', password '${SECRET}', passfile '${FILE_SECRET}');`);
    const dir = workdir({
      // the user option changes: ALTER USER MAPPING … OPTIONS (SET "user" …), nothing about the password
      "schema.sql": `${WRAPPER}CREATE USER MAPPING FOR PUBLIC SERVER cred_server OPTIONS (user 'archive_reader');\n`,
      "empty.sql": "",
    });
    const planned = await spawnCli(
      ["migrate", "plan", "--database-url", db.url, "--source", "schema.sql", "--out", "plan.json"],
      { cwd: dir },
    );
    expect(planned.code, planned.stderr).toBe(0);
    const saved = readFileSync(path.join(dir, "plan.json"), "utf8");
    expect(saved).toContain(
      `ALTER USER MAPPING FOR PUBLIC SERVER cred_server OPTIONS (SET \\"user\\" 'archive_reader');`,
    );
    expect(saved).not.toContain("sekrit");
    expectNoCredential(planned, "plan --out");
    const shown = await spawnCli(
      ["migrate", "plan", "--database-url", db.url, "--source", "schema.sql", "--format", "json"],
      { cwd: dir },
    );
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain("ALTER USER MAPPING FOR PUBLIC SERVER cred_server");
    expectNoCredential(shown, "plan --format json");
    const dropped = await spawnCli(["migrate", "plan", "--database-url", db.url, "--source", "empty.sql"], {
      cwd: dir,
    });
    expect(dropped.code, dropped.stderr).toBe(0);
    expect(dropped.stdout).toContain("DROP USER MAPPING FOR PUBLIC SERVER cred_server;");
    expectNoCredential(dropped, "plan of the drop");
    const inspected = await spawnCli(["inspect", "--database-url", db.url], { cwd: dir });
    expect(inspected.code, inspected.stderr).toBe(0);
    expect(inspected.stdout).toContain("cred_server");
    expectNoCredential(inspected, "inspect");
    const applied = await spawnCli(["migrate", "apply", "--plan", "plan.json", "--database-url", db.url], {
      cwd: dir,
    });
    expect(applied.code, applied.stderr).toBe(0);
    expectNoCredential(applied, "apply");
    const live = await db.query<{ options: string[] }>(
      "select umoptions as options from pg_user_mappings where srvname = 'cred_server'",
    );
    expect(live.rows.map((row) => [...row.options].sort())).toEqual([
      [`passfile=${FILE_SECRET}`, `password=${SECRET}`, "user=archive_reader"],
    ]);
  }, 180_000);
});
