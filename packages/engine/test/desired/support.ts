import { fileURLToPath } from "node:url";
import { formatError } from "@pg-flux/core";
import { corpus } from "@pg-flux/testkit/external";
import pg from "pg";

export const FIXTURES = fileURLToPath(new URL("../../../../fixtures/desired/", import.meta.url));
/** The external corpus, or undefined in a clone without it (see @pg-flux/testkit/external). */
export const CORPUS = corpus().dir;

/** The names one catalog query returns from a server (its first column). */
async function names(adminUrl: string, sql: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(sql);
    return rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

/** The `pgflux_shadow_*` databases on a server. */
export function scratchDatabases(adminUrl: string): Promise<string[]> {
  return names(
    adminUrl,
    "select datname as name from pg_database where datname like 'pgflux\\_shadow\\_%' order by 1",
  );
}

/** The `pgflux_load_*` roles (a shadow load's throwaway role) on a server. */
export function loaderRoles(adminUrl: string): Promise<string[]> {
  return names(
    adminUrl,
    "select rolname as name from pg_roles where rolname like 'pgflux\\_load\\_%' order by 1",
  );
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
export function leftoverScratchDatabases(adminUrl: string, ms = 15_000): Promise<string[]> {
  return settled(() => scratchDatabases(adminUrl), ms);
}

/** The loader roles left once in-flight shadow loads have finished (as leftoverScratchDatabases). */
export function leftoverLoaderRoles(adminUrl: string, ms = 30_000): Promise<string[]> {
  return settled(() => loaderRoles(adminUrl), ms);
}

async function settled(list: () => Promise<string[]>, ms: number): Promise<string[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await list();
    if (found.length === 0 || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
