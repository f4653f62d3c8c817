import { readFile } from "node:fs/promises";
import path from "node:path";
import { PgFluxError } from "@pg-flux/core";
import { checksumOf } from "./checksum.js";
import { withConnection } from "./connection.js";
import { legacyLedgerRefusal } from "./ledger-refusal.js";
import { inspectLedger, ledgerTenant } from "./ledger-schema.js";
import { readMigrationRecords, readRepeatableRecords } from "./ledger-store.js";
import { compareVersions, displayPath, isDirectory, readMigrationDirectory } from "./migration-files.js";
import { type PartialRecord, readPartialRecords } from "./partial-progress.js";
import { summarizeTarget, type TargetSummary } from "./push-result.js";
import type { PushTarget } from "./target.js";

export type MigrationState = "applied" | "pending" | "partial" | "changed" | "missing_file";

/** A versioned migration as the files and the ledger see it together. */
export interface MigrationStatus {
  readonly version: string;
  readonly name: string;
  readonly state: MigrationState;
  /** Undefined for `missing_file`. */
  readonly file: string | undefined;
  readonly appliedAt: Date | undefined;
  readonly appliedBy: string | undefined;
  readonly durationMs: number | undefined;
  readonly recordedChecksum: string | undefined;
  readonly currentChecksum: string | undefined;
  /** `partial`: a push stopped part-way through this `no-transaction` file; the next one resumes. */
  readonly partial: PartialRecord | undefined;
}

export interface RepeatableStatus {
  readonly path: string;
  readonly state: "unchanged" | "changed" | "missing_file";
  readonly lastRun: Date;
  readonly checksum: string;
}

export interface MigrationListing {
  readonly target: TargetSummary;
  readonly directory: string;
  readonly ledgerExists: boolean;
  readonly migrations: readonly MigrationStatus[];
  readonly repeatables: readonly RepeatableStatus[];
}

export interface ListOptions {
  readonly target: PushTarget;
  /** The migrations directory, relative to cwd. */
  readonly path: string;
  readonly cwd: string;
}

/** The ledger next to the files, read-only. Repeatable script paths resolve against `cwd`. */
export async function listMigrations(options: ListOptions): Promise<MigrationListing> {
  const directory = path.resolve(options.cwd, options.path);
  if (!(await isDirectory(directory))) {
    throw new PgFluxError(`${displayPath(options.cwd, directory)} is not a directory`, {
      code: "invalid_input",
      hint: "pass the folder of versioned migrations, e.g. pg-flux migrations list migrations/",
    });
  }
  const files = await readMigrationDirectory(options.cwd, directory);
  const target = summarizeTarget(options.target);
  const tenant = ledgerTenant(options.target.tenantSchema);
  return withConnection(options.target.url, async (client) => {
    await client.query("begin transaction read only");
    try {
      const shape = await inspectLedger(client);
      if (shape.kind === "legacy") {
        const refusal = legacyLedgerRefusal(shape, target, []);
        throw new PgFluxError(refusal.message, { code: "refused", hint: refusal.hint });
      }
      const records = shape.kind === "current" ? await readMigrationRecords(client, tenant) : [];
      const repeatables = shape.kind === "current" ? await readRepeatableRecords(client, tenant) : [];
      const partials = shape.kind === "current" ? await readPartialRecords(client, tenant) : [];
      const partialByVersion = new Map(partials.map((partial) => [partial.version, partial]));
      const byVersion = new Map(records.map((record) => [record.version, record]));
      const fromFiles = files.map((file): MigrationStatus => {
        const record = byVersion.get(file.version);
        const partial = record ? undefined : partialByVersion.get(file.version);
        const state: MigrationState = !record
          ? partial
            ? "partial"
            : "pending"
          : record.checksum === file.source.checksum
            ? "applied"
            : "changed";
        return {
          version: file.version,
          name: file.name,
          state,
          file: file.source.file,
          appliedAt: record?.appliedAt,
          appliedBy: record?.appliedBy,
          durationMs: record?.durationMs,
          recordedChecksum: record?.checksum,
          currentChecksum: file.source.checksum,
          partial,
        };
      });
      const present = new Set(files.map((file) => file.version));
      const missing = records
        .filter((record) => !present.has(record.version))
        .map(
          (record): MigrationStatus => ({
            version: record.version,
            name: record.name,
            state: "missing_file",
            file: undefined,
            appliedAt: record.appliedAt,
            appliedBy: record.appliedBy,
            durationMs: record.durationMs,
            recordedChecksum: record.checksum,
            currentChecksum: undefined,
            partial: undefined,
          }),
        );
      const migrations = [...fromFiles, ...missing].sort((a, b) => compareVersions(a.version, b.version));
      const repeatableStates = await Promise.all(
        repeatables.map(async (record): Promise<RepeatableStatus> => {
          const text = await readFile(path.resolve(options.cwd, record.path), "utf8").catch(() => undefined);
          const state =
            text === undefined
              ? "missing_file"
              : checksumOf(text) === record.checksum
                ? "unchanged"
                : "changed";
          return { path: record.path, state, lastRun: record.lastRun, checksum: record.checksum };
        }),
      );
      return {
        target,
        directory: displayPath(options.cwd, directory),
        ledgerExists: shape.kind === "current",
        migrations,
        repeatables: repeatableStates,
      };
    } finally {
      await client.query("rollback").catch(() => undefined);
    }
  });
}
