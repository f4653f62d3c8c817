/**
 * Shared by the "failures are resumable" fault tests: plan and apply from SQL text, wait on a
 * server condition (never on a fixed sleep), and read what a test checks after a failure.
 */
import type { TestDatabase } from "@pg-flux/testkit";
import type pg from "pg";
import { expect } from "vitest";
import {
  type ApplyResult,
  applyMigration,
  type PlannedMigration,
  planMigration,
  type RunFailure,
} from "../../src/index.js";

export const source = (text: string) => [{ name: "schema.sql", text }];

export function plan(db: TestDatabase, desired: string, verify = true): Promise<PlannedMigration> {
  return planMigration({ databaseUrl: db.url, sources: source(desired), options: { verify } });
}

type ApplyOptions = Omit<Parameters<typeof applyMigration>[0], "databaseUrl" | "plan">;
/** A failed apply whose failure is a step's (the only kind these tests provoke). */
export type FailedApply = Extract<ApplyResult, { status: "failed" }> & { readonly failure: RunFailure };

/** Plans and applies `desired` (one run of `pg-flux migrate apply`). */
export async function run(
  db: TestDatabase,
  desired: string,
  options: ApplyOptions & { verify?: boolean } = {},
): Promise<ApplyResult> {
  const { verify, ...apply } = options;
  const planned = await plan(db, desired, verify ?? true);
  return applyMigration({ databaseUrl: db.url, plan: planned.plan, ...apply });
}

/** Asserts that an apply failed on a step, and returns it as such (the test stops here otherwise). */
export function expectFailed(result: ApplyResult): FailedApply {
  expect(result.status).toBe("failed");
  if (result.status !== "failed") throw new Error(`the apply should have failed; it ended ${result.status}`);
  const { failure } = result;
  expect(failure).not.toBeNull();
  if (!failure) throw new Error(`the apply failed outside a step: ${result.message}`);
  return { ...result, failure };
}

/** Applies `planned` to `db`, which must fail (see `expectFailed`). */
export async function applyFailing(
  db: TestDatabase,
  planned: PlannedMigration["plan"],
  options: ApplyOptions = {},
): Promise<FailedApply> {
  return expectFailed(await applyMigration({ databaseUrl: db.url, plan: planned, ...options }));
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

const LOCKS_RELEASED_WITHIN_MS = 30_000;

/** Locks other sessions hold on `table`, and advisory locks (pg-flux's apply lock) anywhere. */
export async function locksLeft(db: TestDatabase, table: string): Promise<number> {
  const held = async () => {
    const { rows } = await db.query<{ n: number }>(
      `select count(*)::int as n from pg_locks l
        where l.pid <> pg_backend_pid()
          and l.database = (select oid from pg_database where datname = current_database())
          and (l.locktype = 'advisory' or l.relation = to_regclass($1))`,
      [table],
    );
    return rows[0]?.n ?? -1;
  };
  // A backend that was killed, or whose client just disconnected (the test's own reader), releases
  // its locks as it exits, a moment after its client saw it go: polled (up to 30 s), never slept on.
  // A lock still held then is one left behind.
  const deadline = Date.now() + LOCKS_RELEASED_WITHIN_MS;
  for (;;) {
    const n = await held();
    if (n === 0 || Date.now() > deadline) return n;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
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

/** Rows in the table `millionRowTable` makes. */
export const MILLION = 1_000_000;

/**
 * SQL that creates `big (id bigint primary key, <columns>)` and fills it with a million rows,
 * `id` = g and the other columns `values` (SQL over g). Autovacuum is off: an auto-analyze of the
 * fresh rows takes SHARE UPDATE EXCLUSIVE, one more lock a step would wait on or time out behind;
 * the sessions a test holds must be the only ones its steps wait for.
 */
export function millionRowTable(columns: string, values: string): string {
  return `
  create table big (id bigint primary key, ${columns}) with (autovacuum_enabled = false);
  insert into big select g, ${values} from generate_series(1, ${MILLION}) g;`;
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

/**
 * Runs `work` while a second session holds `sql` in an open transaction (`holdInTransaction`), and
 * ends that session afterwards whatever happened; `work` may end it earlier.
 */
export async function whileHolding<T>(
  db: TestDatabase,
  sql: string,
  work: (holder: { end(): Promise<void> }) => Promise<T>,
): Promise<T> {
  const holder = await holdInTransaction(db, sql);
  try {
    return await work(holder);
  } finally {
    await holder.end();
  }
}
