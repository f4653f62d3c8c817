import type { Io } from "./output.js";

export type InterruptSignal = "SIGINT" | "SIGTERM";

/** Exit codes of a run stopped by a signal: 128 + the signal's number, as shells report it. */
export const INTERRUPT_EXIT: Readonly<Record<InterruptSignal, number>> = { SIGINT: 130, SIGTERM: 143 };

const SIGNALS: readonly InterruptSignal[] = ["SIGINT", "SIGTERM"];

export interface Interrupted<T> {
  readonly result: T;
  /** The first signal received while `work` ran, if any. */
  readonly received: InterruptSignal | undefined;
}

/**
 * Runs `work` with SIGINT and SIGTERM turned into an AbortSignal. The first one asks the library to
 * stop cleanly — cancel the running statement on the server, wait for it, roll back, release the
 * lock — and `work` then resolves with what ran, for the command to print. A second one exits at
 * once (the server may go on with the statement until it notices the connection is gone).
 */
export async function withInterrupts<T>(
  io: Io,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<Interrupted<T>> {
  const controller = new AbortController();
  let received: InterruptSignal | undefined;
  const handlers = SIGNALS.map((name) => {
    const handler = () => {
      if (received) {
        io.stderr(
          `\n${name} again: exiting at once. The statement may still be running on the server: see pg_stat_activity (application_name 'pg-flux …').\n`,
        );
        process.exit(INTERRUPT_EXIT[name]);
      }
      received = name;
      io.stderr(
        `\n${name} received: stopping — cancelling the running statement on the server and releasing the lock (press Ctrl-C again to exit at once)\n`,
      );
      controller.abort(new Error(`${name} received`));
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  try {
    const result = await work(controller.signal);
    return { result, received };
  } finally {
    for (const [name, handler] of handlers) process.off(name, handler);
  }
}
