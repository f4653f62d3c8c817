import path from "node:path";
import { InvalidInputError } from "@pg-flux/core";
import {
  isDirectory,
  isUnderMigrationsFolder,
  parseVersionedName,
  readMigrationDirectory,
  readSource,
} from "./migration-files.js";
import type { PushInput, PushMode } from "./push-plan.js";
import type { SqlSource } from "./sql-source.js";
import type { PushTarget } from "./target.js";
import { type PushWarning, tenantPlacementWarnings } from "./tenant-warnings.js";

export interface InputOptions {
  /** A `.sql` file or a directory of versioned migrations, relative to `cwd`. */
  readonly path: string;
  readonly cwd: string;
  /** Single files only; default versioned under a `migrations/` folder, raw elsewhere. */
  readonly mode?: PushMode;
  /** Re-run a repeatable script whose checksum did not change. */
  readonly force?: boolean;
}

/** Reads and parses what is to be pushed; every problem of every file is thrown together. */
export async function readPushInput(options: InputOptions): Promise<PushInput> {
  const absolute = path.resolve(options.cwd, options.path);
  if (await isDirectory(absolute)) {
    if (options.mode && options.mode !== "versioned") {
      throw new InvalidInputError([
        {
          message: `--mode ${options.mode} applies to single files; a directory is pushed as versioned migrations`,
          hint: "push the file on its own: pg-flux push <file> --mode " + options.mode,
        },
      ]);
    }
    rejectForce(options, "versioned migrations never re-run");
    return {
      kind: "directory",
      directory: absolute,
      migrations: await readMigrationDirectory(options.cwd, absolute),
    };
  }
  const mode = options.mode ?? (isUnderMigrationsFolder(absolute) ? "versioned" : "raw");
  const source = await readSource(options.cwd, absolute);
  switch (mode) {
    case "versioned": {
      rejectForce(options, "versioned migrations never re-run");
      const parsed = parseVersionedName(path.basename(absolute));
      if (!parsed) {
        throw new InvalidInputError([
          {
            message: `${source.file}: a versioned migration's file name needs a version prefix`,
            hint: "rename it like 0001_create_moods.sql, or push it with --mode raw or --mode repeatable",
          },
        ]);
      }
      return { kind: "versioned", migration: { ...parsed, source } };
    }
    case "repeatable":
      return { kind: "repeatable", source };
    case "raw":
      rejectForce(options, "raw files run on every push anyway");
      return { kind: "raw", source };
    default: {
      const _exhaustive: never = mode;
      return _exhaustive;
    }
  }
}

function rejectForce(options: InputOptions, why: string): void {
  if (!options.force) return;
  throw new InvalidInputError([
    {
      message: `--force only applies to repeatable scripts (${why})`,
      hint: "to change an applied versioned migration, write a new migration",
    },
  ]);
}

export function inputSources(input: PushInput): readonly SqlSource[] {
  switch (input.kind) {
    case "directory":
      return input.migrations.map((migration) => migration.source);
    case "versioned":
      return [input.migration.source];
    case "repeatable":
    case "raw":
      return [input.source];
    default: {
      const _exhaustive: never = input;
      return _exhaustive;
    }
  }
}

/** Placement warnings for pooled targets (see tenantPlacementWarnings); none for v1. */
export function placementWarnings(input: PushInput, target: PushTarget): PushWarning[] {
  const tenant = target.tenantSchema;
  if (!tenant) return [];
  return inputSources(input).flatMap((source) => tenantPlacementWarnings(source, tenant));
}
