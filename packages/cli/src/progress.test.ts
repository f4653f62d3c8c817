import type { Step } from "@pg-flux/core";
import type { RunEvent } from "@pg-flux/engine";
import { describe, expect, it } from "vitest";
import type { Io } from "./output.js";
import { progressReporter } from "./progress.js";

const step = { sql: "CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);" } as Step;

/** The lines a reporter writes for a step that runs `seconds` long, reporting progress every second. */
function linesFor(isTTY: boolean, seconds: number, detail: (second: number) => string | null): string[] {
  let written = "";
  const io: Io = { stdout: () => {}, stderr: (text) => (written += text), isTTY, env: {}, cwd: "/" };
  const report = progressReporter(io);
  const events: RunEvent[] = [
    { kind: "step_started", index: 0, total: 2, step },
    ...Array.from(
      { length: seconds },
      (_, i): RunEvent => ({
        kind: "step_progress",
        index: 0,
        total: 2,
        step,
        elapsedMs: (i + 1) * 1000,
        detail: detail(i + 1),
      }),
    ),
    { kind: "step_finished", index: 0, total: 2, step, ms: seconds * 1000 + 400 },
  ];
  for (const event of events) report(event);
  return written.split("\n").filter(Boolean);
}

describe("progress without a TTY", () => {
  it("a 36 s index build: start, one line per 10 s, finish", () => {
    expect(
      linesFor(false, 36, (s) => `building index: scanning table ${Math.round((s / 36) * 100)}%`),
    ).toEqual([
      "[1/2] CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);",
      "[1/2] building index: scanning table 28% (10.0s)",
      "[1/2] building index: scanning table 56% (20.0s)",
      "[1/2] building index: scanning table 83% (30.0s)",
      "[1/2] done in 36.4s",
    ]);
  });

  it("a long step without detail says it is still running", () => {
    expect(linesFor(false, 25, () => null)).toEqual([
      "[1/2] CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);",
      "[1/2] still running (10.0s)",
      "[1/2] still running (20.0s)",
      "[1/2] done in 25.4s",
    ]);
  });

  it("a short step: start and finish only", () => {
    expect(linesFor(false, 3, () => "building index: loading tuples 50%")).toHaveLength(2);
  });

  it("on a TTY every second redraws the live line", () => {
    const lines = linesFor(true, 36, () => null);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.split("\r").filter(Boolean)).toHaveLength(38);
  });
});
