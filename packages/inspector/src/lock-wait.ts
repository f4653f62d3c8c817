import { PgFluxError } from "@pg-flux/core";
import type pg from "pg";

/** SQLSTATE of `lock_timeout` expiring (lock_not_available). */
export const LOCK_NOT_AVAILABLE = "55P03";

/** How long catalog reads wait for a lock before pg-flux names the blocker and stops (PostgreSQL duration). */
export const DEFAULT_READ_LOCK_TIMEOUT = "5s";

/** A session holding (or queued for) a lock that catalog reads wait behind. */
export interface LockHolder {
  readonly pid: number;
  readonly mode: string;
  readonly granted: boolean;
  readonly relation: string;
  readonly query: string | null;
  readonly state: string | null;
  readonly applicationName: string | null;
  readonly user: string | null;
  readonly seconds: number | null;
  /** For a queued request: the sessions it waits for (pg_blocking_pids). */
  readonly blockedBy: readonly number[];
}

/**
 * Sessions that make catalog reads wait: the inspector reads definitions under ACCESS SHARE
 * (pg_get_viewdef, pg_get_constraintdef, …), which only ACCESS EXCLUSIVE conflicts with — held, or
 * requested and queued (later readers queue behind the request). Temporary tables of other sessions
 * are never read, so they are left out.
 */
const LOCK_HOLDERS_SQL = `
select l.pid, l.mode, l.granted,
       format('%I.%I', n.nspname, c.relname) as relation,
       a.query, a.state, a.application_name, a.usename as user,
       floor(extract(epoch from clock_timestamp() - coalesce(a.xact_start, a.query_start)))::int as seconds,
       case when l.granted then '{}'::int[] else pg_blocking_pids(l.pid) end as blocked_by
  from pg_locks l
  join pg_class c on c.oid = l.relation
  join pg_namespace n on n.oid = c.relnamespace
  left join pg_stat_activity a on a.pid = l.pid
 where l.locktype = 'relation'
   and l.database = (select oid from pg_database where datname = current_database())
   and l.mode = 'AccessExclusiveLock'
   and l.pid <> pg_backend_pid()
   and c.relpersistence <> 't'
   and ($1::text[] is null or n.nspname = any($1))
 order by l.granted desc, l.pid, relation`;

interface HolderRow {
  readonly pid: number;
  readonly mode: string;
  readonly granted: boolean;
  readonly relation: string;
  readonly query: string | null;
  readonly state: string | null;
  readonly application_name: string | null;
  readonly user: string | null;
  readonly seconds: number | null;
  readonly blocked_by: number[] | null;
}

/** Who holds the locks catalog reads wait for, read on `client` (outside any aborted transaction). */
export async function lockHolders(
  client: pg.ClientBase,
  schemas: readonly string[] | null,
): Promise<LockHolder[]> {
  const { rows } = await client.query<HolderRow>(LOCK_HOLDERS_SQL, [schemas ? [...schemas] : null]);
  return rows.map((row) => ({
    pid: row.pid,
    mode: row.mode,
    granted: row.granted,
    relation: row.relation,
    query: row.query,
    state: row.state,
    applicationName: row.application_name,
    user: row.user,
    seconds: row.seconds,
    blockedBy: row.blocked_by ?? [],
  }));
}

/**
 * The error for catalog reads that gave up after `timeout`: it names each blocking session — pid,
 * lock and relation, for how long, who, and its query (shortened, passwords masked) — and how to
 * go on. Reads the holders on `client`, whose transaction the caller has rolled back.
 */
export async function lockWaitError(
  client: pg.ClientBase,
  schemas: readonly string[] | null,
  timeout: string,
  cause: unknown,
): Promise<PgFluxError> {
  const holders = await lockHolders(client, schemas).catch(() => []);
  const pids = [...new Set(holders.filter((h) => h.granted).map((h) => h.pid))];
  const lines = [
    `reading the catalog waited ${timeout} (the read lock timeout) for a lock and gave up; nothing was changed`,
    ...(holders.length > 0
      ? holders.map((holder) => `  ${describeHolder(holder)}`)
      : ["  the lock was released before pg-flux could see who held it"]),
  ];
  const terminate =
    pids.length > 0 ? `, end it (select pg_terminate_backend(${pids.join("), pg_terminate_backend(")}))` : "";
  return new PgFluxError(lines.join("\n"), {
    code: "runtime",
    sqlState: LOCK_NOT_AVAILABLE,
    cause,
    hint: `wait for the session to finish${terminate}, or wait longer with --read-lock-timeout (flux.json migrate.readLockTimeout); then run again`,
  });
}

function describeHolder(holder: LockHolder): string {
  const mode = holder.mode
    .replace(/Lock$/, "")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toUpperCase();
  const who = [
    holder.user ? `user ${holder.user}` : null,
    holder.applicationName ? `application ${holder.applicationName}` : null,
    holder.state,
    holder.seconds !== null ? `for ${holder.seconds}s` : null,
  ]
    .filter(Boolean)
    .join(", ");
  const what = holder.granted
    ? `holds ${mode} on ${holder.relation}`
    : `waits for ${mode} on ${holder.relation}${holder.blockedBy.length > 0 ? ` (behind pid ${holder.blockedBy.join(", ")})` : ""}, and readers queue behind it`;
  const query = holder.query ? `: ${shortQuery(holder.query)}` : "";
  return `pid ${holder.pid} ${what} (${who})${query}`;
}

/** One line of at most 200 characters, with `PASSWORD '…'` literals masked. */
export function shortQuery(query: string): string {
  const line = query
    .replace(/\bpassword\s+'(?:[^']|'')*'/gi, "PASSWORD '***'")
    .replace(/\s+/g, " ")
    .trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
