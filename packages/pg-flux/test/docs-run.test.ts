import { execFile, execFileSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type TestDatabase, test } from "@pg-flux/testkit";
import pg from "pg";
import { afterAll, describe, expect } from "vitest";

/**
 * Docs run: every fenced shell block (```sh, bash, shell) of README.md and docs/*.md is executed, in
 * order per file, in a temporary folder set up as that document assumes (below), against a fresh
 * database of the test server. A block that must not run is preceded by `<!-- not run: <why> -->`.
 *
 * How a block runs: as one bash script in that folder (so `cd` and variables carry over); each
 * command line must exit 0, or the code its comment names (`# exit 3`). `pg-flux` is the installable
 * package's command (packages/pg-flux, built by `npm test`), on PATH and in node_modules/.bin as an
 * `npm install` of it leaves it, so `npx pg-flux` runs it too. `DATABASE_URL` is the database;
 * `$EDITOR` is a stand-in that appends a table to the file it is given.
 */
const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const BIN = path.join(REPO, "packages/pg-flux/bin/pg-flux.js");
const run = promisify(execFile);

export interface ShellBlock {
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly text: string;
  /** The reason of a preceding `<!-- not run: … -->`, or null when the block runs. */
  readonly notRun: string | null;
}

/** The fenced shell blocks of a markdown text. */
export function shellBlocks(file: string, markdown: string): ShellBlock[] {
  const lines = markdown.split("\n");
  const blocks: ShellBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^(`{3,})(\w*)\s*$/.exec(lines[i]!);
    if (!fence) continue;
    const close = lines.findIndex(
      (line, j) => j > i && line.startsWith(fence[1]!) && line.trim() === fence[1],
    );
    const end = close === -1 ? lines.length : close;
    if (["sh", "bash", "shell"].includes(fence[2]!)) {
      const previous = lines.slice(0, i).findLast((line) => line.trim() !== "") ?? "";
      const marker = /^<!--\s*not run(?::\s*(.*?))?\s*-->$/.exec(previous.trim());
      blocks.push({
        file,
        line: i + 1,
        text: lines.slice(i + 1, end).join("\n"),
        notRun: marker ? (marker[1] ?? "") : null,
      });
    }
    i = end;
  }
  return blocks;
}

/** The block as a script that stops at the first command line ending with another code than its own. */
export function checkedScript(block: ShellBlock): string {
  const out = ["set -u"];
  const lines = block.text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    let command = lines[i]!;
    while (command.endsWith("\\") && i + 1 < lines.length) command += `\n${lines[++i]}`;
    if (command.trim() === "" || command.trim().startsWith("#")) continue;
    const expected = Number(/#\s*exit (\d+)\b/.exec(command)?.[1] ?? 0);
    const where = `${block.file}:${block.line + 1 + i}`;
    out.push(
      `{ ${command}\n}`,
      `code=$?; if [ "$code" -ne ${expected} ]; then echo "docs run: ${where}: exit $code, the doc expects ${expected}" >&2; exit 97; fi`,
    );
  }
  return `${out.join("\n")}\n`;
}

/** The documents whose blocks run, README first. */
function documents(): string[] {
  const docs = readdirSync(path.join(REPO, "docs"))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => `docs/${name}`);
  return ["README.md", ...docs];
}

const USERS = "CREATE TABLE users (\n  id bigint PRIMARY KEY,\n  email text NOT NULL\n);\n";

/**
 * The folder (and database) each document's examples assume. Every folder is a git repository holding
 * fixtures/examples and schema/users.sql; the database is empty unless said here.
 */
const WORLDS: Record<string, (dir: string, db: TestDatabase) => Promise<void>> = {
  // `migrate apply --allow-hazards=DATA_LOSS`: the database holds a column the schema drops
  "docs/hazards.md": async (_dir, db) => {
    await db.query("create table users (id bigint primary key, email text not null, legacy_phone text)");
  },
  // codegen from the database equals codegen from the files: the database holds the schema
  "docs/codegen.md": async (_dir, db) => {
    await db.query("create table users (id bigint primary key, email text not null)");
  },
  // the files and flux.json push.md names
  "docs/push.md": async (dir, db) => {
    write(dir, {
      "migrations/0001_create_moods.sql": "create table moods (id bigint primary key, mood text not null);\n",
      "flux/scripts/seed.sql": "insert into moods values (1, 'calm') on conflict (id) do nothing;\n",
      "db/migrations/0001_moods.sql": "create table moods (id bigint primary key, mood text not null);\n",
      // the desired schema the last block generates from: what the migrations made, and users
      "schema/moods.sql":
        "CREATE TABLE moods (id bigint PRIMARY KEY, mood text NOT NULL);\nCREATE SCHEMA t_abc123_api;\nCREATE TABLE t_abc123_api.moods (id bigint PRIMARY KEY, mood text NOT NULL);\n",
      "flux.json": fluxJsonOf(readFileSync(path.join(REPO, "docs/push.md"), "utf8")),
    });
    await db.query("create schema t_abc123_api");
  },
  // fleet.md: three tenants (t_c_api already has the view: a group of its own), the desired
  // schema, targets.json and flux.json as the page shows them, and a second database for its us-1
  "docs/fleet.md": async (dir, db) => {
    const markdown = readFileSync(path.join(REPO, "docs/fleet.md"), "utf8");
    const tenant = /```sql\n(-- tenant\/items.sql\n[\s\S]*?)```/.exec(markdown)?.[1];
    const targets = /### Several databases: `targets.json`\n\n```json\n([\s\S]*?)```/.exec(markdown)?.[1];
    const fluxJson = /### In flux.json: the `fleet` section\n[\s\S]*?```json\n([\s\S]*?)```/.exec(
      markdown,
    )?.[1];
    if (!tenant || !targets || !fluxJson)
      throw new Error("docs/fleet.md: the tenant schema, targets.json or flux.json example is gone");
    write(dir, { "tenant/items.sql": tenant, "targets.json": targets, "flux.json": fluxJson });
    for (const schema of ["t_a_api", "t_b_api", "t_c_api"]) {
      await db.query(
        `create schema ${schema}; create table ${schema}.items (id bigint primary key, title text not null)`,
      );
    }
    await db.query("create view t_c_api.item_titles as select id, title from t_c_api.items");
    await db.query(`create database ${db.name}_us`);
  },
};

/** What each document's examples leave behind, checked after its blocks ran. */
const AFTER: Record<string, (dir: string, db: TestDatabase, output: string) => Promise<void>> = {
  "docs/fleet.md": async (dir, db, output) => {
    expect(output).toContain("3 targets in 2 groups");
    expect(readFileSync(path.join(dir, "fleet-plan.md"), "utf8")).toContain("## pg-flux fleet plan");
    // the fleet flux.json names, listed without a target flag
    const listed = JSON.parse(readFileSync(path.join(dir, "fleet.json"), "utf8")) as { id: string }[];
    expect(listed.map((target) => target.id)).toEqual(["t_a_api", "t_b_api", "t_c_api"]);
    const indexes = await db.query(
      "select schemaname from pg_indexes where indexname = 'items_title' order by 1",
    );
    expect(indexes.rows.map((row) => row.schemaname)).toEqual(["t_a_api", "t_b_api", "t_c_api"]);
    const runs = await db.query<{ status: string; n: number }>(
      "select status, count(*)::int as n from flux.fleet_outcomes group by 1 order by 1",
    );
    // the first apply, the re-run, the several-databases apply (eu-1's tenants: nothing to do)
    expect(runs.rows).toEqual([
      { status: "applied", n: 3 },
      { status: "nothing_to_do", n: 6 },
    ]);
    const us = new pg.Client({ connectionString: db.urlFor(`${db.name}_us`) });
    await us.connect();
    try {
      expect((await us.query("select to_regclass('public.notes')::text as t")).rows).toEqual([
        { t: "notes" },
      ]);
    } finally {
      await us.end();
      await db.query(`drop database if exists ${db.name}_us with (force)`);
    }
  },
  "README.md": async (_dir, db, output) => {
    expect(output).toContain("ALTER TABLE user_accounts RENAME TO users;");
    expect(output).toContain("ALTER TABLE users DROP COLUMN legacy_phone;");
    expect((await db.query("select count(*)::int as n from users")).rows[0]?.n).toBe(0);
  },
  "docs/hazards.md": async (_dir, db) => {
    const columns = await db.query(
      "select column_name from information_schema.columns where table_name = 'users' order by 1",
    );
    expect(columns.rows.map((row) => row.column_name)).toEqual(["email", "id"]);
  },
  "docs/codegen.md": async (dir) => {
    expect(readFileSync(path.join(dir, "src/db.ts"), "utf8")).toContain("events");
    expect(readdirSync(path.join(dir, "migrations"))).toEqual(["0001_migration.sql"]);
    expect(execFileSync("git", ["log", "--format=%s"], { cwd: dir, encoding: "utf8" })).toContain("edit");
  },
  "docs/push.md": async (dir, db) => {
    expect((await db.query("select mood from moods")).rows).toEqual([{ mood: "calm" }]);
    expect((await db.query("select 1 from t_abc123_api.moods")).rowCount).toBe(0);
    // migrate generate wrote users' migration, push applied it through the ledger
    expect(readdirSync(path.join(dir, "migrations"))).toEqual([
      "0001_create_moods.sql",
      "0002_migration.sql",
    ]);
    expect((await db.query("select 1 from users")).rowCount).toBe(0);
    const ledger = await db.query(
      "select version from flux.flux_migrations where tenant_schema = '' order by 1",
    );
    expect(ledger.rows.map((row) => row.version)).toEqual(["0001", "0002"]);
  },
};

/** The flux.json of push.md's "Targets and tenants" section, its projects' URLs from the environment. */
function fluxJsonOf(markdown: string): string {
  const json = /`flux.json` in the working directory[\s\S]*?```json\n([\s\S]*?)```/.exec(markdown)?.[1];
  if (!json) throw new Error("docs/push.md: the flux.json example is gone");
  return json;
}

function write(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
}

const temp: string[] = [];
afterAll(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

/** A folder as a user's project has it: git, pg-flux installed, the files the docs use. */
function world(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pgflux-docs-"));
  temp.push(dir);
  cpSync(path.join(REPO, "fixtures/examples"), path.join(dir, "fixtures/examples"), { recursive: true });
  write(dir, { "schema/users.sql": USERS, ".gitignore": "node_modules/\n.pg-flux-cache/\n" });
  mkdirSync(path.join(dir, "node_modules/.bin"), { recursive: true });
  symlinkSync(path.join(REPO, "packages/pg-flux"), path.join(dir, "node_modules/pg-flux"));
  symlinkSync(BIN, path.join(dir, "node_modules/.bin/pg-flux"));
  symlinkSync(path.join(REPO, "bin"), path.join(dir, "bin"));
  // $EDITOR: adds a table to the file it is given, as the person editing would
  const editor = path.join(dir, "node_modules/.bin/docs-editor");
  writeFileSync(
    editor,
    '#!/bin/sh\nprintf "CREATE TABLE events (\\n  id bigint PRIMARY KEY,\\n  at timestamptz NOT NULL\\n);\\n" >> "$1"\n',
  );
  chmodSync(editor, 0o755);
  // git commit's editor: writes the message
  const message = path.join(dir, "node_modules/.bin/docs-commit-message");
  writeFileSync(message, '#!/bin/sh\necho "edit: the events table" > "$1"\n');
  chmodSync(message, 0o755);
  execFileSync("git", ["init", "-q"], { cwd: dir });
  return dir;
}

async function runBlocks(file: string, blocks: readonly ShellBlock[], db: TestDatabase) {
  const dir = world();
  await WORLDS[file]?.(dir, db);
  let output = "";
  for (const block of blocks) {
    const script = path.join(dir, ".docs-block.sh");
    writeFileSync(script, checkedScript(block));
    const env: NodeJS.ProcessEnv = {
      PATH: `${path.join(dir, "node_modules/.bin")}${path.delimiter}${process.env.PATH}`,
      HOME: process.env.HOME,
      DATABASE_URL: db.url,
      PERCEPT_DATABASE_URL: db.url,
      BILLING_DATABASE_URL: db.url,
      US_DATABASE_URL: db.urlFor(`${db.name}_us`),
      EDITOR: "docs-editor",
      GIT_AUTHOR_NAME: "docs",
      GIT_AUTHOR_EMAIL: "docs@example.com",
      GIT_COMMITTER_NAME: "docs",
      GIT_COMMITTER_EMAIL: "docs@example.com",
      GIT_EDITOR: "docs-commit-message",
    };
    const result = await run("bash", ["--noprofile", "--norc", script], {
      cwd: dir,
      env,
      timeout: 240_000,
      maxBuffer: 16 * 1024 * 1024,
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({
        code: error.code ?? -1,
        stdout: error.stdout ?? "",
        stderr: error.stderr ?? "",
      }),
    );
    expect(result.code, `${file}:${block.line}\n${block.text}\n--- stderr:\n${result.stderr}`).toBe(0);
    output += result.stdout;
  }
  await AFTER[file]?.(dir, db, output);
}

const all = documents().flatMap((file) => shellBlocks(file, readFileSync(path.join(REPO, file), "utf8")));

describe("docs run: the shell examples of README.md and docs/*.md", { timeout: 300_000 }, () => {
  test("every block is run, or says why not", () => {
    expect(
      existsSync(path.join(REPO, "packages/pg-flux/dist/cli.js")),
      "run npm run build (npm test does)",
    ).toBe(true);
    const silent = all.filter((block) => block.notRun === "").map((block) => `${block.file}:${block.line}`);
    expect(silent, "<!-- not run --> needs a reason: <!-- not run: why -->").toEqual([]);
    expect(all.filter((block) => block.notRun === null).length).toBeGreaterThan(8);
  });

  const runnable = new Map<string, ShellBlock[]>();
  for (const block of all.filter((b) => b.notRun === null))
    runnable.set(block.file, [...(runnable.get(block.file) ?? []), block]);
  for (const [file, blocks] of runnable) {
    test(`${file}: ${blocks.map((block) => `line ${block.line}`).join(", ")}`, async ({ db }) => {
      await runBlocks(file, blocks, db);
    });
  }
});
