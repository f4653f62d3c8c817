import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { cp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { PostgresBinaries } from "./binaries.js";

/**
 * initdb is most of an embedded server's start (decision 0004: 1.8–6 s of a 2–6.5 s start, most of
 * it writing ~1,000 files). Its output depends only on the binaries and the options, so it is run
 * once per binaries, options and OS user into a template folder, and every later start copies the
 * template (a tenth of initdb's CPU time). The folder is `$TMPDIR/pgflux-initdb` (owned by root
 * and writable only by it) when running as root, else `$TMPDIR/pgflux-initdb-<uid>` (mode 0700,
 * owned by the user); a folder that is neither is not used (initdb runs every time).
 *
 * Running as root the server runs as the OS user postgres, and the template belongs to root: a
 * server cannot change the template its successors are copied from, whatever code runs in it. The
 * superuser password of a template is fixed when it is made (kept beside it, mode 0600, readable by
 * its owner only) and each server gets a new one at start (see startEmbeddedPostgres).
 */
export interface DataTemplate {
  /** Data directory to copy; absent until `store` made it. */
  readonly dataDir: string;
  readonly passwordFile: string;
}

/** Bumped when the initdb options below change in a way the key does not show. */
const LAYOUT = 1;

/** The template for `binaries` with `initdbArgs`, run as `owner` (root: the OS user postgres); null when no safe folder exists. */
export function dataTemplate(
  binaries: PostgresBinaries,
  initdbArgs: readonly string[],
  owner: { readonly uid: number; readonly gid: number } | undefined,
): DataTemplate | null {
  const folder = templateFolder();
  if (folder === null) return null;
  const postgres = statSync(binaries.postgres);
  const key = createHash("sha256")
    .update(
      [
        LAYOUT,
        realpathSync(binaries.postgres),
        postgres.size,
        postgres.mtimeMs,
        ...initdbArgs,
        owner ? `${owner.uid}:${owner.gid}` : "self",
      ].join("\0"),
    )
    .digest("hex")
    .slice(0, 16);
  const dir = path.join(folder, `${binaries.major}-${key}`);
  return { dataDir: path.join(dir, "data"), passwordFile: path.join(dir, "password") };
}

/** The template's data directory and password, when it has been made. */
export function readTemplate(template: DataTemplate): { readonly password: string } | null {
  try {
    if (!existsSync(path.join(template.dataDir, "PG_VERSION"))) return null;
    const password = readFileSync(template.passwordFile, "utf8").trim();
    return password === "" ? null : { password };
  } catch {
    return null;
  }
}

/**
 * Makes the template from a data directory initdb just wrote (before any server ran on it), owned
 * by the current user: copied beside the template, then renamed into place, so a reader sees a whole
 * template or none; when another process got there first, theirs stays. Failures are ignored: the
 * next start runs initdb again.
 */
export async function storeTemplate(
  template: DataTemplate,
  initialized: string,
  password: string,
): Promise<void> {
  const dir = path.dirname(template.dataDir);
  const partial = `${dir}.partial-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    mkdirSync(partial, { mode: 0o700 });
    await copyTree(initialized, path.join(partial, "data"));
    const self = { uid: process.getuid?.() ?? -1, gid: process.getgid?.() ?? -1 };
    if (self.uid === 0) chownTree(path.join(partial, "data"), self);
    writeFileSync(path.join(partial, "password"), `${password}\n`, { mode: 0o600 });
    renameSync(partial, dir);
  } catch {
    rmSync(partial, { recursive: true, force: true });
  }
}

/** Copies the template's data directory to `dataDir` (which must not exist), owned by `owner` when given. */
export async function copyTemplate(
  template: DataTemplate,
  dataDir: string,
  owner: { readonly uid: number; readonly gid: number } | undefined,
): Promise<void> {
  await copyTree(template.dataDir, dataDir);
  if (owner) chownTree(dataDir, owner);
}

/**
 * `cp -a` where there is one: Node's own copy (copy_file_range) leaves files whose removal, once a
 * server has run on them, waited seconds on this machine (cp's: a tenth of a second). Off the
 * event loop either way: a start overlaps the parse and the live database's read.
 */
async function copyTree(from: string, to: string): Promise<void> {
  if (process.platform !== "win32") {
    const copied = await new Promise<boolean>((resolve) => {
      const child = spawn("cp", ["-a", from, to], { stdio: "ignore" });
      child.on("error", () => resolve(false));
      child.on("exit", (code) => resolve(code === 0));
    });
    if (copied) return;
    rmSync(to, { recursive: true, force: true });
  }
  await cp(from, to, { recursive: true });
}

function chownTree(root: string, owner: { readonly uid: number; readonly gid: number }): void {
  chownSync(root, owner.uid, owner.gid);
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    chownSync(path.join(entry.parentPath, entry.name), owner.uid, owner.gid);
  }
}

/**
 * The folder templates live in, created when missing: root's is shared by every root process (like
 * pgflux-binaries), anyone else's is private. Null when it exists with another owner or is writable
 * by others (someone could plant a data directory with a configuration that runs their code).
 */
function templateFolder(): string | null {
  const uid = process.getuid?.();
  if (uid === undefined) return null; // Windows: no ownership to check; initdb every time
  const folder = path.join(os.tmpdir(), uid === 0 ? "pgflux-initdb" : `pgflux-initdb-${uid}`);
  try {
    mkdirSync(folder, { recursive: true, mode: uid === 0 ? 0o755 : 0o700 });
    const stat = lstatSync(folder);
    const unsafe = !stat.isDirectory() || stat.uid !== uid || (stat.mode & (uid === 0 ? 0o022 : 0o077)) !== 0;
    return unsafe ? null : folder;
  } catch {
    return null;
  }
}
