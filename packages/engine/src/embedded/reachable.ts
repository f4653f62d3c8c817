import { createHash } from "node:crypto";
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { PgFluxError } from "@pg-flux/core";
import type { PostgresBinaries } from "./binaries.js";

/** Where copies of binaries hidden from the server's OS user are kept (one per major and install). */
const SHARED = path.join(os.tmpdir(), "pgflux-binaries");

/**
 * Running as root, the server runs as the OS user `postgres`, which must reach the binaries. In a
 * project inside a private folder (mode 0700: `mktemp -d`, `/root`) it cannot, and initdb fails with
 * EACCES. Then the binaries are copied once into a folder only root may write to, under the OS temp
 * directory, and that copy is used; otherwise the binaries are returned as they are.
 */
export function reachableBinaries(
  binaries: PostgresBinaries,
  owner: { readonly uid: number; readonly gid: number },
): PostgresBinaries {
  if (reachable(binaries.postgres, owner) && reachable(binaries.initdb, owner)) return binaries;
  const source = realpathSync(binaries.root);
  const root = sharedCopyRoot(binaries);
  const copy = {
    ...binaries,
    root,
    initdb: path.join(root, "bin", "initdb"),
    postgres: path.join(root, "bin", "postgres"),
  };
  ensureSharedFolder();
  if (existsSync(path.join(root, "bin", "postgres"))) return copy;
  const partial = `${root}.partial-${process.pid}`;
  try {
    // links are followed: an installation whose folders link into a private folder (a package
    // manager's store, a test's stand-in) would otherwise copy links the OS user cannot follow
    cpSync(source, partial, { recursive: true, dereference: true });
    chmodSync(partial, 0o755);
    renameSync(partial, root);
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    // another process finished the same copy first
    if (existsSync(path.join(root, "bin", "postgres"))) return copy;
    throw new PgFluxError(`cannot copy the PostgreSQL ${binaries.major} binaries to ${root}`, {
      code: "runtime",
      hint: `the OS user postgres cannot read ${binaries.root}: make its folders readable (chmod o+x) or run pg-flux as a normal user`,
      cause: error,
    });
  }
  return copy;
}

/** Where reachableBinaries keeps its copy of `binaries`: one folder per major, installation and build. */
export function sharedCopyRoot(binaries: PostgresBinaries): string {
  const source = realpathSync(binaries.root);
  const stamp = statSync(binaries.postgres);
  const key = createHash("sha256").update(`${source}\0${stamp.size}\0${stamp.mtimeMs}`).digest("hex");
  return path.join(SHARED, `${binaries.major}-${key.slice(0, 16)}`);
}

/**
 * Whether `owner` may open `file`: execute permission on every folder above it and on the file,
 * judged where the path really leads (a link into a private folder is not reachable).
 */
function reachable(file: string, owner: { readonly uid: number; readonly gid: number }): boolean {
  let current = realpathSync(path.resolve(file));
  for (;;) {
    const stat = statSync(current);
    const bits = stat.uid === owner.uid ? 0o100 : stat.gid === owner.gid ? 0o010 : 0o001;
    if ((stat.mode & bits) === 0) return false;
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

/** The shared folder must belong to root: another user could otherwise plant binaries in it. */
function ensureSharedFolder(): void {
  mkdirSync(SHARED, { recursive: true, mode: 0o755 });
  const stat = lstatSync(SHARED);
  if (!stat.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0) {
    throw new PgFluxError(
      `${SHARED} is not a folder owned and writable only by root; refusing to run binaries from it`,
      {
        code: "runtime",
        hint: `remove it, or run pg-flux as a normal user`,
      },
    );
  }
}
