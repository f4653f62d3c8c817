import type pg from "pg";
import { interruptibleSleep } from "./cancel.js";

/**
 * One apply per database: a session-level advisory lock. Advisory locks live in the database they
 * were taken in, so one key serves every database of a server. Session-level because autocommit
 * steps run outside any transaction.
 */
export const APPLY_LOCK_KEY = "pg-flux:migrate-apply";

export type ApplyLockResult =
  | { readonly status: "acquired"; readonly waitedMs: number }
  | { readonly status: "busy"; readonly holderPid: number | null; readonly waitedMs: number };

const POLL_MS = 200;

/**
 * Takes the lock, polling up to `waitMs`; `onWait` is called once when the lock is held by someone
 * else. Throws an InterruptedError when `signal` fires while it waits.
 */
export async function acquireApplyLock(
  client: pg.ClientBase,
  waitMs: number,
  onWait?: (holderPid: number | null) => void,
  signal?: AbortSignal,
): Promise<ApplyLockResult> {
  const started = Date.now();
  let warned = false;
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>(
      "select pg_try_advisory_lock(hashtextextended($1, 0)) as locked",
      [APPLY_LOCK_KEY],
    );
    if (rows[0]?.locked) return { status: "acquired", waitedMs: Date.now() - started };
    const holder = await lockHolder(client);
    if (!warned) {
      warned = true;
      onWait?.(holder);
    }
    if (Date.now() - started >= waitMs) {
      return { status: "busy", holderPid: holder, waitedMs: Date.now() - started };
    }
    await interruptibleSleep(POLL_MS, signal);
  }
}

export async function releaseApplyLock(client: pg.ClientBase): Promise<void> {
  await client.query("select pg_advisory_unlock(hashtextextended($1, 0))", [APPLY_LOCK_KEY]);
}

async function lockHolder(client: pg.ClientBase): Promise<number | null> {
  const { rows } = await client.query<{ pid: number }>(
    `select l.pid from pg_locks l
      where l.locktype = 'advisory' and l.database = (select oid from pg_database where datname = current_database())
        and l.granted and (l.classid::bigint << 32 | l.objid::bigint) = hashtextextended($1, 0)
      limit 1`,
    [APPLY_LOCK_KEY],
  );
  return rows[0]?.pid ?? null;
}
