import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { decodeUtf8, InvalidInputError, type Problem, utf8Problem } from "@pg-flux/core";
import { parseSqlSource, type SqlSource } from "./sql-source.js";

/** A versioned migration: `0001_create_moods.sql` or `20240101120000_create_moods.sql`. */
export interface VersionedSource {
  /** The digits of the file name's prefix, as written (`0001`). */
  readonly version: string;
  /** The rest of the file name without `.sql` (`create_moods`). */
  readonly name: string;
  readonly source: SqlSource;
}

const VERSIONED_NAME = /^(\d+)(?:[_-]+(.*?))?\.sql$/i;

/** The version and name a file name declares, or undefined when it has no numeric prefix. */
export function parseVersionedName(basename: string): { version: string; name: string } | undefined {
  const match = VERSIONED_NAME.exec(basename);
  if (!match?.[1]) return undefined;
  return { version: match[1], name: match[2] ?? "" };
}

/** Orders versions numerically (`2` before `10`), then by spelling. */
export function compareVersions(a: string, b: string): number {
  const difference = BigInt(a) - BigInt(b);
  if (difference !== 0n) return difference < 0n ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How a path is shown to the user and keyed in the ledger: relative to cwd when below it. */
export function displayPath(cwd: string, absolute: string): string {
  const relative = path.relative(cwd, absolute);
  const shown = relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : absolute;
  return shown.split(path.sep).join("/");
}

/** True when any directory above the file is named `migrations`: such files default to versioned. */
export function isUnderMigrationsFolder(absolute: string): boolean {
  return path.dirname(absolute).split(path.sep).includes("migrations");
}

export async function isDirectory(absolute: string): Promise<boolean> {
  try {
    return (await stat(absolute)).isDirectory();
  } catch (error) {
    throw new InvalidInputError(
      [{ message: `cannot read ${absolute}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }],
      error,
    );
  }
}

/** Reads and parses one file; problems (syntax, misplaced statements) are thrown together. */
export async function readSource(cwd: string, absolute: string): Promise<SqlSource> {
  const [source, problems] = await readSourceCollecting(cwd, absolute);
  if (!source) throw new InvalidInputError(problems);
  return source;
}

async function readSourceCollecting(
  cwd: string,
  absolute: string,
): Promise<readonly [SqlSource | undefined, readonly Problem[]]> {
  const file = displayPath(cwd, absolute);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return [undefined, [{ message: `cannot read ${file}: ${code}` }]];
  }
  const decoded = decodeUtf8(bytes);
  if ("error" in decoded) return [undefined, [utf8Problem(file, decoded.error)]];
  const { text } = decoded;
  const parsed = await parseSqlSource(file, text);
  return parsed.ok ? [parsed.source, []] : [undefined, parsed.problems];
}

/**
 * The versioned migrations of a directory (not recursive), in version order. Every problem of every
 * file — unversioned names, duplicate versions, syntax errors — is reported together.
 */
export async function readMigrationDirectory(cwd: string, directory: string): Promise<VersionedSource[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const problems: Problem[] = [];
  const found: { version: string; name: string; absolute: string }[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.toLowerCase().endsWith(".sql")) continue;
    const absolute = path.join(directory, entry.name);
    const parsed = parseVersionedName(entry.name);
    if (!parsed) {
      problems.push({
        message: `${displayPath(cwd, absolute)}: migration file name has no version prefix`,
        hint: "name versioned migrations like 0001_create_moods.sql or 20240101120000_create_moods.sql; push other scripts on their own with --mode raw or --mode repeatable",
      });
      continue;
    }
    found.push({ ...parsed, absolute });
  }
  found.sort((a, b) => compareVersions(a.version, b.version) || a.absolute.localeCompare(b.absolute));
  const byNumber = new Map<bigint, (typeof found)[number][]>();
  for (const file of found) {
    const key = BigInt(file.version);
    byNumber.set(key, [...(byNumber.get(key) ?? []), file]);
  }
  for (const group of byNumber.values()) {
    if (group.length < 2) continue;
    problems.push({
      message: `duplicate migration version ${group[0]!.version}: ${group.map((file) => displayPath(cwd, file.absolute)).join(", ")}`,
      hint: "give each migration its own version prefix; the version is the migration's identity in the ledger",
    });
  }
  const sources: VersionedSource[] = [];
  for (const file of found) {
    const [source, fileProblems] = await readSourceCollecting(cwd, file.absolute);
    problems.push(...fileProblems);
    if (source) sources.push({ version: file.version, name: file.name, source });
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
  return sources;
}
