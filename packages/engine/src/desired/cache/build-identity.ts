import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The packages whose code decides what a normalized desired state holds. */
const NORMALIZING_PACKAGES = ["@pg-flux/core", "@pg-flux/parser", "@pg-flux/inspector"] as const;

let memo: string | undefined;

/** Written into the engine's dist by its build (scripts/write-build-identity.mjs): the hash, computed once. */
const STAMP = "build-identity.json";

interface Stamp {
  readonly identity: string;
  /** Each code root's `index.js` modification time when the stamp was written. */
  readonly marks: Readonly<Record<string, number>>;
}

/**
 * A hash of the code that parses, loads and reads back the desired state: the JavaScript of the
 * parser, the inspector, core and this engine as they are installed. A cached desired state made by
 * other code (an upgrade, a local build) never matches. Contents, not versions: a development build
 * keeps its version while its code changes.
 *
 * Hashing ≈300 files costs ≈30 ms of CPU, so the build stamps it (STAMP) and a run reads the stamp
 * when it still describes the code: every root's `index.js` has the modification time the stamp
 * recorded (a rebuild of any package rewrites its index.js), or the engine is an installed package
 * (under node_modules: its files are those of a published version, whose mtimes npm resets). Else the
 * files are hashed. Once per process.
 */
export function buildIdentity(): string {
  memo ??= stampedIdentity() ?? hashCode(codeRoots());
  return memo;
}

/** Computes the identity and writes the stamp (the engine's build runs this). */
export function writeBuildIdentity(): string {
  const roots = codeRoots();
  const stamp: Stamp = { identity: hashCode(roots), marks: marksOf(roots) };
  writeFileSync(path.join(ownRoot(), STAMP), `${JSON.stringify(stamp, null, 2)}\n`);
  return stamp.identity;
}

function stampedIdentity(): string | null {
  let stamp: Stamp;
  try {
    stamp = JSON.parse(readFileSync(path.join(ownRoot(), STAMP), "utf8")) as Stamp;
  } catch {
    return null;
  }
  if (typeof stamp.identity !== "string") return null;
  if (ownRoot().split(path.sep).includes("node_modules")) return stamp.identity;
  const marks = marksOf(codeRoots());
  const same =
    Object.keys(marks).length === Object.keys(stamp.marks ?? {}).length &&
    Object.entries(marks).every(([root, mark]) => stamp.marks[root] === mark);
  return same ? stamp.identity : null;
}

function marksOf(roots: readonly string[]): Record<string, number> {
  const marks: Record<string, number> = {};
  for (const root of roots) {
    try {
      marks[root] = statSync(path.join(root, "index.js")).mtimeMs;
    } catch {
      marks[root] = -1;
    }
  }
  return marks;
}

function ownRoot(): string {
  return codeRoot(fileURLToPath(import.meta.url));
}

/** This engine's code root and those of the packages it normalizes with, sorted. */
function codeRoots(): string[] {
  const require = createRequire(import.meta.url);
  const roots = [ownRoot()];
  for (const name of NORMALIZING_PACKAGES) {
    try {
      roots.push(codeRoot(require.resolve(name)));
    } catch {
      // bundled into one file with this module: hashing this module's folder covers it
    }
  }
  return [...new Set(roots)].sort();
}

function hashCode(roots: readonly string[]): string {
  const hash = createHash("sha256");
  for (const root of roots) {
    for (const file of codeFiles(root)) {
      hash.update(path.relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
    }
  }
  return hash.digest("hex");
}

/** The folder of compiled (or, under the test runner, source) code a module sits in: its package's dist or src. */
function codeRoot(file: string): string {
  for (let dir = path.dirname(file); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const base = path.basename(dir);
    if ((base === "dist" || base === "src") && existsSync(path.join(path.dirname(dir), "package.json")))
      return dir;
  }
  return path.dirname(file);
}

/** `.js` and `.ts` files (no declarations, no maps, no tests) under `root`, sorted. */
function codeFiles(root: string): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules") visit(full);
      } else if (/\.(js|mjs|ts)$/.test(entry.name) && !/\.(d\.ts|test\.ts)$/.test(entry.name)) {
        found.push(full);
      }
    }
  };
  visit(root);
  return found.sort();
}
