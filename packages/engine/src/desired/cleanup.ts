import { dieOfSignal } from "../signals.js";

/**
 * Scratch databases are dropped on every path out: `finally` blocks for errors, and these hooks for
 * Ctrl-C / SIGTERM, which drop what is still open before the process dies of the signal. A run
 * killed harder (SIGKILL) leaves a database whose name says when it was made; the next run drops it
 * (see `dropStaleScratchDatabases`).
 */
const pending = new Set<() => Promise<void>>();
let installed = false;

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
      const deadline = new Promise((resolve) => setTimeout(resolve, 5000).unref());
      void Promise.race([Promise.all(drops), deadline]).finally(() => dieOfSignal(signal));
    });
  }
}
