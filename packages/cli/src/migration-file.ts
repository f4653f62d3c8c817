import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { InvalidInputError } from "@pg-flux/core/basics";

const VERSIONED = /^(\d+)(?:[_-].*)?\.sql$/i;

/**
 * Writes `body` as the next numbered migration in `directory`: one more than the highest numeric
 * prefix there, zero-padded like the existing files (`0001_…` when the folder is new), so that
 * `pg-flux push` applies it in order.
 */
export function writeNextMigration(directory: string, name: string, body: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (slug === "") throw new InvalidInputError([{ message: `--name: "${name}" has no letters or digits` }]);
  mkdirSync(directory, { recursive: true });
  let highest = 0n;
  let width = 4;
  for (const entry of readdirSync(directory)) {
    const digits = VERSIONED.exec(entry)?.[1];
    if (!digits) continue;
    width = Math.max(width, digits.length);
    if (BigInt(digits) > highest) highest = BigInt(digits);
  }
  const version = (highest + 1n).toString().padStart(width, "0");
  const file = path.join(directory, `${version}_${slug}.sql`);
  writeFileSync(file, body, { flag: "wx" });
  return file;
}
