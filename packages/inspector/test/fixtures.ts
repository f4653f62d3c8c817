import { readFileSync } from "node:fs";
import type { TestDatabase } from "@pg-flux/testkit";

/** The repository's `fixtures/inspector/` folder. */
export const FIXTURES = new URL("../../../fixtures/inspector/", import.meta.url);

export function fixtureSql(name: string): string {
  return readFileSync(new URL(`${name}.sql`, FIXTURES), "utf8");
}

/** Runs a fixture file on the test database (one simple-protocol batch). */
export async function loadFixture(db: TestDatabase, name: string): Promise<void> {
  await db.query(fixtureSql(name));
}

/** A value that must exist: fails the test with a readable message otherwise. */
export function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`expected ${what} in the inspected state`);
  return value;
}
