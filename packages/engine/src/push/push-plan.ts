import type { MigrationRecord, RepeatableRecord } from "./ledger-store.js";
import { compareVersions, type VersionedSource } from "./migration-files.js";
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
    }
  | { readonly kind: "repeatable"; readonly source: SqlSource; readonly reason: "new" | "changed" | "forced" }
  | { readonly kind: "raw"; readonly source: SqlSource; readonly reason: "raw" };

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
  /** Ledger rows with no file in the pushed directory (informational). */
  readonly missingFiles: readonly MigrationRecord[];
}

/** Decides what runs, from the files and the tenant's ledger. Pure. */
export function planWork(
  input: PushInput,
  migrations: readonly MigrationRecord[],
  repeatables: readonly RepeatableRecord[],
  force: boolean,
): WorkPlan {
  switch (input.kind) {
    case "directory":
      return planVersioned(input.migrations, migrations, true);
    case "versioned":
      return planVersioned([input.migration], migrations, false);
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
  return { steps: [step], skipped: [], conflicts: [], missingFiles: [] };
}

function planVersioned(
  files: readonly VersionedSource[],
  records: readonly MigrationRecord[],
  wholeDirectory: boolean,
): WorkPlan {
  const byVersion = new Map(records.map((record) => [record.version, record]));
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
      steps.push({
        kind: "versioned",
        source: file.source,
        version: file.version,
        name: file.name,
        reason: outOfOrder ? "not_applied_out_of_order" : "not_applied",
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
  return { steps, skipped, conflicts, missingFiles };
}

/** Why a step runs, in words. */
export function describeReason(step: PushStep, latestApplied?: string): string {
  switch (step.reason) {
    case "not_applied":
      return "not yet applied";
    case "not_applied_out_of_order":
      return `not yet applied; older than an applied version${latestApplied ? ` (${latestApplied})` : ""}, runs out of order`;
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

export const CONFLICT_HINT =
  "never edit an applied migration: restore the file to what was applied and write a new migration for the change";
