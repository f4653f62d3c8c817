import { connectionUrl, PgFluxError, quoteLiteral, redactUrl } from "@pg-flux/core";
import { withConnection } from "@pg-flux/inspector";
import type pg from "pg";
import { DEFAULT_MAJOR, findBinaries, isSupportedMajor, type PostgresMajor } from "../embedded/binaries.js";
import { type EmbeddedServer, startEmbeddedPostgres } from "../embedded/server.js";
import { registerCleanup } from "./cleanup.js";
import { isStale, SCRATCH_PREFIX, scratchName } from "./scratch-name.js";

/** Where the desired state is normalized: a server that can hold throwaway databases. */
export interface ScratchHost {
  readonly placement: "shadow" | "target" | "embedded";
  /** A fresh, empty database (`CREATE DATABASE … TEMPLATE template0`); the caller drops it. */
  createDatabase(): Promise<ScratchDatabase>;
  /** Notes for the user (an embedded server of another major than the target's). */
  readonly warnings: readonly string[];
  /** Stops an embedded server. */
  close(): Promise<void>;
}

export interface ScratchDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

export interface ScratchHostOptions {
  readonly shadowUrl?: string | undefined;
  readonly targetUrl?: string | undefined;
  /** Major of the embedded server when one is needed (default: the target's, else 18). */
  readonly embeddedMajor?: PostgresMajor | undefined;
}

/**
 * Picks the scratch server, in order: `shadowUrl`; the target server when its role may create
 * databases (rolcreatedb or superuser); otherwise an embedded PostgreSQL, with a warning when its
 * major differs from the target's. Stale `pgflux_shadow_*` databases (older than an hour) on the
 * chosen server are dropped first.
 */
export async function openScratchHost(options: ScratchHostOptions): Promise<ScratchHost> {
  if (options.shadowUrl) {
    if (!(await canCreateDatabase(options.shadowUrl, true))) {
      throw new PgFluxError(`the shadow role may not create databases on ${redactUrl(options.shadowUrl)}`, {
        code: "invalid_input",
        hint: "grant it CREATEDB: pg-flux creates and drops pgflux_shadow_* databases there",
      });
    }
    return serverHost("shadow", options.shadowUrl, null, []);
  }
  let targetMajor: number | undefined;
  if (options.targetUrl) {
    const target = await withClient(options.targetUrl, async (client) => {
      const { rows } = await client.query<{ ok: boolean; v: string }>(
        "select (select rolcreatedb or rolsuper from pg_roles where rolname = current_user) as ok, current_setting('server_version_num') as v",
      );
      return rows[0];
    });
    targetMajor = Math.floor(Number(target?.v) / 10000);
    if (target?.ok === true) return serverHost("target", options.targetUrl, null, []);
  }
  const warnings: string[] = [];
  let major: PostgresMajor = options.embeddedMajor ?? DEFAULT_MAJOR;
  if (options.embeddedMajor === undefined && targetMajor !== undefined && isSupportedMajor(targetMajor)) {
    if (hasBinaries(targetMajor)) major = targetMajor;
  }
  if (targetMajor !== undefined && major !== targetMajor) {
    warnings.push(
      `the desired state is normalized on an embedded PostgreSQL ${major} while the target runs ${targetMajor}: deparsed SQL may differ; pass --shadow-url to a server of the target's major`,
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
  let reaped = false;
  return {
    placement,
    warnings,
    async createDatabase() {
      if (!reaped) {
        reaped = true;
        await dropStaleScratchDatabases(adminUrl).catch(() => undefined);
      }
      const name = scratchName();
      // `name` is generated from [a-z0-9_], never from input: no quoting needed
      await withClient(adminUrl, (client) => client.query(`create database ${name} template template0`));
      const url = new URL(connectionUrl(adminUrl));
      url.pathname = `/${name}`;
      const dropNow = () =>
        withClient(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`)).then(
          () => undefined,
        );
      let unregister: () => void = () => undefined;
      const drop = async () => {
        unregister();
        await dropNow();
      };
      unregister = registerCleanup(dropNow);
      return { name, url: url.toString(), drop };
    },
    async close() {
      await server?.stop();
    },
  };
}

/** Drops `pgflux_shadow_*` databases whose name says they are more than an hour old. */
export async function dropStaleScratchDatabases(
  adminUrl: string,
  now: number = Date.now(),
): Promise<string[]> {
  return withClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `select datname from pg_database where datname like ${quoteLiteral(`${SCRATCH_PREFIX}%`)}`,
    );
    const dropped: string[] = [];
    for (const { datname } of rows) {
      if (!isStale(datname, now)) continue;
      // only names matching the generated pattern reach here ([a-z0-9_])
      await client.query(`drop database if exists ${datname} with (force)`).catch(() => undefined);
      dropped.push(datname);
    }
    return dropped;
  });
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
export function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  return withConnection(url, "scratch", work);
}
