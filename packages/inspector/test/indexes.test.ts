import type { IndexKey } from "@pg-flux/core";
import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { inspect } from "../src/index.js";
import { loadFixture, must } from "./fixtures.js";

const key = (expression: string, extra: Partial<IndexKey> = {}): IndexKey => ({
  expression,
  opclass: null,
  collation: null,
  descending: false,
  nullsFirst: false,
  ...extra,
});

describe("indexes", () => {
  test("keys, opclasses, collations, INCLUDE, predicates, options, partitions", async ({ db }) => {
    await loadFixture(db, "indexes");
    const state = await inspect(db.url);
    const ix = (name: string) => must(state.indexes[`index:public.${name}`], name);

    expect(ix("docs_rank_incl_idx")).toEqual({
      kind: "index",
      id: "index:public.docs_rank_incl_idx",
      schema: "public",
      name: "docs_rank_incl_idx",
      table: "table:public.docs",
      definition:
        "CREATE INDEX docs_rank_incl_idx ON public.docs USING btree (rank) INCLUDE (title, slug) WHERE (rank > 10)",
      method: "btree",
      unique: false,
      nullsNotDistinct: false,
      primary: false,
      keys: [key("rank")],
      include: ["title", "slug"],
      predicate: "(rank > 10)",
      options: [],
      valid: true,
      constraint: null,
      parentIndex: null,
      columnStatistics: [],
      comment: null,
    });
    expect(ix("docs_pkey")).toMatchObject({
      unique: true,
      primary: true,
      constraint: "constraint:public.docs.docs_pkey",
      keys: [key("id")],
    });
    expect(ix("docs_title_lower_idx").keys).toEqual([key("lower(title)", { descending: true })]);
    expect(ix("docs_title_lower_idx").columnStatistics).toEqual([{ column: 1, target: 3000 }]);
    expect(ix("docs_slug_pattern_idx").keys).toEqual([key("slug", { opclass: "text_pattern_ops" })]);
    // The column's own collation is not repeated; a different one is reported qualified.
    expect(ix("docs_title_c_idx").keys).toEqual([
      key("title", { collation: 'pg_catalog."C"', nullsFirst: true }),
    ]);
    // An extension's opclass is qualified (empty search_path); a type's default opclass is null.
    expect(ix("docs_body_trgm_idx")).toMatchObject({
      method: "gin",
      keys: [key("body", { opclass: "public.gin_trgm_ops" })],
      definition: "CREATE INDEX docs_body_trgm_idx ON public.docs USING gin (body public.gin_trgm_ops)",
    });
    expect(ix("docs_tags_idx")).toMatchObject({ keys: [key("tags")], options: ["fastupdate=off"] });
    expect(ix("docs_rank_ff_idx")).toMatchObject({ options: ["fillfactor=50"], comment: "tuned" });

    expect(ix("measures_at_idx")).toMatchObject({
      table: "table:public.measures",
      definition: "CREATE INDEX measures_at_idx ON ONLY public.measures USING btree (at)",
      parentIndex: null,
    });
    expect(ix("measures_2024_at_idx")).toMatchObject({
      table: "table:public.measures_2024",
      parentIndex: "index:public.measures_at_idx",
    });
    expect(ix("doc_titles_id_idx")).toMatchObject({
      table: "materialized_view:public.doc_titles",
      unique: true,
    });
  });

  test("an invalid index is reported as not valid", async ({ db }) => {
    await db.query(`
      create table public.dupes (n int);
      insert into public.dupes values (1), (1);
    `);
    // CREATE INDEX CONCURRENTLY cannot run in a transaction block, so it runs alone and fails.
    await expect(
      db.query("create unique index concurrently dupes_n_key on public.dupes (n)"),
    ).rejects.toThrow();
    const state = await inspect(db.url);
    expect(state.indexes["index:public.dupes_n_key"]?.valid).toBe(false);
  });
});
