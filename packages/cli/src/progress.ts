import type { RunEvent } from "@pg-flux/engine";
import type { Io } from "./output.js";

/** Without a TTY, a running step gets a progress line at most this often (besides start and finish). */
export const PIPED_PROGRESS_EVERY_MS = 10_000;

/**
 * Renders the runner's events on stderr. On a TTY: one live line per step (`[i/N] statement
 * elapsed`, index-build phase and percentage), finished steps kept. Without a TTY: plain lines, one
 * per start, finish, retry, and for a long step one every 10 s (`[i/N] still running (20.0s)`, or the
 * index build's phase) — no carriage returns, so CI logs read cleanly and stay short.
 */
export function progressReporter(io: Io): (event: RunEvent) => void {
  const live = io.isTTY;
  /** Piped: the elapsed time of each running step's last progress line. */
  const shown = new Map<number, number>();
  return (event) => {
    switch (event.kind) {
      case "waiting_for_lock":
        io.stderr(`${event.message}\n`);
        return;
      case "step_started":
        shown.set(event.index, 0);
        if (live) io.stderr(`\r\u001b[2K[${event.index + 1}/${event.total}] ${statement(event.step.sql)}`);
        else io.stderr(`[${event.index + 1}/${event.total}] ${statement(event.step.sql)}\n`);
        return;
      case "step_progress":
        if (live) {
          const detail = event.detail ? ` — ${event.detail}` : "";
          io.stderr(
            `\r\u001b[2K[${event.index + 1}/${event.total}] ${statement(event.step.sql)} (${seconds(event.elapsedMs)}${detail})`,
          );
        } else if (event.elapsedMs - (shown.get(event.index) ?? 0) >= PIPED_PROGRESS_EVERY_MS) {
          shown.set(event.index, event.elapsedMs);
          io.stderr(
            `[${event.index + 1}/${event.total}] ${event.detail ?? "still running"} (${seconds(event.elapsedMs)})\n`,
          );
        }
        return;
      case "step_finished":
        if (live)
          io.stderr(
            `\r\u001b[2K[${event.index + 1}/${event.total}] ${statement(event.step.sql)} (${seconds(event.ms)})\n`,
          );
        else io.stderr(`[${event.index + 1}/${event.total}] done in ${seconds(event.ms)}\n`);
        return;
      case "step_retry":
        io.stderr(
          `${live ? "\r\u001b[2K" : ""}[${event.index + 1}/${event.total}] ${event.reason}; retrying (attempt ${event.attempt}) in ${seconds(event.delayMs)}\n`,
        );
        return;
      case "group_rolled_back":
        io.stderr(
          `${live ? "\r\u001b[2K" : ""}rolled back step${event.steps.length === 1 ? "" : "s"} ${event.steps.map((i) => i + 1).join(", ")}\n`,
        );
        return;
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  };
}

function statement(sql: string): string {
  const flat = sql.replace(/\s+/g, " ").trim();
  return flat.length > 100 ? `${flat.slice(0, 99)}…` : flat;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(1)}s`;
}
