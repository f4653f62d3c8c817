import { type Interruptible, interruptibleQuery } from "@pg-flux/inspector";
import type pg from "pg";

/**
 * A session-level advisory lock keyed by the ledger and tenant: pushes to the same database and
 * tenant run one after another (the second waits, then finds the first one's work recorded), while
 * pushes for different tenants of a pooled database proceed in parallel. Session-level, because
 * `no-transaction` files run in autocommit.
 */
export function ledgerLockKey(tenant: string): string {
  return `pg-flux:flux.flux_migrations:${tenant}`;
}

/**
 * Takes the lock, waiting as long as another push holds it; resolves to the milliseconds waited.
 * The wait is a statement like any other: `stop` cancels it (an InterruptedError).
 */
export async function acquireLedgerLock(
  client: pg.ClientBase,
  tenant: string,
  stop?: Interruptible,
): Promise<number> {
  const key = ledgerLockKey(tenant);
  const { rows } = await client.query<{ locked: boolean }>(
    "select pg_try_advisory_lock(hashtextextended($1, 0)) as locked",
    [key],
  );
  if (rows[0]?.locked) return 0;
  const started = Date.now();
  await interruptibleQuery(client, stop, "select pg_advisory_lock(hashtextextended($1, 0))", [key]);
  return Date.now() - started;
}

export async function releaseLedgerLock(client: pg.ClientBase, tenant: string): Promise<void> {
  await client.query("select pg_advisory_unlock(hashtextextended($1, 0))", [ledgerLockKey(tenant)]);
}
