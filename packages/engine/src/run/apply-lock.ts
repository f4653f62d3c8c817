import { interruptibleSleep } from "@pg-flux/inspector";
import type pg from "pg";

/**
 * One apply per database: a session-level advisory lock. Advisory locks live in the database they
 * were taken in, so one key serves every database of a server. Session-level because autocommit
 * steps run outside any transaction.
 *
 * A fleet applies to several tenant schemas of one database at once: such an apply is scoped to its
 * schema. It holds APPLY_LOCK_KEY shared (so a whole-database apply waits for it, and it for one)
 * and `pg-flux:migrate-apply:<schema>` exclusively (one apply per tenant).
 */
export const APPLY_LOCK_KEY = "pg-flux:migrate-apply";

/** The key a scoped apply holds exclusively. */
export function scopedApplyLockKey(scope: string): string {
  return `${APPLY_LOCK_KEY}:${scope}`;
}

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
  scope?: string,
): Promise<ApplyLockResult> {
  const started = Date.now();
  let warned = false;
  for (;;) {
    if (await tryLock(client, scope)) return { status: "acquired", waitedMs: Date.now() - started };
    const holder = await lockHolder(client, scope);
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

/** Takes the whole-database lock, or for a scope the shared one and the scope's; all or nothing. */
async function tryLock(client: pg.ClientBase, scope: string | undefined): Promise<boolean> {
  if (scope === undefined) {
    const { rows } = await client.query<{ locked: boolean }>(
      "select pg_try_advisory_lock(hashtextextended($1, 0)) as locked",
      [APPLY_LOCK_KEY],
    );
    return rows[0]?.locked === true;
  }
  const { rows } = await client.query<{ locked: boolean }>(
    "select pg_try_advisory_lock_shared(hashtextextended($1, 0)) as locked",
    [APPLY_LOCK_KEY],
  );
  if (rows[0]?.locked !== true) return false;
  const scoped = await client.query<{ locked: boolean }>(
    "select pg_try_advisory_lock(hashtextextended($1, 0)) as locked",
    [scopedApplyLockKey(scope)],
  );
  if (scoped.rows[0]?.locked === true) return true;
  await client.query("select pg_advisory_unlock_shared(hashtextextended($1, 0))", [APPLY_LOCK_KEY]);
  return false;
}

export async function releaseApplyLock(client: pg.ClientBase, scope?: string): Promise<void> {
  if (scope === undefined) {
    await client.query("select pg_advisory_unlock(hashtextextended($1, 0))", [APPLY_LOCK_KEY]);
    return;
  }
  await client.query("select pg_advisory_unlock(hashtextextended($1, 0))", [scopedApplyLockKey(scope)]);
  await client.query("select pg_advisory_unlock_shared(hashtextextended($1, 0))", [APPLY_LOCK_KEY]);
}

/** A session in the way: the holder of the scope's key, else of the whole-database key. */
async function lockHolder(client: pg.ClientBase, scope: string | undefined): Promise<number | null> {
  const { rows } = await client.query<{ pid: number }>(
    `select l.pid from pg_locks l
      where l.locktype = 'advisory' and l.database = (select oid from pg_database where datname = current_database())
        and l.granted and l.pid <> pg_backend_pid()
        and (l.classid::bigint << 32 | l.objid::bigint) = any(array[hashtextextended($1, 0), hashtextextended($2, 0)])
      order by l.mode = 'ExclusiveLock' desc
      limit 1`,
    [scope === undefined ? APPLY_LOCK_KEY : scopedApplyLockKey(scope), APPLY_LOCK_KEY],
  );
  return rows[0]?.pid ?? null;
}
