import pg from "pg";
import { clientConfig } from "./connect.js";

/**
 * Stopping a statement from outside: when the caller's AbortSignal fires (the CLI turns Ctrl-C and
 * SIGTERM into one), the statement running on the server is cancelled from a second connection with
 * `pg_cancel_backend`, and the caller waits for the server to answer — so that when this returns, the
 * backend is idle, its transaction is rolled back and its locks are gone. Closing the connection
 * alone would not do: the server notices a vanished client only when it next writes to it, and an
 * index build or a table rewrite writes nothing until it ends.
 */
export interface Interruptible {
  readonly signal: AbortSignal;
  /** The same database: the cancel is sent from a second connection to it. */
  readonly url: string;
  /** The backend running the statements (`pg_backend_pid()` of the client). */
  readonly pid: number;
}

/** Thrown instead of the server's "canceling statement due to user request" when the signal fired. */
export class InterruptedError extends Error {
  /** True when a statement was running and was cancelled on the server; false between statements. */
  readonly cancelled: boolean;

  constructor(cancelled: boolean, cause?: unknown) {
    super(
      cancelled ? "interrupted: the running statement was cancelled" : "interrupted",
      cause === undefined ? undefined : { cause },
    );
    this.name = "InterruptedError";
    this.cancelled = cancelled;
  }
}

/**
 * After the cancel, how long the statement may take to stop before its backend is terminated
 * (ending the session also ends its transaction and releases its locks). A cancel is normally
 * answered within milliseconds; this is for a backend that does not check for interrupts.
 */
export const TERMINATE_AFTER_MS = 5_000;

/**
 * Runs `sql` on `client`. When `stop` is given and its signal fires while the statement runs, the
 * statement is cancelled and this rejects with an InterruptedError once the server has stopped it;
 * when the signal has already fired, nothing is sent. A statement that finishes before the cancel
 * reaches it resolves normally: the caller checks the signal before its next statement.
 */
export async function interruptibleQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(
  client: pg.ClientBase,
  stop: Interruptible | undefined,
  sql: string,
  values?: readonly unknown[],
): Promise<pg.QueryResult<R>> {
  if (!stop) return client.query<R>(sql, values as unknown[] | undefined);
  throwIfInterrupted(stop);
  const query = client.query<R>(sql, values as unknown[] | undefined);
  let escalation: NodeJS.Timeout | undefined;
  const onAbort = () => {
    void signalBackend(stop, "cancel");
    escalation = setTimeout(() => void signalBackend(stop, "terminate"), TERMINATE_AFTER_MS);
  };
  stop.signal.addEventListener("abort", onAbort, { once: true });
  try {
    return await query;
  } catch (error) {
    if (stop.signal.aborted) throw new InterruptedError(true, error);
    throw error;
  } finally {
    stop.signal.removeEventListener("abort", onAbort);
    clearTimeout(escalation);
  }
}

/** Throws an InterruptedError when the signal has fired (between statements). */
export function throwIfInterrupted(stop: Interruptible | undefined): void {
  if (stop?.signal.aborted) throw new InterruptedError(false);
}

/** Waits `ms`, or less when the signal fires (then throws an InterruptedError). */
export function interruptibleSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new InterruptedError(false));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new InterruptedError(false));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** `pg_cancel_backend` (or `pg_terminate_backend`) of the statement's backend, from a new connection. */
async function signalBackend(stop: Interruptible, how: "cancel" | "terminate"): Promise<void> {
  const client = new pg.Client(clientConfig(stop.url, "cancel"));
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query(
      how === "cancel" ? "select pg_cancel_backend($1)" : "select pg_terminate_backend($1)",
      [stop.pid],
    );
  } catch {
    // Nothing more to do from here: the caller reports the backend's pid if it does not stop.
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The backend pid of a connection. */
export async function backendPid(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ pid: number }>("select pg_backend_pid() as pid");
  return rows[0]?.pid ?? 0;
}
