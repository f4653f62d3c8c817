import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { databaseUrl, type TestServerInfo, testServer } from "@pg-flux/testkit";
import pg from "pg";

/**
 * The fault suite's tools: a big table cloned per test, the CLI as a child process to send signals
 * to, waits on server state (never sleeps of fixed length), and a TCP proxy that can stop letting
 * new connections through.
 */

export const REPO = fileURLToPath(new URL("../../../../", import.meta.url));
const BIN = path.join(REPO, "packages/cli/bin/pg-flux.js");
const DIST_MAIN = path.join(REPO, "packages/cli/dist/main.js");

export const BIG_ROWS = 2_000_000;

/**
 * `fault_key` is what makes a long step long on any machine: it sleeps 0.2 ms per row when the
 * session's `pgflux_fault.mode` is `slow` (set per database with ALTER DATABASE, so pg-flux's own
 * connections get it), so building an index over it takes minutes on 2M rows — the tests interrupt
 * it long before — and it costs next to nothing when the mode is unset (the re-run).
 */
export const FAULT_KEY_SQL = `create function fault_key(t text) returns text language plpgsql immutable as $$
begin
  if current_setting('pgflux_fault.mode', true) = 'slow' then perform pg_sleep(0.0002); end if;
  return t;
end $$`;

/** The desired schema of the big table: `n` of `nType`, `big_key` over fault_key when `keyIndex`. */
export function bigSchema(options: { readonly nType: string; readonly keyIndex: boolean }): string {
  return [
    `create table big (id int primary key, n ${options.nType} not null, payload text not null);`,
    `${FAULT_KEY_SQL};`,
    ...(options.keyIndex ? ["create index big_key on big (fault_key(payload));"] : []),
    "",
  ].join("\n");
}

/** A database on the worker's server, with one connection of the test's own. */
export interface FaultDatabase {
  readonly name: string;
  readonly url: string;
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<pg.QueryResult<R>>;
  /** Makes pg-flux's next connections run fault_key slowly (`slow`) or at full speed (null). */
  faultMode(mode: "slow" | null): Promise<void>;
  close(): Promise<void>;
  drop(): Promise<void>;
}

async function admin<T>(server: TestServerInfo, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: server.adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function openDatabase(server: TestServerInfo, name: string): Promise<FaultDatabase> {
  const url = databaseUrl(server.adminUrl, name);
  const client = new pg.Client({ connectionString: url, application_name: "fault test" });
  client.on("error", () => undefined);
  await client.connect();
  const close = () => client.end().catch(() => undefined);
  return {
    name,
    url,
    query: (sql, params) => client.query(sql, params as unknown[] | undefined),
    // Names are generated from [a-z0-9_], never from input, so they need no quoting.
    faultMode: async (mode) => {
      await client.query(
        mode
          ? `alter database ${name} set pgflux_fault.mode = '${mode}'`
          : `alter database ${name} reset all`,
      );
    },
    close,
    async drop() {
      await close();
      await admin(server, (c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/**
 * A database holding `big` (2M rows, `big_key` built, n integer) and fault_key, made once per test
 * file; each test gets a file copy of it (`copyDatabase`), about a second instead of the fifteen the
 * rows take to write on a loaded machine.
 */
export async function bigTemplate(): Promise<{ readonly name: string; drop(): Promise<void> }> {
  const server = testServer();
  const name = `faults_big_${randomBytes(5).toString("hex")}`;
  await admin(server, (c) => c.query(`create database ${name} template pgflux_template`));
  const db = await openDatabase(server, name);
  try {
    await db.query(bigSchema({ nType: "int", keyIndex: false }));
    await db.query(`insert into big select g, g, md5(g::text) from generate_series(1, ${BIG_ROWS}) g`);
    await db.query("create index big_key on big (fault_key(payload))");
    await db.query("vacuum analyze big");
  } finally {
    await db.close();
  }
  return {
    name,
    async drop() {
      await admin(server, (c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/** A copy of `template` (a file copy where the server can: PostgreSQL 15+ defaults to WAL_LOG). */
export async function copyDatabase(template: string): Promise<FaultDatabase> {
  const server = testServer();
  const name = `faults_${randomBytes(6).toString("hex")}`;
  const strategy = server.serverVersionNum >= 150000 ? " strategy file_copy" : "";
  await admin(server, (c) => c.query(`create database ${name} template ${template}${strategy}`));
  return openDatabase(server, name);
}

/** Polls `condition` until it returns a value other than undefined/false; fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  condition: () => Promise<T | undefined | false>,
  options: { readonly timeoutMs?: number; readonly intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    const value = await condition();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 25));
  }
}

/** What pg-flux's sessions are doing on a database: statements running and locks held. */
export interface FluxActivity {
  /** `application_name: state: query` of every pg-flux backend that is running a statement. */
  readonly active: readonly string[];
  /** `application_name: locktype mode` of every lock a pg-flux backend holds. */
  readonly locks: readonly string[];
  /** ACCESS EXCLUSIVE locks on relations of the database, whoever holds them. */
  readonly accessExclusive: number;
}

export async function fluxActivity(db: FaultDatabase): Promise<FluxActivity> {
  const active = await db.query<{ line: string }>(
    `select application_name || ': ' || state || ': ' || left(query, 80) as line
       from pg_stat_activity
      where datname = current_database() and application_name like 'pg-flux%' and state <> 'idle'`,
  );
  const locks = await db.query<{ line: string }>(
    `select a.application_name || ': ' || l.locktype || ' ' || l.mode as line
       from pg_locks l join pg_stat_activity a on a.pid = l.pid
      where a.datname = current_database() and a.application_name like 'pg-flux%' and l.granted`,
  );
  const exclusive = await db.query<{ n: number }>(
    `select count(*)::int as n from pg_locks
      where mode = 'AccessExclusiveLock' and locktype = 'relation'
        and database = (select oid from pg_database where datname = current_database())`,
  );
  return {
    active: active.rows.map((row) => row.line),
    locks: locks.rows.map((row) => row.line),
    accessExclusive: exclusive.rows[0]?.n ?? 0,
  };
}

export function isQuiet(activity: FluxActivity): boolean {
  return activity.active.length === 0 && activity.locks.length === 0 && activity.accessExclusive === 0;
}

/** The rows of `big` are all there, unchanged: count and two sums over every row. */
export async function bigRows(db: FaultDatabase): Promise<{ n: number; sumN: string; sumId: string }> {
  const { rows } = await db.query<{ n: number; sumN: string; sumId: string }>(
    `select count(*)::int as n, sum(n)::text as "sumN", sum(id)::text as "sumId" from big
      where payload = md5(id::text)`,
  );
  return rows[0]!;
}

export const INTACT = {
  n: BIG_ROWS,
  sumN: String((BIG_ROWS * (BIG_ROWS + 1)) / 2),
  sumId: String((BIG_ROWS * (BIG_ROWS + 1)) / 2),
};

/** A temporary folder holding the given files. */
export function workdir(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pgflux-faults-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** The built CLI as a child process: its output so far, and its end. */
export interface CliChild {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startCli(argv: readonly string[], cwd: string): CliChild {
  if (!existsSync(DIST_MAIN)) {
    throw new Error(`the CLI is not built (${DIST_MAIN} is missing): run npm run build (npm test does)`);
  }
  const child = spawn(process.execPath, [BIN, ...argv], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal }));
  });
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

/** Runs the CLI to its end. */
export async function runCli(
  argv: readonly string[],
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cli = startCli(argv, cwd);
  const { code } = await cli.exit;
  return { code, stdout: cli.stdout(), stderr: cli.stderr() };
}

/**
 * A TCP proxy in front of the test server. `holdNewConnections()` makes it accept new connections
 * but forward nothing on them — a server that cannot be reached any more — while connections
 * already open keep working.
 */
export interface Proxy {
  /** `url` with the proxy's port. */
  urlFor(url: string): string;
  holdNewConnections(): void;
  close(): Promise<void>;
}

export async function startProxy(targetUrl: string): Promise<Proxy> {
  const target = new URL(targetUrl);
  let holding = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => undefined);
    if (holding) return;
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(upstream);
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    urlFor(url) {
      const proxied = new URL(url);
      proxied.hostname = "127.0.0.1";
      proxied.port = String(port);
      return proxied.toString();
    },
    holdNewConnections() {
      holding = true;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
