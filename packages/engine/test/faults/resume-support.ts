/**
 * Shared by the "failures are resumable" fault tests: plan and apply from SQL text, wait on a
 * server condition (never on a fixed sleep), and read what a test checks after a failure.
 */
import type { TestDatabase } from "@pg-flux/testkit";
import type pg from "pg";
import { type ApplyResult, applyMigration, type PlannedMigration, planMigration } from "../../src/index.js";

export const source = (text: string) => [{ name: "schema.sql", text }];

export function plan(db: TestDatabase, desired: string, verify = true): Promise<PlannedMigration> {
  return planMigration({ databaseUrl: db.url, sources: source(desired), options: { verify } });
}

/** Plans and applies `desired` (one run of `pg-flux migrate apply`). */
export async function run(
  db: TestDatabase,
  desired: string,
  options: Omit<Parameters<typeof applyMigration>[0], "databaseUrl" | "plan"> & { verify?: boolean } = {},
): Promise<ApplyResult> {
  const { verify, ...apply } = options;
  const planned = await plan(db, desired, verify ?? true);
  return applyMigration({ databaseUrl: db.url, plan: planned.plan, ...apply });
}

/** Polls `probe` until it returns something truthy; fails after a generous deadline. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  deadlineMs = 60_000,
): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The backend of pg-flux's apply once it is waiting on a lock while running `query` (a prefix) and,
 * when `exists` names a relation, once that relation is there (a concurrent build's index entry).
 */
export function applyBackendWaiting(db: TestDatabase, query: string, exists?: string): Promise<number> {
  return waitFor(`pg-flux waiting on a lock in ${query}`, async () => {
    const { rows } = await db.query<{ pid: number }>(
      `select pid from pg_stat_activity
        where datname = current_database() and application_name like 'pg-flux%'
          and state = 'active' and wait_event_type = 'Lock' and query like $1
          and ($2::text is null or to_regclass($2) is not null)`,
      [`${query}%`, exists ?? null],
    );
    return rows[0]?.pid ?? null;
  });
}

/** Generous: each plan starts a scratch server, and the machine is shared. */
export const FAULT_TEST_TIMEOUT_MS = 300_000;

export async function count(db: TestDatabase, table: string): Promise<number> {
  // `table` is a test constant, never input
  return Number((await db.query<{ n: string }>(`select count(*)::text as n from ${table}`)).rows[0]?.n);
}

/** Locks other sessions hold on `table`, and advisory locks (pg-flux's apply lock) anywhere. */
export async function locksLeft(db: TestDatabase, table: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from pg_locks l
      where l.pid <> pg_backend_pid()
        and (l.locktype = 'advisory' or l.relation = to_regclass($1))`,
    [table],
  );
  return rows[0]?.n ?? -1;
}

/** Whether a relation (view, materialized view, index) of that name exists. */
export async function exists(db: TestDatabase, name: string): Promise<boolean> {
  const { rows } = await db.query<{ r: string | null }>("select to_regclass($1)::text as r", [name]);
  return rows[0]?.r != null;
}

export async function indexState(db: TestDatabase, name: string): Promise<{ valid: boolean } | null> {
  const { rows } = await db.query<{ valid: boolean }>(
    "select indisvalid and indisready as valid from pg_index where indexrelid = to_regclass($1)",
    [name],
  );
  return rows[0] ?? null;
}

/** Opens a second session that holds `sql` in an open transaction until `end` is called. */
export async function holdInTransaction(db: TestDatabase, sql: string): Promise<{ end(): Promise<void> }> {
  const client: pg.Client = await db.connect();
  await client.query("begin");
  await client.query(sql);
  let ended = false;
  return {
    async end() {
      if (ended) return;
      ended = true;
      await client.query("rollback").catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}
