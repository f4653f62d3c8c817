import path from "node:path";
import { corpus as externalCorpus } from "@pg-flux/testkit/external";
import { describe, expect, test } from "vitest";
import { analyzeScript } from "./desired-script.js";
import { readSources } from "./sources.js";
import { loadParser } from "./statements/parse.js";

const corpus = externalCorpus().dir;

/**
 * Every corpus schema (with its preamble) parses and validates. The only problems allowed are the
 * true rejections listed here: data rows, role and database statements, which the desired-state
 * rules reject on purpose (the preambles create roles, the fixtures seed data), and object kinds
 * pg-flux does not manage.
 */
const CASES: readonly { files: readonly string[]; rejected: readonly string[] }[] = [
  {
    files: ["adventureworks/install.schema-only.sql"],
    rejected: [
      "install.schema-only.sql:273 WITH",
      "install.schema-only.sql:652 WITH",
      "install.schema-only.sql:733 WITH",
      "install.schema-only.sql:3197 UPDATE",
    ],
  },
  { files: ["blockscout/migration.sql"], rejected: [] },
  // a custom operator: pg-flux does not manage operators (validate/unmanaged.ts)
  { files: ["danbooru/structure.sql"], rejected: ["structure.sql:117 CREATE OPERATOR"] },
  { files: ["gitlab-ci-structure-2021/ci_structure.sql"], rejected: [] },
  {
    files: ["graphile-starter/preamble.sql", "graphile-starter/000001.sql"],
    rejected: ["preamble.sql:6 DO"],
  },
  { files: ["graphile-starter/schema.sql"], rejected: [] },
  { files: ["pagila-pre-pgvector/pagila-schema.sql"], rejected: [] },
  {
    files: ["postgraphile-kitchen-sink/preamble.sql", "postgraphile-kitchen-sink/kitchen-sink-schema.sql"],
    rejected: [
      "preamble.sql:4 DO",
      "preamble.sql:10 GRANT",
      "preamble.sql:11 GRANT",
      "preamble.sql:12 GRANT",
      "preamble.sql:13 GRANT",
      ...[1287, 1292, 1297, 1302, 1307, 1312, 2066, 2458, 2472, 2499].map(
        (line) => `kitchen-sink-schema.sql:${line} INSERT`,
      ),
    ],
  },
  {
    files: ["postgrest-big/preamble.sql", "postgrest-big/big_schema.sql"],
    rejected: [
      "big_schema.sql:11400 DROP ROLE",
      "big_schema.sql:11401 CREATE ROLE",
      "big_schema.sql:11403 GRANT",
    ],
  },
  {
    files: [
      "supabase-auth-storage/preamble.sql",
      "supabase-auth-storage/00000000000001-auth-schema.sql",
      "supabase-auth-storage/00000000000002-storage-schema.sql",
      "supabase-auth-storage/00000000000003-post-setup.sql",
    ],
    rejected: [
      "preamble.sql:5 DO",
      "00000000000001-auth-schema.sql:112 CREATE USER",
      "00000000000001-auth-schema.sql:116 ALTER USER",
      "00000000000002-storage-schema.sql:107 CREATE USER",
      "00000000000002-storage-schema.sql:111 ALTER USER",
      "00000000000003-post-setup.sql:3 ALTER ROLE",
      "00000000000003-post-setup.sql:4 ALTER ROLE",
      "00000000000003-post-setup.sql:104 CREATE ROLE",
      "00000000000003-post-setup.sql:105 GRANT",
    ],
  },
];

describe.skipIf(!corpus)("corpus (skipped without PGFLUX_CORPUS or ../shared/corpus)", () => {
  test.each(CASES)("$files.0", async ({ files, rejected }) => {
    await loadParser();
    const started = performance.now();
    const desired = analyzeScript(readSources(files.map((file) => path.join(corpus ?? "", file))));
    const elapsed = performance.now() - started;
    const got = desired.problems.map((problem) => {
      const verb =
        /^(?:desired state is schema, not data: move this (\w+)|(DO) block|(\w+(?: \w+)?) acts on|(\w+(?: \w+)?): pg-flux does not manage)/.exec(
          problem.message,
        );
      const what =
        verb?.[1] ?? verb?.[2] ?? verb?.[4] ?? (verb?.[3] ?? problem.message).replace(/^GRANT \S+$/, "GRANT");
      return `${path.basename(problem.location?.file ?? "")}:${problem.location?.line} ${what}`;
    });
    expect(got).toEqual(rejected);
    expect(desired.hints).toEqual([]);
    expect(desired.steps.length).toBeGreaterThan(50);
    expect(elapsed).toBeLessThan(10_000);
  });
});
