import { execFileSync } from "node:child_process";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "@pg-flux/testkit";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { main } from "../src/main.js";
import type { Io } from "../src/output.js";

const FIXTURES = fileURLToPath(new URL("../../../fixtures/push/", import.meta.url));

function copyFixture(name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `pgflux-cli-${name}-`));
  cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(
  argv: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; tty?: boolean },
): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    isTTY: options.tty ?? false,
    env: options.env ?? {},
    cwd: options.cwd,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe("pg-flux push", () => {
  test("pushes a directory in order, then has nothing to do", async ({ db }) => {
    const cwd = copyFixture("moods");
    const first = await run(["push", "migrations/", "--database-url", db.url], { cwd });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /applied migrations\/0001_moods\.sql[\s\S]*applied migrations\/0002_mood_functions\.sql[\s\S]*applied migrations\/0010_mood_label_index\.sql \(version 0010, versioned, no-transaction\)/,
    );
    // the reload is requested (see below) but not reported: nothing asked for it
    expect(first.stdout).not.toContain("PostgREST");
    expect(first.stdout).toContain("Applied 3 file(s).");
    // The URL holds the test server's password: it is never printed.
    const password = new URL(db.url).password;
    if (password) expect(first.stdout).not.toContain(password);

    const second = await run(["push", "migrations/", "--database-url", db.url], { cwd });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("Nothing to do: 3 file(s) already applied or unchanged.");
  });

  test("DATABASE_URL and the default migrations folder are enough", async ({ db }) => {
    const cwd = copyFixture("moods");
    const result = await run(["push", "--no-reload"], { cwd, env: { DATABASE_URL: db.url } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("connection from DATABASE_URL");
    expect(result.stdout).not.toContain("PostgREST");
  });

  test("PostgREST reload: on by default and quiet; reported when asked for; off by --no-reload or flux.json", async ({
    db,
  }) => {
    const listener = new pg.Client({ connectionString: db.url });
    await listener.connect();
    const received: string[] = [];
    listener.on("notification", (message) => received.push(`${message.channel}:${message.payload}`));
    await listener.query("listen pgrst");
    await listener.query("listen api_reload");
    /** The notifications a push sent: everything before a marker sent after it (delivery is in commit order). */
    let markers = 0;
    const sentBy = async (push: Promise<Run>): Promise<{ result: Run; sent: string[] }> => {
      const result = await push;
      const marker = `marker ${++markers}`;
      await db.query("select pg_notify('pgrst', $1)", [marker]);
      const deadline = Date.now() + 30_000;
      while (!received.includes(`pgrst:${marker}`)) {
        if (Date.now() > deadline) throw new Error(`no ${marker} within 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return { result, sent: received.splice(0).filter((n) => !n.startsWith("pgrst:marker")) };
    };
    try {
      const cwd = copyFixture("moods");
      const file = (name: string, sql: string) => {
        writeFileSync(path.join(cwd, "migrations", name), sql);
      };
      const push = (...flags: string[]) => run(["push", "--database-url", db.url, ...flags], { cwd });

      const quiet = await sentBy(push());
      expect(quiet.sent).toEqual(["pgrst:reload schema"]);
      expect(quiet.result.stdout).not.toContain("PostgREST");

      file("0020_a.sql", "create table reload_a (id int);\n");
      const asked = await sentBy(push("--reload"));
      expect(asked.sent).toEqual(["pgrst:reload schema"]);
      expect(asked.result.stdout).toContain(
        "PostgREST schema reload requested (NOTIFY pgrst); until it completes, requests may briefly fail with stale-shape errors",
      );

      file("0021_b.sql", "create table reload_b (id int);\n");
      const skipped = await sentBy(push("--no-reload"));
      expect(skipped.sent).toEqual([]);
      expect(skipped.result).toMatchObject({ code: 0, stderr: "" });
      expect(skipped.result.stdout).not.toContain("PostgREST");

      writeFileSync(path.join(cwd, "flux.json"), JSON.stringify({ push: { reload: false } }));
      file("0022_c.sql", "create table reload_c (id int);\n");
      const off = await sentBy(push());
      expect(off.sent).toEqual([]);
      expect(off.result.stdout).not.toContain("PostgREST");

      file("0023_d.sql", "create table reload_d (id int);\n");
      const flagWins = await sentBy(push("--reload"));
      expect(flagWins.sent).toEqual(["pgrst:reload schema"]);

      writeFileSync(path.join(cwd, "flux.json"), JSON.stringify({ push: { reloadChannel: "api_reload" } }));
      file("0024_e.sql", "create table reload_e (id int);\n");
      const configured = await sentBy(push());
      expect(configured.sent).toEqual(["api_reload:reload schema"]);
      expect(configured.result.stdout).toContain("PostgREST schema reload requested (NOTIFY api_reload)");

      writeFileSync(path.join(cwd, "flux.json"), JSON.stringify({ push: { reload: "no" } }));
      const invalid = await push();
      expect(invalid.code).toBe(2);
      expect(invalid.stderr).toContain("push.reload must be true or false");
    } finally {
      await listener.end();
    }
  });

  test("a checksum conflict exits 3, names the file, both checksums and the fix", async ({ db }) => {
    const cwd = copyFixture("moods");
    await run(["push", "migrations", "--database-url", db.url], { cwd });
    appendFileSync(path.join(cwd, "migrations/0002_mood_functions.sql"), "-- edited\n");
    const result = await run(["push", "migrations", "--database-url", db.url], { cwd });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(
      "Error: checksum conflict: an applied migration was edited; nothing was run",
    );
    expect(result.stderr).toContain(
      "migrations/0002_mood_functions.sql (version 0002) changed after it was applied",
    );
    expect(result.stderr).toMatch(/recorded checksum [0-9a-f]{64}\n\s+current checksum\s+[0-9a-f]{64}/);
    expect(result.stderr).toContain("write a new migration");
  });

  test("a failing file exits 1 with file:line:col, the line and a caret", async ({ db }) => {
    const cwd = copyFixture("failing");
    const result = await run(["push", "migrations", "--database-url", db.url], { cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("applied migrations/0001_notes.sql");
    expect(result.stderr).toContain(
      'Error: migrations/0002_typo.sql:4:30: column "idd" does not exist (SQLSTATE 42703)',
    );
    expect(result.stderr).toContain("4 | insert into tags (id) select idd from notes;");
    expect(result.stderr).toContain(
      "migrations/0002_typo.sql was rolled back and not recorded; 1 earlier file(s) stay applied",
    );
  });

  test("a no-transaction file that fails part-way: which statements stay, migrations list shows it partly applied, the next push resumes", async ({
    db,
  }) => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), "pgflux-cli-partial-"));
    const file = path.join(cwd, "migrations/0001_orders.sql");
    const text = [
      "-- pg-flux:no-transaction",
      "create table orders (id int primary key, code text);",
      "insert into orders values (1, 'x'), (2, 'x');",
      "create unique index concurrently orders_code on orders (code);",
      "alter table orders add constraint orders_code unique using index orders_code;",
      "",
    ].join("\n");
    mkdirSync(path.dirname(file));
    writeFileSync(file, text);
    const first = await run(["push", "migrations", "--database-url", db.url, "--no-reload"], { cwd });
    expect(first.code).toBe(1);
    expect(first.stderr).toContain("Error: migrations/0001_orders.sql:4:1: could not create unique index");
    expect(first.stderr).toContain(
      [
        "migrations/0001_orders.sql (no-transaction) failed at statement 3 of 4 (line 4); it is not recorded as applied:",
        "  ran and kept: statements 1–2 (lines 2–3)",
        "  failed:       statement 3 (line 4)",
        "  not run:      statement 4 (line 5)",
        "0 earlier file(s) stay applied. Fix it and push again: the file resumes at statement 3; the statements before it do not run again.",
      ].join("\n"),
    );
    const listed = await run(["migrations", "list", "--database-url", db.url], { cwd, tty: true });
    expect(listed.stdout).toMatch(/0001\s+orders\s+PARTLY applied/);
    expect(listed.stdout).toMatch(
      /migrations\/0001_orders\.sql: a push on \S+ stopped after 2 of 4 statements \(could not create unique index .*\); the next push resumes at statement 3\./,
    );

    await db.query("update orders set code = 'y' where id = 2");
    const second = await run(["push", "migrations", "--database-url", db.url, "--no-reload"], { cwd });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain(
      "applied migrations/0001_orders.sql (version 0001, versioned, no-transaction)",
    );
    expect(second.stdout).toContain(
      "  dropped the INVALID index public.orders_code an earlier build left, and built it again",
    );
    const rows = await db.query("select id, code from orders order by id");
    expect(rows.rows).toEqual([
      { id: 1, code: "x" },
      { id: 2, code: "y" },
    ]);
  });

  test("--plan and --dry-run leave the database unchanged", async ({ db }) => {
    const cwd = copyFixture("moods");
    const plan = await run(["push", "migrations", "--plan", "--database-url", db.url], { cwd });
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain(
      "Pending, in order:\n  1. migrations/0001_moods.sql (version 0001, versioned): not yet applied",
    );
    expect(plan.stdout).toContain("The ledger does not exist yet");
    const dry = await run(["push", "migrations", "--dry-run", "--database-url", db.url], { cwd });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("cannot dry-run migrations/0010_mood_label_index.sql");
    expect(dry.stdout).toContain("everything was rolled back");
    expect((await db.query("select 1 from pg_namespace where nspname = 'flux'")).rowCount).toBe(0);
    expect((await db.query("select to_regclass('public.moods') as t")).rows[0]?.t).toBeNull();
  });

  test("single-file modes: raw by default outside migrations/, repeatable with --force", async ({ db }) => {
    const cwd = copyFixture("scripts");
    const raw = await run(["push", "seed.sql", "--database-url", db.url, "--format", "json"], { cwd });
    expect(raw.code).toBe(0);
    expect(JSON.parse(raw.stdout)).toMatchObject({
      status: "applied",
      applied: [{ kind: "raw", file: "seed.sql" }],
    });
    const args = ["push", "refresh_stats.sql", "--mode", "repeatable", "--database-url", db.url];
    expect((await run(args, { cwd })).code).toBe(0);
    expect((await run(args, { cwd })).stdout).toContain("Nothing to do");
    expect((await run([...args, "--force"], { cwd })).stdout).toContain("refresh_stats.sql (repeatable) in");
    const bad = await run(["push", "seed.sql", "--force", "--database-url", db.url], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--force only applies to repeatable scripts");
  });

  test("flux.json selects the project, its tenant schema and its connection", async ({ db }) => {
    const cwd = copyFixture("config");
    await db.query("create schema t_abc123_api");
    const env = { PERCEPT_DATABASE_URL: db.url };
    const result = await run(["push", "--project", "percept", "--hash", "b915ec8", "--no-reload"], {
      cwd,
      env,
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "Target: percept (b915ec8) · v2_shared · tenant t_abc123_api · connection from $PERCEPT_DATABASE_URL",
    );
    const tables = await db.query(
      "select 1 from pg_tables where schemaname = 't_abc123_api' and tablename = 'items'",
    );
    expect(tables.rowCount).toBe(1);

    const listing = await run(
      ["migrations", "list", "--project", "percept", "--hash", "b915ec8", "--format", "json"],
      {
        cwd,
        env,
      },
    );
    expect(listing.code).toBe(0);
    const parsed = JSON.parse(listing.stdout) as { migrations: { version: string; state: string }[] };
    expect(parsed.migrations.map((entry) => [entry.version, entry.state])).toEqual([
      ["0001", "applied"],
      ["0002", "applied"],
    ]);
    // The other tenant of the same database has everything pending.
    const other = await run(["migrations", "list", "--hash", "0c4f2aa"], { cwd, env, tty: true });
    expect(other.stdout).toMatch(/0001\s+items\s+pending/);
  });

  test("migrations list shows pending, changed-after-apply and missing files", async ({ db }) => {
    const cwd = copyFixture("moods");
    await run(["push", "migrations", "--database-url", db.url, "--no-reload"], { cwd });
    appendFileSync(path.join(cwd, "migrations/0001_moods.sql"), "-- edited\n");
    writeFileSync(path.join(cwd, "migrations/0011_new.sql"), "select 1;\n");
    rmSync(path.join(cwd, "migrations/0002_mood_functions.sql"));
    const result = await run(["migrations", "list", "--database-url", db.url], { cwd, tty: true });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/0001\s+moods\s+CHANGED after apply/);
    expect(result.stdout).toMatch(/0002\s+mood_functions\s+missing file/);
    expect(result.stdout).toMatch(/0010\s+mood_label_index\s+applied\s+\d{4}-/);
    expect(result.stdout).toMatch(/0011\s+new\s+pending/);
  });

  test("ledger upgrade assigns a legacy ledger, and a second run has nothing to do", async ({ db }) => {
    await db.query("create schema t_abc123_api");
    await db.query(`create schema flux;
      create table flux.flux_migrations (version text primary key, name text, checksum text not null,
        applied_at timestamptz not null default now());
      insert into flux.flux_migrations (version, name, checksum) values ('0001', 'items', 'aaaa')`);
    const cwd = copyFixture("tenant");
    const refused = await run(
      ["push", "migrations", "--database-url", db.url, "--tenant-schema", "t_abc123_api"],
      { cwd },
    );
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain("bin/migrate-pooled-ledger.sh --assign-legacy-to t_abc123_api");
    const args = ["ledger", "upgrade", "--assign-legacy-to", "t_abc123_api", "--database-url", db.url];
    const upgraded = await run(args, { cwd });
    expect(upgraded.code).toBe(0);
    expect(upgraded.stdout).toContain("Upgraded: assigned 1 legacy row(s) to t_abc123_api");
    const again = await run(args, { cwd });
    expect(again.stdout).toContain("Nothing to do");
  });
});

describe("flux.json errors and pg-flux list", () => {
  it("pg-flux list shows the projects without secrets", async () => {
    const cwd = copyFixture("config");
    const result = await run(["list"], {
      cwd,
      env: { PERCEPT_DATABASE_URL: "postgres://a:b@h/d" },
      tty: true,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /percept\s+b915ec8\s+v2_shared\s+t_abc123_api\s+\$PERCEPT_DATABASE_URL\s+migrations/,
    );
    expect(result.stdout).toMatch(/ledger\s+1d2e3f4\s+v1\s+\$LEDGER_DATABASE_URL \(unset\)\s+db\/migrations/);
  });

  it("a missing flux.json is a clear error (exit 2)", async () => {
    const cwd = copyFixture("moods");
    const listing = await run(["list"], { cwd });
    expect(listing.code).toBe(2);
    expect(listing.stderr).toContain(`${path.join(cwd, "flux.json")}: flux.json not found`);
    const push = await run(["push", "migrations", "--project", "percept", "--hash", "b915ec8"], { cwd });
    expect(push.code).toBe(2);
    expect(push.stderr).toContain("flux.json not found");
    expect(push.stderr).toContain("hint: create flux.json");
  });

  it("an invalid flux.json names the file and what is wrong (exit 2), without the password", async () => {
    const invalid = await run(["list"], { cwd: copyFixture("config-invalid") });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/flux\.json:3:\d+: invalid JSON in flux\.json/);
    const secret = await run(["push", "x.sql"], { cwd: copyFixture("config-secret") });
    expect(secret.code).toBe(2);
    expect(secret.stderr).toContain(
      "projects[0].url holds a password (postgres://app:***@db.example.com/app)",
    );
    expect(secret.stderr).toContain('projects[0].plan must be "v1" or "v2_shared"');
    expect(secret.stderr).not.toContain("hunter2");
  });

  it("--plan with --dry-run is invalid input", async () => {
    const result = await run(
      ["push", "migrations", "--plan", "--dry-run", "--database-url", "postgres://u@h/d"],
      {
        cwd: copyFixture("moods"),
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--plan and --dry-run exclude each other");
  });

  it("bin/migrate-pooled-ledger.sh forwards its arguments to pg-flux ledger upgrade", () => {
    const fakeBin = mkdtempSync(path.join(os.tmpdir(), "pgflux-fake-bin-"));
    writeFileSync(path.join(fakeBin, "pg-flux"), '#!/bin/sh\necho "pg-flux $*"\n', { mode: 0o755 });
    const script = fileURLToPath(new URL("../../../bin/migrate-pooled-ledger.sh", import.meta.url));
    const output = execFileSync(
      "sh",
      [script, "--assign-legacy-to", "t_abc123_api", "--database-url", "postgres://u@h/d"],
      {
        env: { ...process.env, PATH: `${fakeBin}:${process.env.PATH ?? ""}` },
        encoding: "utf8",
      },
    );
    expect(output.trim()).toBe(
      "pg-flux ledger upgrade --assign-legacy-to t_abc123_api --database-url postgres://u@h/d",
    );
  });

  it("--help shows examples and exit codes", async () => {
    const help = await run(["push", "--help"], { cwd: os.tmpdir() });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("pg-flux push migrations/ --plan");
    expect(help.stdout).toContain("3 refused (checksum conflict, legacy ledger, a partly");
    expect(help.stdout).toContain("130/143 interrupted by Ctrl-C (SIGINT) or SIGTERM");
    const upgrade = await run(["ledger", "upgrade", "--help"], { cwd: os.tmpdir() });
    expect(upgrade.stdout).toContain("--assign-legacy-to");
  });
});
