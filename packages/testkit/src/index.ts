import { test as base } from "vitest";
import { createTestDatabase, type TestDatabase } from "./database.js";

export { createTestDatabase, databaseUrl, type TestDatabase, testServer } from "./database.js";
export { TEMPLATE_DATABASE, type TestServerInfo } from "./servers.js";

/**
 * `test` with a `db` fixture: a fresh database cloned from the worker's template, dropped after the
 * test whether it passed or failed.
 */
export const test = base.extend<{ db: TestDatabase }>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads fixture dependencies from this pattern
  db: async ({}, use) => {
    const db = await createTestDatabase();
    try {
      await use(db);
    } finally {
      await db.drop();
    }
  },
});
export { withTestRoles } from "./roles.js";
export { scratchHostForFile } from "./scratch.js";
