import { cpSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** fixtures/push at the repository root. */
export const PUSH_FIXTURES = fileURLToPath(new URL("../../../fixtures/push/", import.meta.url));

/** A private copy of a fixture folder, so a test may edit its files. Returns the copy's path. */
export function copyFixture(name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `pgflux-push-${name}-`));
  cpSync(path.join(PUSH_FIXTURES, name), dir, { recursive: true });
  return dir;
}
