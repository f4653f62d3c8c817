import { fileURLToPath } from "node:url";
import { formatError } from "@pg-flux/core";
import { corpus } from "@pg-flux/testkit/external";
import pg from "pg";

export const FIXTURES = fileURLToPath(new URL("../../../../fixtures/desired/", import.meta.url));
/** The external corpus, or undefined in a clone without it (see @pg-flux/testkit/external). */
export const CORPUS = corpus().dir;

/** The `pgflux_shadow_*` databases on a server. */
export async function scratchDatabases(adminUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      "select datname from pg_database where datname like 'pgflux\\_shadow\\_%' order by 1",
    );
    return rows.map((row) => row.datname);
  } finally {
    await client.end();
  }
}

/** The user-facing text of a rejection, or the value when nothing was thrown. */
export async function errorText(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return "(no error)";
  } catch (error) {
    return formatError(error);
  }
}

/**
 * The scratch databases left on the server once in-flight drops have finished: other test files
 * share this server, and a process of theirs may be dropping its scratch database right now. Polls
 * for up to `ms`; a database that is still there afterwards is a real leak.
 */
export async function leftoverScratchDatabases(adminUrl: string, ms = 15_000): Promise<string[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const names = await scratchDatabases(adminUrl);
    if (names.length === 0 || Date.now() > deadline) return names;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
