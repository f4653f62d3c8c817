import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { TEMPLATE_DATABASE, type TestServerInfo } from "./servers.js";

/** A fresh database on a real server, created for one test and dropped after it. */
export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  readonly server: TestServerInfo;
  /** Runs SQL on a connection owned by the test database (closed when it is dropped). */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<pg.QueryResult<R>>;
  /** A new client the caller must end. */
  connect(): Promise<pg.Client>;
  /** URL of another database on the same server. */
  urlFor(database: string): string;
  drop(): Promise<void>;
}

/** The server this worker uses: workers are spread over the servers the global setup started. */
export function testServer(): TestServerInfo {
  const servers = inject("pgfluxServers");
  if (!servers || servers.length === 0) {
    throw new Error(
      "no test server: run this test in the integration project (its globalSetup starts servers)",
    );
  }
  const pool = Math.max(1, Number(process.env.VITEST_POOL_ID ?? "1"));
  return servers[(pool - 1) % servers.length]!;
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
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

export async function createTestDatabase(prefix = "t"): Promise<TestDatabase> {
  const server = testServer();
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  // The name is generated from [a-z0-9_], never from input, so it needs no quoting.
  await admin(server, (client) => client.query(`create database ${name} template ${TEMPLATE_DATABASE}`));
  const url = databaseUrl(server.adminUrl, name);
  let shared: pg.Client | undefined;
  const clients = new Set<pg.Client>();
  const connect = async () => {
    const client = new pg.Client({ connectionString: url });
    client.on("error", () => undefined);
    await client.connect();
    clients.add(client);
    return client;
  };
  return {
    name,
    url,
    server,
    urlFor: (database) => databaseUrl(server.adminUrl, database),
    async query<R extends pg.QueryResultRow>(sql: string, params?: readonly unknown[]) {
      shared ??= await connect();
      return shared.query<R>(sql, params as unknown[] | undefined);
    },
    connect,
    async drop() {
      await Promise.all([...clients].map((client) => client.end().catch(() => undefined)));
      await admin(server, (client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}
