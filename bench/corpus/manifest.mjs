/**
 * How to load each schema of the shared corpus (PGFLUX_CORPUS, default ../shared/corpus from the
 * repository root, found by @pg-flux/testkit/external; read in place, never copied): the files in order, run in one psql session from the folder, then the bench's
 * own edit script (edits/<folder>.sql) for the modified copy.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { corpus } from "@pg-flux/testkit/external";

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(here, "../..");
/** The corpus (PGFLUX_CORPUS, else ../shared/corpus), or its expected place; `--corpus-dir` points elsewhere. */
const located = corpus();
export const DEFAULT_CORPUS_ROOT = located.dir ?? located.looked;

/**
 * Schemas that need a newer server than the OS's pg_dump 15 (pagila: uuidv7(), PG 18; blockscout:
 * transaction_timeout, PG 17) are benched on PG 18 without the pg_dump column; the rest on PG 15.
 */
const NEEDS_PG18 = new Set(["pagila-pre-pgvector", "blockscout"]);

/** Loaded in quick mode: one PG 18 schema and one PG 15 schema (with the pg_dump comparison). */
export const QUICK_CORPUS = ["pagila-pre-pgvector", "graphile-starter"];

/** @type {Readonly<Record<string, readonly string[]>>} folder → files, in load order */
const LOAD_ORDER = {
  "pagila-pre-pgvector": ["pagila-schema.sql"],
  "postgrest-big": ["preamble.sql", "big_schema.sql"],
  "postgraphile-kitchen-sink": ["preamble.sql", "kitchen-sink-schema.sql"],
  "graphile-starter": ["preamble.sql", "000001.sql"],
  "gitlab-ci-structure-2021": ["ci_structure.sql"],
  blockscout: ["migration.sql"],
  danbooru: ["structure.sql"],
  adventureworks: ["install.schema-only.sql"],
  "supabase-auth-storage": [
    "preamble.sql",
    "00000000000001-auth-schema.sql",
    "00000000000002-storage-schema.sql",
    "00000000000003-post-setup.sql",
  ],
};

/**
 * The edit script of a schema, in two files: edits/<name>.sql (tables, columns, indexes, constraints)
 * and edits/<name>.more.sql (views, policies, RLS, enum values). The engine's corpus test applies the
 * same two files.
 */
function editFiles(name) {
  return [path.join(here, "edits", `${name}.sql`), path.join(here, "edits", `${name}.more.sql`)];
}

/**
 * @typedef {{
 *   name: string, dir: string, files: readonly string[], major: 15 | 18,
 *   edits: readonly string[],
 * }} CorpusSchema
 * @param {string} [root] the corpus folder
 * @returns {CorpusSchema[]} the schemas whose folder exists under `root`
 */
export function corpusSchemas(root = DEFAULT_CORPUS_ROOT) {
  return Object.entries(LOAD_ORDER)
    .map(([name, files]) => ({
      name,
      dir: path.join(root, name),
      files,
      edits: editFiles(name),
      major: /** @type {15 | 18} */ (NEEDS_PG18.has(name) ? 18 : 15),
    }))
    .filter((schema) => existsSync(schema.dir));
}
