import { PgFluxError } from "@pg-flux/core";
import type { AppliedFile, PushRefusal, StepSummary, TargetSummary } from "@pg-flux/ledger";
import { describe, expect, it } from "vitest";
import { renderDryRun, renderPlan, renderPush, toJson } from "./push-output.js";

const target: TargetSummary = {
  label: "percept",
  plan: "v2_shared",
  tenantSchema: "t_abc_api",
  connectionSource: "flux.json",
};
const HEADER = "Target: percept · v2_shared · tenant t_abc_api · connection from flux.json";
const warnings = [
  { file: "migrations/0001_a.sql", line: 2, column: 14, message: "qualified name", hint: "drop the schema" },
];
const WARNING = ["warning: migrations/0001_a.sql:2:14: qualified name", "  hint: drop the schema"];
const common = { target, warnings };
const step = (file: string, version: string | undefined, transactional = true): StepSummary => ({
  kind: version ? "versioned" : "raw",
  file,
  version,
  reason: version ? "not_applied" : "raw",
  why: version ? "not applied yet" : "raw files always run",
  checksum: "c",
  transactional,
});
const applied = (file: string, version: string | undefined, transactional = true): AppliedFile => ({
  ...step(file, version, transactional),
  durationMs: 7,
  rebuiltIndexes: [],
});
const skipped = [
  { file: "migrations/0000_base.sql", reason: "already_applied" as const, lastRun: new Date(0) },
];
const missingFiles = [
  {
    version: "0005",
    name: "gone",
    checksum: "x",
    appliedAt: new Date(0),
    durationMs: 1,
    appliedBy: "postgres",
    tenantSchema: "t_abc_api",
  },
];
const finished = { ...common, skipped, missingFiles };
const reload = { notified: "pgrst", signalled: undefined, warnings: ["no pid file"], message: "reload sent" };
const ref = (number: number) => ({ number, line: number * 2 });
const refs = (first: number, last: number) =>
  Array.from({ length: last - first + 1 }, (_, i) => ref(first + i));
const failure = {
  file: "migrations/0002_b.sql",
  version: "0002",
  error: new PgFluxError("migrations/0002_b.sql: failed: boom", { code: "runtime" }),
  statements: { total: 2, resumedAfter: 0, kept: [], rolledBack: [ref(1)], stopped: ref(2), notRun: [] },
  transactional: true,
  resumeAt: undefined,
};
const { error: _error, ...stoppedPart } = failure;
const refusal: PushRefusal = {
  ...common,
  status: "refused",
  reason: "checksum_conflict",
  conflicts: [],
  message: "0001 changed",
  hint: "write a new migration",
};
const REFUSAL = ["Error: 0001 changed", "  hint: write a new migration"];

describe("push output", () => {
  it("renders every push status", () => {
    expect(
      renderPush({
        ...finished,
        status: "applied",
        applied: [applied("migrations/0001_a.sql", "0001"), applied("migrations/0010_i.sql", "0010", false)],
        reload,
        lockWaitMs: 12,
      }),
    ).toEqual({
      out: [
        HEADER,
        "applied migrations/0001_a.sql (version 0001, versioned) in 7 ms",
        "applied migrations/0010_i.sql (version 0010, versioned, no-transaction) in 7 ms",
        "skipped 1 file(s) already applied or unchanged",
        "waited 12 ms for another push to finish",
        "reload sent",
        "warning: no pid file",
        "Applied 2 file(s).",
      ],
      err: WARNING,
    });
    expect(
      renderPush({ ...finished, skipped: [], status: "applied", applied: [], reload, lockWaitMs: 0 }),
    ).toEqual({ out: [HEADER, "reload sent", "warning: no pid file", "Applied 0 file(s)."], err: WARNING });
    // a reload nobody asked for is not reported; its warnings are
    expect(
      renderPush(
        { ...finished, skipped: [], status: "applied", applied: [], reload, lockWaitMs: 0 },
        { announceReload: false },
      ).out,
    ).toEqual([HEADER, "warning: no pid file", "Applied 0 file(s)."]);
    expect(renderPush({ ...finished, status: "nothing_to_do", lockWaitMs: 0 })).toEqual({
      out: [HEADER, "Nothing to do: 1 file(s) already applied or unchanged."],
      err: WARNING,
    });
    expect(
      renderPush({ ...common, status: "failed", applied: [applied("seed.sql", undefined)], reload, failure }),
    ).toEqual({
      out: [HEADER, "applied seed.sql (raw) in 7 ms", "reload sent", "warning: no pid file"],
      err: [
        ...WARNING,
        "Error: migrations/0002_b.sql: failed: boom",
        "migrations/0002_b.sql was rolled back and not recorded; 1 earlier file(s) stay applied. Fix it and push again.",
      ],
    });
    expect(renderPush({ ...common, status: "failed", applied: [], reload: undefined, failure }).out).toEqual([
      HEADER,
    ]);
    expect(renderPush(refusal)).toEqual({ out: [HEADER], err: [...WARNING, ...REFUSAL] });
  });

  it("says statement by statement how far a no-transaction file got, and where the next push starts", () => {
    const statements = {
      total: 9,
      resumedAfter: 2,
      kept: [...refs(3, 4), ref(6)],
      rolledBack: [ref(7)],
      stopped: ref(8),
      notRun: [ref(9)],
    };
    const stopped = {
      ...failure,
      file: "migrations/0003_c.sql",
      transactional: false,
      statements,
      resumeAt: 7,
    };
    const lines = [
      "  already ran:  statements 1–2, in an earlier push",
      "  ran and kept: statements 3–4 (lines 6–8), statement 6 (line 12)",
      "  rolled back:  statement 7 (line 14), with the transaction block it was in",
    ];
    expect(
      renderPush({ ...common, status: "failed", applied: [], reload: undefined, failure: stopped }).err,
    ).toEqual([
      ...WARNING,
      "Error: migrations/0002_b.sql: failed: boom",
      "migrations/0003_c.sql (no-transaction) failed at statement 8 of 9 (line 16); it is not recorded as applied:",
      ...lines,
      "  failed:       statement 8 (line 16)",
      "  not run:      statement 9 (line 18)",
      "0 earlier file(s) stay applied. Fix it and push again: the file resumes at statement 7; the statements before it do not run again.",
    ]);
    const raw = { ...stopped, resumeAt: undefined };
    expect(
      renderPush({ ...common, status: "interrupted", applied: [], reload: undefined, stopped: raw }).err,
    ).toEqual([
      ...WARNING,
      "Push interrupted: the running statement was cancelled on the server.",
      "migrations/0003_c.sql (no-transaction) was cancelled at statement 8 of 9 (line 16); it is not recorded as applied:",
      ...lines,
      "  cancelled:    statement 8 (line 16)",
      "  not run:      statement 9 (line 18)",
      "0 earlier file(s) stay applied. Push again to finish: the file runs again from its first statement, so the statements that stay must be safe to re-run.",
      "pg-flux holds no lock and runs nothing on the database now.",
    ]);
    expect(
      renderPush({
        ...common,
        status: "interrupted",
        applied: [applied("a.sql", undefined)],
        reload,
        stopped: undefined,
      }),
    ).toEqual({
      out: [HEADER, "applied a.sql (raw) in 7 ms", "reload sent", "warning: no pid file"],
      err: [
        ...WARNING,
        "Push interrupted before a file ran.",
        "1 earlier file(s) stay applied. Push again to finish.",
        "pg-flux holds no lock and runs nothing on the database now.",
      ],
    });
  });

  it("renders every --plan status, with ledger rows that have no file", () => {
    expect(
      renderPlan({
        ...finished,
        status: "pending",
        steps: [step("migrations/0001_a.sql", "0001"), step("seed.sql", undefined)],
        ledgerExists: false,
      }),
    ).toEqual({
      out: [
        HEADER,
        "Pending, in order:",
        "  1. migrations/0001_a.sql (version 0001, versioned): not applied yet",
        "  2. seed.sql (raw): raw files always run",
        "Already applied or unchanged: 1 file(s).",
        "The ledger does not exist yet; the first push creates it.",
        "Plan only: nothing was run.",
        "note: version 0005 (gone) is in the ledger but has no file",
      ],
      err: WARNING,
    });
    expect(renderPlan({ ...finished, status: "nothing_to_do", ledgerExists: true })).toEqual({
      out: [
        HEADER,
        "Nothing to do: 1 file(s) already applied or unchanged.",
        "note: version 0005 (gone) is in the ledger but has no file",
      ],
      err: WARNING,
    });
    expect(renderPlan(refusal)).toEqual({ out: [HEADER], err: [...WARNING, ...REFUSAL] });
  });

  it("renders every --dry-run status", () => {
    const ROLLED_BACK = "Dry run: everything was rolled back; nothing was changed.";
    expect(
      renderDryRun({
        ...finished,
        status: "rolled_back",
        ran: [applied("migrations/0001_a.sql", "0001")],
        notDryRunnable: [step("migrations/0010_i.sql", "0010", false)],
      }),
    ).toEqual({
      out: [
        HEADER,
        "ran migrations/0001_a.sql (version 0001, versioned) in 7 ms",
        "cannot dry-run migrations/0010_i.sql (version 0010, versioned, no-transaction): it runs outside a transaction (-- pg-flux:no-transaction)",
        ROLLED_BACK,
      ],
      err: WARNING,
    });
    expect(renderDryRun({ ...finished, status: "nothing_to_do" })).toEqual({
      out: [HEADER, "Nothing to do: 1 file(s) already applied or unchanged."],
      err: WARNING,
    });
    expect(
      renderDryRun({ ...common, status: "failed", ran: [applied("migrations/0001_a.sql", "0001")], failure }),
    ).toEqual({
      out: [HEADER, "ran migrations/0001_a.sql (version 0001, versioned) in 7 ms"],
      err: [...WARNING, "Error: migrations/0002_b.sql: failed: boom", ROLLED_BACK],
    });
    expect(renderDryRun({ ...common, status: "interrupted", ran: [], stopped: stoppedPart })).toEqual({
      out: [HEADER],
      err: [
        ...WARNING,
        "Dry run interrupted: the running statement of migrations/0002_b.sql was cancelled on the server.",
        ROLLED_BACK,
        "pg-flux holds no lock and runs nothing on the database now.",
      ],
    });
    expect(renderDryRun(refusal)).toEqual({ out: [HEADER], err: [...WARNING, ...REFUSAL] });
  });

  it("names a v1 target without a tenant, and prints no warning lines when there are none", () => {
    const v1 = { ...target, plan: "v1" as const, tenantSchema: undefined, connectionSource: "DATABASE_URL" };
    expect(renderPush({ ...refusal, target: v1, warnings: [] })).toEqual({
      out: ["Target: percept · v1 · connection from DATABASE_URL"],
      err: REFUSAL,
    });
  });

  it("turns a failure's error into its fields for JSON, and leaves other results as they are", () => {
    expect(toJson(refusal)).toBe(refusal);
    const json = toJson({ ...common, status: "failed", ran: [], failure });
    expect(json).toEqual({
      ...common,
      status: "failed",
      ran: [],
      failure: {
        ...failure,
        error: {
          message: "migrations/0002_b.sql: failed: boom",
          code: "runtime",
          location: undefined,
          sqlState: undefined,
          hint: undefined,
        },
      },
    });
  });
});
