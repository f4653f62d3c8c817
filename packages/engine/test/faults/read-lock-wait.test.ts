import { writeFileSync } from "node:fs";
import path from "node:path";
import { PgFluxError } from "@pg-flux/core";
import { test } from "@pg-flux/testkit";
import type pg from "pg";
import { describe, expect } from "vitest";
import { planMigration } from "../../src/migrate/index.js";
import { applyMigration } from "../../src/run/apply.js";
import { runCli, startCli, waitFor, workdir } from "./helpers.js";

/**
 * Inspect and plan behind another session's lock (finding 7 of issue 14): catalog reads used to
 * wait silently for as long as an ACCESS EXCLUSIVE lock was held (45 s seen). Now they wait at
 * most the read lock timeout (`--read-lock-timeout`, flux.json `migrate.readLockTimeout`, default
 * 5s), then stop naming the blocking session — pid, lock, relation, its query — and change nothing.
 * Every pg-flux connection shows as `pg-flux <role>` in pg_stat_activity. The blocking session
 * holds its lock for the whole test, so no timing decides the outcome.
 */

const SCHEMA = "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n";

/** A session that takes `lock` on users and keeps it (its transaction stays open). */
async function holdLock(
  client: pg.Client,
  statement: string,
  name: string,
): Promise<{ readonly pid: number; readonly release: () => Promise<void> }> {
  await client.query(`set application_name = '${name}'`);
  const pid = (await client.query<{ pid: number }>("select pg_backend_pid() as pid")).rows[0]!.pid;
  await client.query("begin");
  await client.query(statement);
  return { pid, release: () => client.query("rollback").then(() => undefined) };
}

describe("catalog reads behind a lock", () => {
  test("migrate plan stops within --read-lock-timeout and names the blocker; flux.json sets it too", async ({
    db,
  }) => {
    await db.query("create table users (id bigint primary key)");
    const holder = await holdLock(
      await db.connect(),
      "lock table users in access exclusive mode",
      "the-blocker",
    );
    try {
      const dir = workdir({ "schema.sql": SCHEMA });
      const plan = ["migrate", "plan", "--database-url", db.url, "--source", "schema.sql"];
      const flag = await runCli([...plan, "--read-lock-timeout", "1s"], dir);
      writeFileSync(path.join(dir, "flux.json"), JSON.stringify({ migrate: { readLockTimeout: "1500ms" } }));
      const config = await runCli(plan, dir);
      for (const [result, timeout] of [
        [flag, "1s"],
        [config, "1500ms"],
      ] as const) {
        expect(result.code).toBe(1);
        expect(result.stdout).toBe("");
        expect(result.stderr).toContain(
          `Error: reading the catalog waited ${timeout} (the read lock timeout) for a lock and gave up; nothing was changed`,
        );
        expect(result.stderr).toMatch(
          new RegExp(
            `pid ${holder.pid} holds ACCESS EXCLUSIVE on public\\.users \\(user \\w+, application the-blocker, idle in transaction, for \\d+s\\): lock table users in access exclusive mode`,
          ),
        );
        expect(result.stderr).toContain(`select pg_terminate_backend(${holder.pid})`);
        expect(result.stderr).toContain("--read-lock-timeout");
      }
      // pg-flux ended nothing: the blocker still holds its lock, and the table is as it was
      const held = await db.query(
        "select 1 from pg_locks where pid = $1 and mode = 'AccessExclusiveLock' and granted",
        [holder.pid],
      );
      expect(held.rowCount).toBeGreaterThan(0);
    } finally {
      await holder.release();
    }
    const columns = await db.query(
      "select column_name from information_schema.columns where table_name = 'users'",
    );
    expect(columns.rows.map((row) => row.column_name)).toEqual(["id"]);
  }, 120_000);

  test("while it waits it shows as pg-flux inspect in pg_stat_activity, and finishes when the lock goes", async ({
    db,
  }) => {
    await db.query("create table users (id bigint primary key)");
    const holder = await holdLock(
      await db.connect(),
      "lock table users in access exclusive mode",
      "the-blocker",
    );
    const dir = workdir({ "schema.sql": SCHEMA });
    const cli = startCli(
      ["migrate", "plan", "--database-url", db.url, "--source", "schema.sql", "--read-lock-timeout", "10min"],
      dir,
    );
    try {
      const waiting = await waitFor("pg-flux to wait for the lock", async () => {
        const { rows } = await db.query<{ pid: number; application_name: string; blockers: number[] }>(
          `select pid, application_name, pg_blocking_pids(pid) as blockers from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock' and application_name like 'pg-flux%'`,
        );
        return rows[0];
      });
      expect(waiting.application_name).toBe("pg-flux inspect");
      expect(waiting.blockers).toEqual([holder.pid]);
    } finally {
      await holder.release();
    }
    const { code } = await cli.exit;
    expect(cli.stderr()).toBe("");
    expect(code).toBe(0);
    expect(cli.stdout()).toContain("ALTER TABLE users ADD COLUMN email text;");
  }, 120_000);

  test("a lock request queued behind a reader blocks reads too: both sessions are named", async ({ db }) => {
    await db.query("create table users (id bigint primary key)");
    const reader = await holdLock(await db.connect(), "select count(*) from users", "the-reader");
    const lockerClient = await db.connect();
    await lockerClient.query("set application_name = 'the-locker'");
    const lockerPid = (await lockerClient.query<{ pid: number }>("select pg_backend_pid() as pid")).rows[0]!
      .pid;
    await lockerClient.query("begin");
    const locked = lockerClient.query("lock table users in access exclusive mode");
    try {
      await waitFor("the ACCESS EXCLUSIVE request to queue", async () => {
        const { rows } = await db.query("select 1 from pg_locks where pid = $1 and not granted", [lockerPid]);
        return rows.length > 0;
      });
      const error = await planMigration({
        databaseUrl: db.url,
        sources: [{ name: "schema.sql", text: SCHEMA }],
        readLockTimeout: "1s",
        options: { verify: false },
      }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(PgFluxError);
      const message = (error as PgFluxError).message;
      expect(message).toContain(
        `pid ${lockerPid} waits for ACCESS EXCLUSIVE on public.users (behind pid ${reader.pid}), and readers queue behind it`,
      );
      expect(message).toContain("application the-locker, active");
      expect((error as PgFluxError).sqlState).toBe("55P03");
    } finally {
      await reader.release();
      await locked;
      await lockerClient.query("rollback");
    }
  }, 120_000);

  test("apply reads the live fingerprint with the same timeout, and changes nothing when it gives up", async ({
    db,
  }) => {
    await db.query("create table users (id bigint primary key)");
    const { plan } = await planMigration({
      databaseUrl: db.url,
      sources: [{ name: "schema.sql", text: SCHEMA }],
      options: { verify: false },
    });
    expect(plan.steps).toHaveLength(1);
    const holder = await holdLock(
      await db.connect(),
      "lock table users in access exclusive mode",
      "the-blocker",
    );
    try {
      await expect(applyMigration({ databaseUrl: db.url, plan, readLockTimeout: "1s" })).rejects.toThrow(
        new RegExp(`pid ${holder.pid} holds ACCESS EXCLUSIVE on public\\.users`),
      );
    } finally {
      await holder.release();
    }
    const columns = await db.query(
      "select column_name from information_schema.columns where table_name = 'users'",
    );
    expect(columns.rows.map((row) => row.column_name)).toEqual(["id"]);
    // the apply lock was released: a second apply goes through
    expect((await applyMigration({ databaseUrl: db.url, plan })).status).toBe("applied");
  }, 120_000);
});
