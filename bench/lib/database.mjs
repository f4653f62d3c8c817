/** Databases on a bench server: create, load from SQL files, clone, list user schemas. */
import { quoteIdent } from "@pg-flux/core";
import pg from "pg";
import { psqlFiles } from "./pg-tools.mjs";
import { databaseUrl } from "./servers.mjs";

/** Runs `body` with a connected client, always closing it. */
export async function withClient(url, body) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

/** Creates a database (optionally as a copy of `template`) and returns its URL. */
export async function createDatabase(serverUrl, name, template) {
  const copy = template ? ` TEMPLATE ${quoteIdent(template)}` : "";
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}${copy}`));
  return databaseUrl(serverUrl, name);
}

/** Loads SQL files into a new database, in one psql session run from `cwd`. */
export async function createLoadedDatabase(serverUrl, name, files, cwd, psqlOptions) {
  const url = await createDatabase(serverUrl, name);
  await psqlFiles(url, files, cwd, psqlOptions);
  return url;
}

/** Every non-system schema of a database (what a user would pass to `--schemas`). */
export function userSchemas(url) {
  return withClient(url, async (client) => {
    const { rows } = await client.query(
      `SELECT nspname FROM pg_catalog.pg_namespace
        WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
          AND nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%'
        ORDER BY nspname`,
    );
    return rows.map((row) => row.nspname);
  });
}
