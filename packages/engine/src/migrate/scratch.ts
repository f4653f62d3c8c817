import { randomBytes } from "node:crypto";
import { PgFluxError, redactUrl } from "@pg-flux/core";
import pg from "pg";
import { DEFAULT_MAJOR, findBinaries, isSupportedMajor, type PostgresMajor } from "../embedded/binaries.js";
import { type EmbeddedServer, startEmbeddedPostgres } from "../embedded/server.js";

/**
 * Where scratch databases live (decision 0003), in order: the `--shadow-url` server; a temporary
 * database on the target server when the role may create databases; otherwise an embedded
 * PostgreSQL started for the command, with a warning when its major differs from the target's.
 * One host serves every scratch database of a command (the desired state, the verification copy).
 */
export interface ScratchHost {
  readonly placement: "shadow" | "target" | "embedded";
  /** A fresh, empty database; the caller drops it. */
  createDatabase(): Promise<ScratchDatabase>;
  /** Notes for the user (an embedded server of another major). */
  readonly warnings: readonly string[];
  /** Stops an embedded server; drops nothing else (each database is dropped by its owner). */
  close(): Promise<void>;
}

export interface ScratchDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

export interface ScratchOptions {
  readonly shadowUrl?: string | undefined;
  /** The database being migrated, when there is one. */
  readonly targetUrl?: string | undefined;
  /** The major of the target server (chooses the embedded server's major). */
  readonly targetMajor?: number | undefined;
}

export const SCRATCH_PREFIX = "pgflux_shadow_";

export async function openScratchHost(options: ScratchOptions): Promise<ScratchHost> {
  if (options.shadowUrl) {
    if (!(await canCreateDatabase(options.shadowUrl, true))) {
      throw new PgFluxError(
        `the --shadow-url role may not create databases on ${redactUrl(options.shadowUrl)}`,
        {
          code: "invalid_input",
          hint: "grant it CREATEDB (pg-flux creates and drops pgflux_shadow_* databases there)",
        },
      );
    }
    return serverHost("shadow", options.shadowUrl, null, []);
  }
  if (options.targetUrl && (await canCreateDatabase(options.targetUrl, false))) {
    return serverHost("target", options.targetUrl, null, []);
  }
  const wanted = options.targetMajor;
  let major: PostgresMajor = DEFAULT_MAJOR;
  const warnings: string[] = [];
  if (wanted !== undefined && isSupportedMajor(wanted) && hasBinaries(wanted)) major = wanted;
  else if (wanted !== undefined) {
    warnings.push(
      `scratch databases run on an embedded PostgreSQL ${major} while the target runs ${wanted}; pass --shadow-url to normalize on the target's major`,
    );
  }
  const server = await startEmbeddedPostgres({ major });
  return serverHost("embedded", server.url, server, warnings);
}

function hasBinaries(major: PostgresMajor): boolean {
  try {
    findBinaries(major);
    return true;
  } catch {
    return false;
  }
}

function serverHost(
  placement: ScratchHost["placement"],
  adminUrl: string,
  server: EmbeddedServer | null,
  warnings: readonly string[],
): ScratchHost {
  return {
    placement,
    warnings,
    async createDatabase() {
      const name = `${SCRATCH_PREFIX}${randomBytes(6).toString("hex")}`;
      // `name` is generated from [a-z0-9_], never from input.
      await withClient(adminUrl, (client) => client.query(`create database ${name} template template0`));
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return {
        name,
        url: url.toString(),
        drop: () =>
          withClient(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`)).then(
            () => undefined,
          ),
      };
    },
    async close() {
      await server?.stop();
    },
  };
}

async function canCreateDatabase(url: string, strict: boolean): Promise<boolean> {
  try {
    return await withClient(url, async (client) => {
      const { rows } = await client.query<{ ok: boolean }>(
        "select rolcreatedb or rolsuper as ok from pg_roles where rolname = current_user",
      );
      return rows[0]?.ok === true;
    });
  } catch (error) {
    if (strict) throw error;
    return false;
  }
}

/** Runs `work` on a fresh connection; a connection failure names the server without its password. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: "pg-flux" });
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new PgFluxError(
      `could not connect to ${redactUrl(url)}: ${error instanceof Error ? error.message : String(error)}`,
      { code: "runtime", cause: error, hint: "check the URL (--database-url, DATABASE_URL, --shadow-url)" },
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Opens a scratch database, runs `work`, and drops it whatever happens. */
export async function withScratchDatabase<T>(
  host: ScratchHost,
  work: (db: ScratchDatabase) => Promise<T>,
): Promise<T> {
  const db = await host.createDatabase();
  try {
    return await work(db);
  } finally {
    await db.drop().catch(() => undefined);
  }
}
