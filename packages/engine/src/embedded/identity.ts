import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { PostgresBinaries } from "./binaries.js";

/**
 * What an embedded server started from `binaries` normalizes SQL with, without starting it: the
 * server binary (its package's version when it comes from npm, its size and modification time) and
 * the extensions it can create (every file of its extension folder: name, size, modification time,
 * so adding, removing or upgrading an extension changes it). Null when the extension folder is not
 * where pg-flux knows to look (a PostgreSQL installation of an unusual layout): the caller then
 * cannot tell whether what it cached still holds, and does not cache.
 */
export function binariesIdentity(binaries: PostgresBinaries): string | null {
  const extensions = extensionFolder(binaries);
  if (extensions === null) return null;
  const hash = createHash("sha256");
  const server = statSync(binaries.postgres);
  hash.update(`major ${binaries.major}\0version ${packageVersion(binaries.root) ?? ""}\0`);
  hash.update(`postgres ${server.size} ${server.mtimeMs}\0`);
  for (const entry of readdirSync(extensions).sort()) {
    const stat = statSync(path.join(extensions, entry));
    hash.update(`${entry} ${stat.size} ${stat.mtimeMs}\0`);
  }
  return hash.digest("hex");
}

/**
 * The extension folder of an installation: `share/postgresql/extension` (npm packages, source
 * builds), `share/extension`, Homebrew's `share/postgresql@<major>/extension`, Debian's
 * `/usr/share/postgresql/<major>/extension` for `/usr/lib/postgresql/<major>`.
 */
function extensionFolder(binaries: PostgresBinaries): string | null {
  const candidates = [
    path.join(binaries.root, "share", "postgresql", "extension"),
    path.join(binaries.root, "share", "extension"),
    path.join(binaries.root, "share", `postgresql@${binaries.major}`, "extension"),
    path.resolve(binaries.root, "..", "..", "..", "share", "postgresql", String(binaries.major), "extension"),
  ];
  return candidates.find((candidate) => existsSync(path.join(candidate, "plpgsql.control"))) ?? null;
}

/** The version of the npm package the binaries come from (`<package>/native`), if they do. */
function packageVersion(root: string): string | null {
  const manifest = path.join(path.dirname(root), "package.json");
  try {
    const { version } = JSON.parse(readFileSync(manifest, "utf8")) as { version?: unknown };
    return typeof version === "string" ? version : null;
  } catch {
    return null;
  }
}
