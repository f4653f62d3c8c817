import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { InvalidInputError } from "@pg-flux/core";
import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { checksumOf } from "../src/checksum.js";
import { planMigrations } from "../src/plan-push.js";
import { pushMigrations } from "../src/push.js";
import { databaseTarget } from "../src/target.js";
import { copyFixture } from "./helpers.js";

const noReload = { skip: true } as const;

describe("checksum conflicts", () => {
  test("an edited applied migration refuses the push, names the file and both checksums, and runs nothing", async ({
    db,
  }) => {
    const cwd = copyFixture("moods");
    await pushMigrations({ target: databaseTarget(db.url), path: "migrations", cwd, reload: noReload });
    const edited = path.join(cwd, "migrations/0001_moods.sql");
    const recorded = checksumOf(readFileSync(edited, "utf8"));
    appendFileSync(edited, "alter table moods add column colour text;\n");
    writeFileSync(path.join(cwd, "migrations/0011_pending.sql"), "create table pending_table (id int);\n");

    const result = await pushMigrations({
      target: databaseTarget(db.url),
      path: "migrations",
      cwd,
      reload: noReload,
    });
    expect(result.status).toBe("refused");
    if (result.status !== "refused") return;
    expect(result.reason).toBe("checksum_conflict");
    const current = checksumOf(readFileSync(edited, "utf8"));
    expect(result.message).toContain("migrations/0001_moods.sql (version 0001) changed after it was applied");
    expect(result.message).toContain(`recorded checksum ${recorded}`);
    expect(result.message).toContain(`current checksum  ${current}`);
    expect(result.message).toContain("nothing was run");
    expect(result.hint).toContain("write a new migration");
    expect(result.conflicts).toEqual([
      expect.objectContaining({ version: "0001", recordedChecksum: recorded, currentChecksum: current }),
    ]);
    // The pending file did not run, nor did the edit.
    expect((await db.query("select to_regclass('public.pending_table') as t")).rows[0]?.t).toBeNull();
    const colour = await db.query("select 1 from information_schema.columns where column_name = 'colour'");
    expect(colour.rowCount).toBe(0);

    const plan = await planMigrations({ target: databaseTarget(db.url), path: "migrations", cwd });
    expect(plan.status).toBe("refused");
  });

  test("CRLF line endings do not count as an edit", async ({ db }) => {
    const cwd = copyFixture("moods");
    await pushMigrations({ target: databaseTarget(db.url), path: "migrations", cwd, reload: noReload });
    const file = path.join(cwd, "migrations/0001_moods.sql");
    writeFileSync(file, readFileSync(file, "utf8").replaceAll("\n", "\r\n"));
    const again = await pushMigrations({
      target: databaseTarget(db.url),
      path: "migrations",
      cwd,
      reload: noReload,
    });
    expect(again.status).toBe("nothing_to_do");
  });
});

describe("a failure in the middle of a directory push", () => {
  test("earlier files stay applied, the failed one is not recorded, the error names file:line:col", async ({
    db,
  }) => {
    const cwd = copyFixture("failing");
    const result = await pushMigrations({
      target: databaseTarget(db.url),
      path: "migrations",
      cwd,
      reload: noReload,
    });
    expect(result.status).toBe("failed");
    if (result.status !== "failed") return;
    expect(result.applied.map((file) => file.version)).toEqual(["0001"]);
    expect(result.failure.file).toBe("migrations/0002_typo.sql");
    expect(result.failure.version).toBe("0002");
    const error = result.failure.error;
    // `insert into tags (id) select idd from notes;` — the server points at `idd`.
    expect(error.location).toEqual({ file: "migrations/0002_typo.sql", line: 4, column: 30 });
    expect(error.sourceLine).toBe("insert into tags (id) select idd from notes;");
    expect(error.sqlState).toBe("42703");
    expect(error.message).toContain('column "idd" does not exist');

    const ledger = await db.query<{ version: string }>(
      "select version from flux.flux_migrations order by version",
    );
    expect(ledger.rows.map((row) => row.version)).toEqual(["0001"]);
    expect((await db.query("select to_regclass('public.notes') as t")).rows[0]?.t).toBe("notes");
    // 0002 ran in its own transaction: its first statement was rolled back with it.
    expect((await db.query("select to_regclass('public.tags') as t")).rows[0]?.t).toBeNull();
    expect((await db.query("select to_regclass('public.never_applied') as t")).rows[0]?.t).toBeNull();

    // Fixing the file lets the push continue where it stopped.
    writeFileSync(
      path.join(cwd, "migrations/0002_typo.sql"),
      "create table tags (id int primary key);\ninsert into tags (id) select id from notes;\n",
    );
    const resumed = await pushMigrations({
      target: databaseTarget(db.url),
      path: "migrations",
      cwd,
      reload: noReload,
    });
    expect(resumed.status).toBe("applied");
    if (resumed.status === "applied")
      expect(resumed.applied.map((file) => file.version)).toEqual(["0002", "0003"]);
  });

  test("a failing no-transaction file keeps its earlier statements (autocommit) but is not recorded", async ({
    db,
  }) => {
    const cwd = copyFixture("moods");
    writeFileSync(
      path.join(cwd, "migrations/0011_broken_concurrently.sql"),
      "-- pg-flux:no-transaction\nbegin;\ncreate table half (id int);\ncommit;\ncreate index concurrently broken on no_such_table (id);\n",
    );
    const result = await pushMigrations({
      target: databaseTarget(db.url),
      path: "migrations",
      cwd,
      reload: noReload,
    });
    expect(result.status).toBe("failed");
    if (result.status !== "failed") return;
    expect(result.applied).toHaveLength(3);
    expect(result.failure.error.location).toMatchObject({
      file: "migrations/0011_broken_concurrently.sql",
      line: 5,
    });
    // Autocommit: the statements before the failure stay.
    expect((await db.query("select to_regclass('public.half') as t")).rows[0]?.t).toBe("half");
    const ledger = await db.query("select 1 from flux.flux_migrations where version = '0011'");
    expect(ledger.rowCount).toBe(0);
  });

  test("syntax errors, duplicate versions and unversioned names are reported together before connecting", async () => {
    const cwd = copyFixture("duplicate");
    writeFileSync(
      path.join(cwd, "migrations/0002_bad.sql"),
      "create table ok (id int);\ncreate tabel oops (id int);\n",
    );
    writeFileSync(path.join(cwd, "migrations/notes.sql"), "select 1;\n");
    const unreachable = databaseTarget("postgres://nobody@127.0.0.1:1/none");
    const error = await pushMigrations({ target: unreachable, path: "migrations", cwd }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    const problems = (error as InvalidInputError).problems;
    expect(problems.map((problem) => problem.message)).toEqual([
      "migrations/notes.sql: migration file name has no version prefix",
      "duplicate migration version 0001: migrations/0001_first.sql, migrations/1_second.sql",
      'syntax error at or near "tabel"',
    ]);
    expect(problems[2]?.location).toEqual({ file: "migrations/0002_bad.sql", line: 2, column: 8 });
  });

  test("CREATE INDEX CONCURRENTLY in a transactional file is caught before it runs, with the fix", async ({
    db,
  }) => {
    const cwd = copyFixture("moods");
    writeFileSync(
      path.join(cwd, "migrations/0011_index.sql"),
      "-- forgot the directive\ncreate index concurrently moods_id on moods (id);\n",
    );
    const error = await pushMigrations({ target: databaseTarget(db.url), path: "migrations", cwd }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    const problem = (error as InvalidInputError).problems[0];
    expect(problem?.message).toBe("CREATE INDEX CONCURRENTLY cannot run inside a transaction block");
    expect(problem?.location).toEqual({ file: "migrations/0011_index.sql", line: 2, column: 1 });
    expect(problem?.hint).toContain("-- pg-flux:no-transaction");
    expect((await db.query("select to_regclass('public.moods') as t")).rows[0]?.t).toBeNull();
  });
});
