import type { FleetApplyResult, FleetTarget, TargetOutcome } from "@pg-flux/engine";
import { describe, expect, test } from "vitest";
import type { Io } from "../output.js";
import { fleetProgressReporter, renderFleetList, renderFleetResult } from "./fleet-output.js";

const target = (schema: string): FleetTarget => ({
  id: schema,
  database: "postgres://app:***@db/app",
  databaseUrl: "postgres://app:secret@db/app",
  schema,
});

const outcome = (
  schema: string,
  status: TargetOutcome["status"],
  message: string | null = null,
): TargetOutcome => ({
  target: target(schema),
  group: 1,
  status,
  message,
  stepsApplied: status === "applied" ? 3 : 0,
  ms: status === "not_run" ? 0 : 1500,
  result: status === "not_run" ? null : ({ status } as TargetOutcome["result"]),
});

const result: FleetApplyResult = {
  status: "failed",
  runId: "20261207T041500Z-9d2f10",
  desiredFingerprint: "fnv1a64:0000000000000000",
  stopped: "max_failures",
  outcomes: [
    outcome("t_a_api", "applied"),
    outcome("t_b_api", "failed", 'step 3 failed: check constraint "c" is violated by some row'),
    outcome("t_c_api", "not_run", "not run: the fleet stopped after 1 failure (--max-failures)"),
  ],
  counts: { applied: 1, nothing_to_do: 0, refused: 0, failed: 1, interrupted: 0, not_run: 1 },
  ms: 3200,
};

function capture(isTTY: boolean): Io & { readonly err: () => string } {
  let err = "";
  return {
    stdout: () => undefined,
    stderr: (text) => {
      err += text;
    },
    isTTY,
    env: {},
    cwd: "/",
    err: () => err,
  };
}

describe("fleet apply report", () => {
  test("a table with failures first, a summary and the next step; never a URL", () => {
    const text = renderFleetResult(result, "text", true);
    expect(text.split("\n").slice(0, 4)).toEqual([
      "TARGET   STATUS   STEPS  TIME  MESSAGE",
      't_b_api  FAILED   0      1.5s  step 3 failed: check constraint "c" is violated by some row',
      "t_c_api  not run  0            not run: the fleet stopped after 1 failure (--max-failures)",
      "t_a_api  applied  3      1.5s",
    ]);
    expect(text).toContain(
      "Fleet 20261207T041500Z-9d2f10: applied 1, failed 1, not run 1 in 3.2s; stopped: --max-failures reached.",
    );
    expect(text).toContain("Run pg-flux fleet apply again to finish");
    const json = JSON.parse(renderFleetResult(result, "json", false));
    expect(json.targets[1]).toEqual({
      id: "t_b_api",
      database: "postgres://app:***@db/app",
      schema: "t_b_api",
      group: 1,
      status: "failed",
      stepsApplied: 0,
      ms: 1500,
      message: 'step 3 failed: check constraint "c" is violated by some row',
    });
    for (const format of ["text", "json", "markdown"] as const)
      expect(renderFleetResult(result, format, false)).not.toContain("secret");
    expect(renderFleetResult(result, "markdown", false)).toContain(
      '| t_b_api | FAILED | 0 | 1.5s | step 3 failed: check constraint "c" is violated by some row |',
    );
  });

  test("on a TTY one live line with done, failed, remaining and an ETA; failures above it", () => {
    const io = capture(true);
    const progress = fleetProgressReporter(io, 4);
    progress.finished(outcome("t_a_api", "applied"), { done: 1, failed: 0, remaining: 3, total: 4 });
    progress.finished(outcome("t_b_api", "failed", "boom"), { done: 2, failed: 1, remaining: 2, total: 4 });
    const lines = io.err().split("\r\u001b[2K");
    expect(lines[1]).toMatch(/^fleet: 1\/4 done, 0 failed, 3 remaining, ETA \d+ms$/);
    expect(lines[2]).toBe("t_b_api: FAILED: boom\n");
    expect(lines[3]).toMatch(/^fleet: 2\/4 done, 1 failed, 2 remaining, ETA \d+ms$/);
    progress.end();
    expect(io.err().endsWith("\n")).toBe(true);
  });

  test("without a TTY one plain line per target, no carriage returns", () => {
    const io = capture(false);
    const progress = fleetProgressReporter(io, 2);
    progress.started(target("t_a_api"));
    progress.finished(outcome("t_a_api", "applied"), { done: 1, failed: 0, remaining: 1, total: 2 });
    expect(io.err()).toBe("t_a_api: applying\nt_a_api: applied\n");
  });
});

test("fleet list groups targets and names what could not be read", () => {
  const text = renderFleetList(
    [
      { target: target("t_a_api"), group: 1, fingerprint: "fnv1a64:1", error: null },
      { target: target("t_b_api"), group: null, fingerprint: null, error: "could not connect" },
    ],
    "text",
    false,
  );
  expect(text).toBe(
    "TARGET\tGROUP\tFINGERPRINT\nt_a_api\t1\tfnv1a64:1\nt_b_api\t-\tnot read: could not connect\n2 targets in 1 group (targets of one group have identical schemas)\n",
  );
});
