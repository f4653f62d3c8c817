import { dieOfSignal } from "../signals.js";

/**
 * Scratch work on a shared (shadow) server is undone on every path out: `finally` blocks for
 * errors, and these hooks for Ctrl-C / SIGTERM, which drop what is still open (databases, then the
 * throwaway loader role) before the process dies of the signal. They wait for the drops to finish,
 * not for a fixed time: a busy server may take seconds to drop a database (DROP DATABASE forces a
 * checkpoint). A second Ctrl-C exits at once (the hook has been removed), and a minute is the
 * outer limit; when another handler takes the signal (an apply being stopped), that one decides
 * (dieOfSignal). A run killed harder (SIGKILL) leaves names that say when they were made; the next
 * run drops them (see `dropStaleScratchDatabases`). Embedded servers have hooks of their own
 * (embedded/server.ts).
 */
const pending = new Set<() => Promise<void>>();
let installed = false;

const OUTER_LIMIT_MS = 60_000;

export function registerCleanup(drop: () => Promise<void>): () => void {
  pending.add(drop);
  install();
  return () => {
    pending.delete(drop);
  };
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      const drops = [...pending].map((drop) => drop().catch(() => undefined));
      const limit = new Promise((resolve) => setTimeout(resolve, OUTER_LIMIT_MS).unref());
      void Promise.race([Promise.all(drops), limit]).finally(() => dieOfSignal(signal));
    });
  }
}
