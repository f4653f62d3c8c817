import { quoteLiteral } from "@pg-flux/core";
import { partialTable } from "./ledger-schema.js";
import type { MigrationRecord, RepeatableRecord } from "./ledger-store.js";
import { compareVersions, type VersionedSource } from "./migration-files.js";
import { digestOf, type PartialRecord } from "./partial-progress.js";
import type { SqlSource } from "./sql-source.js";

/** How a single file is pushed. A directory is always a set of versioned migrations. */
export type PushMode = "raw" | "versioned" | "repeatable";

/** What was read from disk for a push. */
export type PushInput =
  | {
      readonly kind: "directory";
      readonly directory: string;
      readonly migrations: readonly VersionedSource[];
    }
  | { readonly kind: "versioned"; readonly migration: VersionedSource }
  | { readonly kind: "repeatable"; readonly source: SqlSource }
  | { readonly kind: "raw"; readonly source: SqlSource };

/** One file that will run, and why. */
export type PushStep =
  | {
      readonly kind: "versioned";
      readonly source: SqlSource;
      readonly version: string;
      readonly name: string;
      readonly reason: "not_applied" | "not_applied_out_of_order";
      /** An earlier push ran the file's first statements (a `no-transaction` file): start after them. */
      readonly resume: ResumePoint | undefined;
    }
  | { readonly kind: "repeatable"; readonly source: SqlSource; readonly reason: "new" | "changed" | "forced" }
  | { readonly kind: "raw"; readonly source: SqlSource; readonly reason: "raw" };

/** Where a partly applied `no-transaction` file picks up. */
export interface ResumePoint {
  /** Leading statements that ran and stay. */
  readonly done: number;
  readonly total: number;
  /** The statement (1-based) sent last that did not finish: an INVALID index it left is its own. */
  readonly attempted: number | null;
  readonly since: Date;
}

/** A partly applied file that cannot be resumed: what ran of it changed since. */
export interface PartialConflict {
  readonly file: string;
  readonly version: string;
  readonly done: number;
  readonly total: number;
  readonly since: Date;
  readonly reason: "statements_changed" | "now_transactional";
}

/** A file that will not run, and why. */
export interface SkippedFile {
  readonly file: string;
  readonly version?: string;
  readonly reason: "already_applied" | "unchanged";
  readonly lastRun: Date;
}

/** An applied versioned migration whose file changed since. */
export interface ChecksumConflict {
  readonly file: string;
  readonly version: string;
  readonly recordedChecksum: string;
  readonly currentChecksum: string;
  readonly appliedAt: Date;
}

export interface WorkPlan {
  readonly steps: readonly PushStep[];
  readonly skipped: readonly SkippedFile[];
  readonly conflicts: readonly ChecksumConflict[];
  readonly partialConflicts: readonly PartialConflict[];
  /** Ledger rows with no file in the pushed directory (informational). */
  readonly missingFiles: readonly MigrationRecord[];
}

/** Decides what runs, from the files and the tenant's ledger. Pure. */
export function planWork(
  input: PushInput,
  migrations: readonly MigrationRecord[],
  repeatables: readonly RepeatableRecord[],
  force: boolean,
  partials: readonly PartialRecord[] = [],
): WorkPlan {
  switch (input.kind) {
    case "directory":
      return planVersioned(input.migrations, migrations, partials, true);
    case "versioned":
      return planVersioned([input.migration], migrations, partials, false);
    case "repeatable": {
      const record = repeatables.find((row) => row.path === input.source.file);
      const reason = !record
        ? "new"
        : record.checksum !== input.source.checksum
          ? "changed"
          : force
            ? "forced"
            : undefined;
      if (reason) return onlyStep({ kind: "repeatable", source: input.source, reason });
      return {
        steps: [],
        skipped: [{ file: input.source.file, reason: "unchanged", lastRun: record?.lastRun ?? new Date(0) }],
        conflicts: [],
        partialConflicts: [],
        missingFiles: [],
      };
    }
    case "raw":
      return onlyStep({ kind: "raw", source: input.source, reason: "raw" });
    default: {
      const _exhaustive: never = input;
      return _exhaustive;
    }
  }
}

function onlyStep(step: PushStep): WorkPlan {
  return { steps: [step], skipped: [], conflicts: [], partialConflicts: [], missingFiles: [] };
}

function planVersioned(
  files: readonly VersionedSource[],
  records: readonly MigrationRecord[],
  partials: readonly PartialRecord[],
  wholeDirectory: boolean,
): WorkPlan {
  const byVersion = new Map(records.map((record) => [record.version, record]));
  const partialByVersion = new Map(partials.map((partial) => [partial.version, partial]));
  const partialConflicts: PartialConflict[] = [];
  const latest = records
    .map((record) => record.version)
    .sort(compareVersions)
    .at(-1);
  const steps: PushStep[] = [];
  const skipped: SkippedFile[] = [];
  const conflicts: ChecksumConflict[] = [];
  for (const file of files) {
    const record = byVersion.get(file.version);
    if (!record) {
      const outOfOrder = latest !== undefined && compareVersions(file.version, latest) < 0;
      const partial = partialByVersion.get(file.version);
      const conflict = partial && partialConflict(file, partial);
      if (conflict) {
        partialConflicts.push(conflict);
        continue;
      }
      steps.push({
        kind: "versioned",
        source: file.source,
        version: file.version,
        name: file.name,
        reason: outOfOrder ? "not_applied_out_of_order" : "not_applied",
        resume: partial && {
          done: partial.statementsDone,
          total: file.source.statements.length,
          attempted: partial.attempted,
          since: partial.updatedAt,
        },
      });
    } else if (record.checksum !== file.source.checksum) {
      conflicts.push({
        file: file.source.file,
        version: file.version,
        recordedChecksum: record.checksum,
        currentChecksum: file.source.checksum,
        appliedAt: record.appliedAt,
      });
    } else {
      skipped.push({
        file: file.source.file,
        version: file.version,
        reason: "already_applied",
        lastRun: record.appliedAt,
      });
    }
  }
  const present = new Set(files.map((file) => file.version));
  const missingFiles = wholeDirectory ? records.filter((record) => !present.has(record.version)) : [];
  return { steps, skipped, conflicts, partialConflicts, missingFiles };
}

/** Why a partly applied file cannot be resumed, if it cannot: the statements that ran changed. */
function partialConflict(file: VersionedSource, partial: PartialRecord): PartialConflict | undefined {
  const conflict = (reason: PartialConflict["reason"]): PartialConflict => ({
    file: file.source.file,
    version: file.version,
    done: partial.statementsDone,
    total: partial.statementsTotal,
    since: partial.updatedAt,
    reason,
  });
  if (!file.source.noTransaction) return conflict("now_transactional");
  const { statementsDone: done } = partial;
  if (done > file.source.statements.length || digestOf(file.source, done) !== partial.doneDigest)
    return conflict("statements_changed");
  return undefined;
}

/** Why a step runs, in words. */
export function describeReason(step: PushStep, latestApplied?: string): string {
  const resume =
    step.kind === "versioned" && step.resume
      ? `; an earlier push ran ${step.resume.done === 0 ? "none" : statementRange(1, step.resume.done)} of its ${step.resume.total} statements (${step.resume.since.toISOString()}): resumes at statement ${step.resume.done + 1}`
      : "";
  switch (step.reason) {
    case "not_applied":
      return `not yet applied${resume}`;
    case "not_applied_out_of_order":
      return `not yet applied; older than an applied version${latestApplied ? ` (${latestApplied})` : ""}, runs out of order${resume}`;
    case "new":
      return "repeatable script never run";
    case "changed":
      return "repeatable script changed since its last run";
    case "forced":
      return "repeatable script unchanged, re-run with --force";
    case "raw":
      return "raw mode: runs every time, not recorded";
    default: {
      const _exhaustive: never = step;
      return _exhaustive;
    }
  }
}

/** The refusal text for changed migrations: the files, both checksums and the fix. */
export function describeConflicts(conflicts: readonly ChecksumConflict[]): string {
  const lines = conflicts.map(
    (conflict) =>
      `${conflict.file} (version ${conflict.version}) changed after it was applied on ${conflict.appliedAt.toISOString()}:\n` +
      `  recorded checksum ${conflict.recordedChecksum}\n  current checksum  ${conflict.currentChecksum}`,
  );
  return `checksum conflict: ${conflicts.length === 1 ? "an applied migration was" : `${conflicts.length} applied migrations were`} edited; nothing was run\n${lines.join("\n")}`;
}

function statementRange(first: number, last: number): string {
  return first === last ? `statement ${first}` : `statements ${first}–${last}`;
}

/** The refusal text for partly applied files whose statements that ran have changed. */
export function describePartialConflicts(conflicts: readonly PartialConflict[]): string {
  const lines = conflicts.map((conflict) => {
    const ran = conflict.done === 0 ? "none of its statements" : statementRange(1, conflict.done);
    const what =
      conflict.reason === "now_transactional"
        ? "it no longer starts with -- pg-flux:no-transaction"
        : "those statements have changed since";
    return `${conflict.file} (version ${conflict.version}) was partly applied by a push on ${conflict.since.toISOString()} (${ran} of ${conflict.total} ran and stay); ${what}`;
  });
  return `partly applied migration${conflicts.length === 1 ? "" : "s"} changed: pg-flux cannot tell what the database holds; nothing was run\n${lines.join("\n")}`;
}

export function partialConflictHint(conflicts: readonly PartialConflict[], tenant: string): string {
  const versions = conflicts.map((conflict) => quoteLiteral(conflict.version)).join(", ");
  return `restore the statements that ran as they were (and the no-transaction directive); or, once the database matches the file up to where it stopped, forget the partial run: delete from ${partialTable} where tenant_schema = ${quoteLiteral(tenant)} and version in (${versions});`;
}

export const CONFLICT_HINT =
  "never edit an applied migration: restore the file to what was applied and write a new migration for the change";
