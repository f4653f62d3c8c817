import { readFile } from "node:fs/promises";
import type pg from "pg";

/** How to tell PostgREST its schema cache is stale once SQL has run. */
export interface ReloadOptions {
  /** Skip the NOTIFY (`--no-reload`). */
  readonly skip?: boolean;
  /** The NOTIFY channel PostgREST listens on (`db-channel`), default `pgrst`. */
  readonly channel?: string;
  /** Send SIGUSR1 to this process (PostgREST reloads its schema cache on it). */
  readonly apiPid?: number;
  /** Read the pid to signal from this file. */
  readonly apiPidFile?: string;
}

export const DEFAULT_RELOAD_CHANNEL = "pgrst";
export const RELOAD_PAYLOAD = "reload schema";

export interface ReloadOutcome {
  /** The channel notified, or undefined when skipped. */
  readonly notified: string | undefined;
  /** The pid signalled with SIGUSR1. */
  readonly signalled: number | undefined;
  /** Problems that did not fail the push (e.g. the pid file is missing). */
  readonly warnings: readonly string[];
  readonly message: string;
}

/**
 * `NOTIFY <channel>, 'reload schema'` through `pg_notify` (the channel travels as a value, not as
 * SQL text), then optionally SIGUSR1 to the API process. Reloading is asynchronous: until PostgREST
 * has rebuilt its cache, requests may briefly fail with stale-shape errors.
 */
export async function requestReload(
  client: pg.ClientBase,
  options: ReloadOptions = {},
): Promise<ReloadOutcome> {
  const warnings: string[] = [];
  let notified: string | undefined;
  if (!options.skip) {
    const channel = options.channel ?? DEFAULT_RELOAD_CHANNEL;
    await client.query("select pg_notify($1, $2)", [channel, RELOAD_PAYLOAD]);
    notified = channel;
  }
  let signalled: number | undefined;
  const pid =
    options.apiPid ?? (options.apiPidFile ? await readPid(options.apiPidFile, warnings) : undefined);
  if (pid !== undefined) {
    try {
      process.kill(pid, "SIGUSR1");
      signalled = pid;
    } catch (error) {
      warnings.push(
        `could not signal API process ${pid}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      );
    }
  }
  const requested = [
    notified && `NOTIFY ${notified}`,
    signalled !== undefined && `SIGUSR1 to pid ${signalled}`,
  ]
    .filter(Boolean)
    .join(" and ");
  const message = requested
    ? `PostgREST schema reload requested (${requested}); until it completes, requests may briefly fail with stale-shape errors`
    : "PostgREST schema reload skipped; reload it yourself (NOTIFY pgrst, 'reload schema') before relying on the new shape";
  return { notified, signalled, warnings, message };
}

async function readPid(file: string, warnings: string[]): Promise<number | undefined> {
  try {
    const text = (await readFile(file, "utf8")).trim();
    const pid = Number(text);
    if (Number.isInteger(pid) && pid > 0) return pid;
    warnings.push(`pid file ${file} does not hold a process id`);
  } catch (error) {
    warnings.push(
      `could not read pid file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  return undefined;
}
