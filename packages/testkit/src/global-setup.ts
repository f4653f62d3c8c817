import { type EmbeddedServer, parseMajor, startEmbeddedPostgres } from "@pg-flux/engine";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { TEMPLATE_DATABASE, type TestServerInfo } from "./servers.js";

declare module "vitest" {
  export interface ProvidedContext {
    pgfluxServers: readonly TestServerInfo[];
  }
}

/**
 * Vitest global setup for the integration project: one real PostgreSQL server per test worker
 * (`PGFLUX_TEST_PG` picks the major, default 18), or the server at `PGFLUX_TEST_DATABASE_URL`.
 * Each server gets an empty template database that per-test databases are cloned from.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.PGFLUX_TEST_DATABASE_URL;
  const servers: EmbeddedServer[] = [];
  let infos: TestServerInfo[];
  if (external) {
    infos = [await prepare(external)];
  } else {
    const major = parseMajor(process.env.PGFLUX_TEST_PG, "PGFLUX_TEST_PG");
    const workers = Math.max(1, Number(project.config.maxWorkers) || 1);
    const started = await Promise.all(
      Array.from({ length: workers }, () => startEmbeddedPostgres({ major })),
    );
    servers.push(...started);
    infos = await Promise.all(started.map((server) => prepare(server.url)));
  }
  project.provide("pgfluxServers", infos);
  return async () => {
    await Promise.all(servers.map((server) => server.stop()));
  };
}

async function prepare(adminUrl: string): Promise<TestServerInfo> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const version = Number(
      (await client.query<{ v: number }>("select current_setting('server_version_num')::int as v")).rows[0]
        ?.v,
    );
    const exists = await client.query("select 1 from pg_database where datname = $1", [TEMPLATE_DATABASE]);
    if (exists.rowCount === 0) {
      await client.query(`create database ${TEMPLATE_DATABASE} template template0 encoding 'UTF8'`);
    }
    return { adminUrl, serverVersionNum: version, major: Math.floor(version / 10000) };
  } finally {
    await client.end();
  }
}
