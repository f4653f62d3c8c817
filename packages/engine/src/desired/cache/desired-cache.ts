import { createHash, randomBytes } from "node:crypto";
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";

/** Where the CLI keeps the cache, relative to the working directory (docs/desired-state.md). */
export const DEFAULT_CACHE_DIR = ".pg-flux-cache";

/** The cache's size bound unless given: the least recently used entries go first. */
export const DEFAULT_CACHE_MAX_BYTES = 256 * 1024 * 1024;

/** Bumped whenever an entry's shape changes: older entries then never match. */
const FORMAT = 1;

const ENTRY_SUFFIX = ".json.gz";

export interface DesiredCacheOptions {
  /** The cache folder (created on first write, with a .gitignore that ignores it all). */
  readonly dir: string;
  /** Size bound of the folder's entries (default 256 MiB). */
  readonly maxBytes?: number;
}

/**
 * A folder of normalized desired states, one gzipped JSON file per key (a SHA-256 of everything the
 * normalization depends on: see desired/cache/cache-key.ts). An entry holds its full key, compared on
 * read, so a file renamed or copied under another name is never taken for another key. Writes go to
 * a temporary file renamed into place: a reader sees a whole entry or none, and two writers of one
 * key leave one of two equal entries. An entry that does not read back (truncated, corrupt, another
 * format) is removed and counts as a miss.
 */
export class DesiredCache {
  readonly dir: string;
  readonly maxBytes: number;

  constructor(options: DesiredCacheOptions) {
    this.dir = path.resolve(options.dir);
    this.maxBytes = options.maxBytes ?? DEFAULT_CACHE_MAX_BYTES;
  }

  /** The value stored under `key`, or undefined. A hit marks the entry as recently used. */
  read<T>(key: unknown): T | undefined {
    const text = canonical(key);
    const file = this.#file(text);
    let data: Buffer;
    try {
      data = readFileSync(file);
    } catch {
      return undefined; // none, or a folder that cannot be read (permissions, not a folder): a miss
    }
    let entry: { format?: unknown; key?: unknown; value?: unknown };
    try {
      entry = JSON.parse(gunzipSync(data).toString("utf8"));
    } catch {
      removeQuietly(file); // damaged: truncated, not gzip, not JSON
      return undefined;
    }
    if (entry === null || typeof entry !== "object") {
      removeQuietly(file);
      return undefined;
    }
    if (entry.format !== FORMAT || canonical(entry.key) !== text) return undefined;
    const now = new Date();
    try {
      utimesSync(file, now, now);
    } catch {
      // evicted meanwhile: the value read is still whole
    }
    return entry.value as T;
  }

  /** Stores `value` under `key`, then evicts the least recently used entries beyond the size bound. */
  write(key: unknown, value: unknown): void {
    const text = canonical(key);
    const data = gzipSync(JSON.stringify({ format: FORMAT, key, value }), { level: 1 });
    if (data.length > this.maxBytes) return;
    this.#prepare();
    const file = this.#file(text);
    const partial = `${file}.${process.pid}-${randomBytes(4).toString("hex")}.partial`;
    try {
      writeFileSync(partial, data);
      renameSync(partial, file);
    } catch (error) {
      rmSync(partial, { force: true });
      throw error;
    }
    this.#evict(file);
  }

  #file(canonicalKey: string): string {
    const name = createHash("sha256").update(canonicalKey).digest("hex");
    return path.join(this.dir, `${name}${ENTRY_SUFFIX}`);
  }

  /** Creates the folder, ignored by git and by backup tools, on first use. */
  #prepare(): void {
    mkdirSync(this.dir, { recursive: true });
    writeIfMissing(
      path.join(this.dir, ".gitignore"),
      "# pg-flux's cache of normalized desired states: safe to delete\n*\n",
    );
    writeIfMissing(
      path.join(this.dir, "CACHEDIR.TAG"),
      "Signature: 8a477f597d28d172789f06886806bc55\n# pg-flux's cache of normalized desired states (https://bford.info/cachedir/)\n",
    );
  }

  /** Removes the least recently used entries (and stale partial files) until the folder fits the bound; `keep` stays. */
  #evict(keep: string): void {
    const entries: { file: string; size: number; used: number }[] = [];
    for (const name of readdirSync(this.dir)) {
      const file = path.join(this.dir, name);
      let stat: ReturnType<typeof statSync>;
      try {
        stat = statSync(file);
      } catch {
        continue;
      }
      if (name.endsWith(".partial")) {
        // a writer killed mid-write; an hour leaves every live writer alone
        if (Date.now() - stat.mtimeMs > 60 * 60 * 1000) rmSync(file, { force: true });
        continue;
      }
      if (name.endsWith(ENTRY_SUFFIX)) entries.push({ file, size: stat.size, used: stat.mtimeMs });
    }
    let total = entries.reduce((sum, entry) => sum + entry.size, 0);
    for (const entry of entries.sort((a, b) => a.used - b.used)) {
      if (total <= this.maxBytes) break;
      if (entry.file === keep) continue;
      rmSync(entry.file, { force: true });
      total -= entry.size;
    }
  }
}

function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // a read-only folder: the entry stays, and is a miss again next time
  }
}

function writeIfMissing(file: string, text: string): void {
  try {
    writeFileSync(file, text, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}

/** JSON with object keys sorted at every level: equal keys give equal text whatever their construction order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== "object" || Array.isArray(inner)) return inner;
    return Object.fromEntries(
      Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  });
}
