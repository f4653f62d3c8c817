import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { externalNotice } from "./packages/testkit/src/external.js";

/** In tests, workspace packages resolve to their TypeScript sources, not to a build. */
const packages = ["core", "parser", "inspector", "engine", "ledger", "testkit", "cli"] as const;
const alias = [
  ...packages.map((name) => ({
    find: new RegExp(`^@pg-flux/${name}$`),
    replacement: fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url)),
  })),
  {
    find: /^@pg-flux\/core\/basics$/,
    replacement: fileURLToPath(new URL("./packages/core/src/basics.ts", import.meta.url)),
  },
  {
    find: /^@pg-flux\/testkit\/external$/,
    replacement: fileURLToPath(new URL("./packages/testkit/src/external.ts", import.meta.url)),
  },
  {
    find: /^pg-flux$/,
    replacement: fileURLToPath(new URL("./packages/pg-flux/src/index.ts", import.meta.url)),
  },
];

// Tests that need the external corpus are skipped without it; say so once, with how to run them.
const notice = externalNotice();
if (notice) console.info(notice);

/**
 * Two projects: `unit` (pure, no database, beside the code as src/**\/*.test.ts) and `integration`
 * (packages/*\/test/**\/*.test.ts and fixtures, each test on a fresh database of a real server).
 */
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["packages/*/src/**/*.test.ts"],
          // pure tests, but some build large states (400 tables): on a loaded 2-core machine the
          // default 5 s is a timing assumption; a real hang still fails
          testTimeout: 60_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["packages/*/test/**/*.test.ts"],
          globalSetup: ["packages/testkit/src/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
