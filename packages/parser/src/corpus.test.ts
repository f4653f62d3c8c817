import path from "node:path";
import { corpus as externalCorpus } from "@pg-flux/testkit/external";
import { describe, expect, test } from "vitest";
import { analyzeScript } from "./desired-script.js";
import { readSources } from "./sources.js";
import { loadParser } from "./statements/parse.js";

const corpus = externalCorpus().dir;

/**
 * Every corpus schema (with its preamble) parses and validates. The only problems allowed are the
 * true rejections listed here: data rows and database statements, which the desired-state rules
 * reject on purpose (the fixtures seed data), and object kinds pg-flux does not manage. Role
 * statements (the preambles' idempotent DO blocks, CREATE USER, ALTER ROLE … SET, GRANT role TO
 * role, pg_dumpall's DROP ROLE IF EXISTS before CREATE ROLE) are read as declarations: `declared`
 * lists the roles each case declares.
 */
const CASES: readonly {
  files: readonly string[];
  rejected: readonly string[];
  declared?: readonly string[];
}[] = [
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
  // its custom operator (structure.sql:117) is managed (objects/operator)
  { files: ["danbooru/structure.sql"], rejected: [] },
  { files: ["gitlab-ci-structure-2021/ci_structure.sql"], rejected: [] },
  {
    files: ["graphile-starter/preamble.sql", "graphile-starter/000001.sql"],
    rejected: [],
    declared: ["graphile_starter", "graphile_starter_authenticator", "graphile_starter_visitor"],
  },
  { files: ["graphile-starter/schema.sql"], rejected: [] },
  { files: ["pagila-pre-pgvector/pagila-schema.sql"], rejected: [] },
  {
    files: ["postgraphile-kitchen-sink/preamble.sql", "postgraphile-kitchen-sink/kitchen-sink-schema.sql"],
    declared: [
      "postgraphile_test_authenticator",
      "postgraphile_test_user1",
      "postgraphile_test_user2",
      "postgraphile_test_visitor",
    ],
    rejected: [
      ...[1287, 1292, 1297, 1302, 1307, 1312, 2066, 2458, 2472, 2499].map(
        (line) => `kitchen-sink-schema.sql:${line} INSERT`,
      ),
    ],
  },
  {
    files: ["postgrest-big/preamble.sql", "postgrest-big/big_schema.sql"],
    rejected: [],
    declared: ["postgrest_test_anonymous"],
  },
  {
    files: [
      "supabase-auth-storage/preamble.sql",
      "supabase-auth-storage/00000000000001-auth-schema.sql",
      "supabase-auth-storage/00000000000002-storage-schema.sql",
      "supabase-auth-storage/00000000000003-post-setup.sql",
    ],
    // GRANT ALL ON DATABASE postgres: the database itself, server-wide
    rejected: ["00000000000003-post-setup.sql:105 GRANT"],
    declared: [
      "anon",
      "authenticated",
      "authenticator",
      "dashboard_user",
      "postgres",
      "service_role",
      "supabase_admin",
      "supabase_auth_admin",
      "supabase_storage_admin",
    ],
  },
];

describe.skipIf(!corpus)("corpus (skipped without PGFLUX_CORPUS or ../shared/corpus)", () => {
  test.each(CASES)("$files.0", async ({ files, rejected, declared = [] }) => {
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
    expect(desired.roleDeclarations.roles.map((role) => role.name).sort()).toEqual(declared);
    expect(desired.hints).toEqual([]);
    expect(desired.steps.length).toBeGreaterThan(50);
    expect(elapsed).toBeLessThan(10_000);
  });
});
