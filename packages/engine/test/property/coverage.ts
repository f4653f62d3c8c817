/**
 * What the generator's pairs contain, counted over a sample: each modelled kind and feature as a
 * pattern over A's or B's SQL, each rename hint in B, and the pairs where B drops or adds objects of
 * A. schema-pairs.test.ts requires every entry to occur, so a generator change that stops producing
 * one (a repair that removes it every time, a typo in an edit) fails instead of going unnoticed.
 */
import type { SchemaPair } from "./generate.js";

/** Features searched in A and B (either side counts). */
export const SQL_FEATURES: Readonly<Record<string, RegExp>> = {
  schema: /^CREATE SCHEMA /m,
  extension: /^CREATE EXTENSION /m,
  "extension type column": /\.(citext|hstore)\b/,
  "trigram index (opclass of an extension)": /USING gin \(.*gin_trgm_ops/,
  enum: /AS ENUM \(/,
  domain: /^CREATE DOMAIN /m,
  "domain CHECK": /^CREATE DOMAIN .* CHECK \(VALUE/m,
  composite: /^CREATE TYPE .* AS \(\n/m,
  sequence: /^CREATE SEQUENCE /m,
  "sequence OWNED BY": / OWNED BY /,
  "scalar function": /RETURNS (integer|bigint) LANGUAGE sql/,
  "trigger function": /RETURNS trigger LANGUAGE plpgsql/,
  table: /^CREATE TABLE /m,
  "varchar(n)": /varchar\(\d+\)/,
  "numeric(p, s)": /numeric\(\d+, \d+\)/,
  array: /(integer|text)\[\]/,
  jsonb: / jsonb\b/,
  uuid: / uuid\b/,
  timestamptz: / timestamptz\b/,
  default: / DEFAULT /,
  "NOT NULL": / NOT NULL[,\n]/,
  identity: /GENERATED (ALWAYS|BY DEFAULT) AS IDENTITY/,
  "generated column": /GENERATED ALWAYS AS \(.*\) STORED/,
  "primary key": /PRIMARY KEY \(/,
  unique: /UNIQUE \(/,
  check: /CHECK \((?!VALUE)/,
  "foreign key": /FOREIGN KEY \(/,
  "ON DELETE CASCADE": /ON DELETE CASCADE/,
  "deferrable foreign key": /DEFERRABLE INITIALLY DEFERRED/,
  index: /^CREATE INDEX /m,
  "unique index": /^CREATE UNIQUE INDEX /m,
  "partial index": /^CREATE (UNIQUE )?INDEX .* WHERE /m,
  "expression index": /^CREATE (UNIQUE )?INDEX .*\((\(|lower\()/m,
  "INCLUDE index": / INCLUDE \(/,
  "index without a name": /^CREATE (UNIQUE )?INDEX ON /m,
  view: /^CREATE VIEW /m,
  "materialized view": /^CREATE MATERIALIZED VIEW /m,
  "index on a materialized view": /^CREATE (UNIQUE )?INDEX .* ON .*\n\nCREATE (UNIQUE )?INDEX/m,
  trigger: /^CREATE TRIGGER /m,
  policy: /^CREATE POLICY /m,
  "row level security": /ENABLE ROW LEVEL SECURITY/,
  "forced row level security": /FORCE ROW LEVEL SECURITY/,
  comment: /^COMMENT ON /m,
  "comment on an extension": /^COMMENT ON EXTENSION /m,
  grant: /^GRANT /m,
  "REVOKE … FROM PUBLIC": /^REVOKE EXECUTE /m,
};

/** Rename hints searched in B. */
export const HINTS: Readonly<Record<string, RegExp>> = {
  "renamed schema": /@renamed-schema from=/,
  "renamed table": /@renamed-table from=(?!.*\.)/,
  "table moved to another schema": /@renamed-table from=.*\./,
  "renamed column": /-- @renamed from=/,
  "renamed constraint": /@renamed-constraint from=/,
  "renamed index": /@renamed-index from=/,
  "renamed type": /@renamed-type from=/,
  "renamed enum value": /@renamed-value from=/,
  "renamed sequence": /@renamed-sequence from=/,
  "renamed view": /@renamed-view from=/,
  "renamed materialized view": /@renamed-materialized-view from=/,
  "renamed function": /@renamed-function from=/,
};

export function coverage(pairs: readonly SchemaPair[]): Map<string, number> {
  const counts = new Map<string, number>();
  const count = (name: string, hit: boolean) => counts.set(name, (counts.get(name) ?? 0) + (hit ? 1 : 0));
  for (const pair of pairs) {
    for (const [name, pattern] of Object.entries(SQL_FEATURES))
      count(name, pattern.test(pair.current) || pattern.test(pair.desired));
    for (const [name, pattern] of Object.entries(HINTS)) count(name, pattern.test(pair.desired));
    const inB = new Set(pair.desiredObjects);
    const inA = new Set(pair.currentObjects);
    count(
      "B drops objects of A",
      pair.currentObjects.some((o) => !inB.has(o)),
    );
    count(
      "B adds objects",
      pair.desiredObjects.some((o) => !inA.has(o)),
    );
    count("B differs from A", pair.current !== pair.desired);
  }
  return counts;
}
