/**
 * After its own cleanup on SIGINT/SIGTERM, a hook lets the process die of the signal as it would have
 * without handlers — unless another handler takes the signal: an apply or push being stopped
 * cleanly (the CLI's interrupt handler cancels the running statement, reports and exits 130/143).
 * Raising the signal again would reach that handler as a second Ctrl-C and make it exit at once.
 */
export function dieOfSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}
