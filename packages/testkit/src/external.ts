/**
 * The external test material that lives beside the repository, never inside it: the real-world
 * schema corpus and the migra/sqldef conformance cases. The project's CI has them at `../shared`
 * beside its clone; a user's clone has nothing there, so every test, bench section and script that
 * needs them asks here, and is skipped with one printed line (`externalNotice`) when they are absent.
 *
 * - `PGFLUX_CORPUS=<dir>`: the corpus (default `../shared/corpus` from the repository root, when it
 *   exists). Set explicitly, the folder must exist: a run that asked for the corpus never skips it.
 * - `PGFLUX_CONFORMANCE_DIR=<dir>`: the conformance cases (default `../shared/conformance`).
 *
 * No dependencies: the vitest config, the tests and the bench (plain node) all import this file.
 */
import { accessSync, constants, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: this file is packages/testkit/{src,dist}/external.*. */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export interface ExternalMaterial {
  /** The folder, or undefined when it is absent and was not asked for. */
  readonly dir: string | undefined;
  /** Where it was looked for, for messages. */
  readonly looked: string;
  /** The environment variable that points at it. */
  readonly variable: string;
}

function locate(variable: string, fallback: string, env: NodeJS.ProcessEnv): ExternalMaterial {
  const given = env[variable];
  if (given) {
    const dir = path.resolve(given);
    if (!existsSync(dir)) throw new Error(`${variable}=${given}: no such folder (${dir})`);
    return { dir, looked: dir, variable };
  }
  const looked = path.resolve(REPO_ROOT, fallback);
  return { dir: existsSync(looked) ? looked : undefined, looked, variable };
}

/** The real-world schema corpus (folders of SQL read in place). */
export function corpus(env: NodeJS.ProcessEnv = process.env): ExternalMaterial {
  return locate("PGFLUX_CORPUS", "../shared/corpus", env);
}

/** The conformance cases (`migra/`, `sqldef/`). */
export function conformance(env: NodeJS.ProcessEnv = process.env): ExternalMaterial {
  return locate("PGFLUX_CONFORMANCE_DIR", "../shared/conformance", env);
}

/**
 * Whether the OS's `pg_dump` (PostgreSQL's client package, which .ci/run installs) is on PATH: the
 * tests that check real dumps load need it; without it they are skipped with one printed line.
 * `PGFLUX_REQUIRE_PG_CLIENT=1` (set by .ci/run) makes its absence an error instead.
 */
export function pgDumpOnPath(env: NodeJS.ProcessEnv = process.env): boolean {
  const found = (env.PATH ?? "").split(path.delimiter).some((dir) => {
    if (!dir) return false;
    try {
      accessSync(path.join(dir, "pg_dump"), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!found && env.PGFLUX_REQUIRE_PG_CLIENT === "1") {
    throw new Error(
      "PGFLUX_REQUIRE_PG_CLIENT=1 but pg_dump is not on PATH: install the OS's PostgreSQL client",
    );
  }
  return found;
}

/**
 * The lines a test run prints for what it skips: the corpus tests when the corpus is absent, the
 * dump tests when pg_dump is; each says how to run them. Undefined when nothing is skipped.
 * (Conformance runs only on request, PGFLUX_CONFORMANCE=1, and then fails when its folder is
 * absent, so it needs no notice.)
 */
export function externalNotice(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const lines: string[] = [];
  const found = corpus(env);
  if (!found.dir) {
    lines.push(
      `pg-flux: corpus tests skipped: no corpus at ${path.relative(process.cwd(), found.looked) || "."}; set PGFLUX_CORPUS=<dir> to run them (docs/testing.md)`,
    );
  }
  if (!pgDumpOnPath(env)) {
    lines.push(
      "pg-flux: pg_dump tests skipped: no pg_dump on PATH; install the OS's PostgreSQL client to run them (docs/testing.md)",
    );
  }
  return lines.length > 0 ? lines.join("\n") : undefined;
}
