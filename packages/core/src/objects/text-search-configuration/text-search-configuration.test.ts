import { describe, expect, it } from "vitest";
import { PgFluxError } from "../../errors.js";
import type { Dependency, SchemaState } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { makeState } from "../testing.js";
import { textSearchDictionaryId } from "../text-search-dictionary/text-search-dictionary.model.js";
import {
  type TextSearchConfiguration,
  textSearchConfigurationId,
} from "./text-search-configuration.model.js";
import {
  renderCreateTextSearchConfiguration,
  renderDropTextSearchConfiguration,
  renderMappingChanges,
  renderMappings,
} from "./text-search-configuration.render.js";

const english = (name: string) => ({ schema: "pg_catalog", name });
const mine = (name: string) => ({ schema: "public", name });

function configuration(extra: Partial<TextSearchConfiguration> = {}): TextSearchConfiguration {
  const base = {
    kind: "text_search_configuration" as const,
    schema: "public",
    name: "docs",
    parser: english("default"),
    mappings: [
      { token: "asciiword", dictionaries: [english("english_stem")] },
      { token: "word", dictionaries: [english("english_stem")] },
      { token: "int", dictionaries: [english("simple")] },
    ],
    owner: "postgres",
    comment: null,
    ...extra,
  };
  return { ...base, id: textSearchConfigurationId(base.schema, base.name) };
}

const sql = (current: SchemaState, desired: SchemaState, manageOwners = false) =>
  plan(current, desired, { options: { manageOwners } }).steps.map((s) => s.sql);

describe("text search configuration render", () => {
  it("CREATE with its parser, then one ADD MAPPING per list of dictionaries", () => {
    const cfg = configuration();
    expect(cfg.id).toBe("text_search_configuration:public.docs");
    expect(renderCreateTextSearchConfiguration(cfg)).toBe(
      'CREATE TEXT SEARCH CONFIGURATION docs (PARSER = pg_catalog."default");',
    );
    expect(renderMappings(cfg, "ADD", cfg.mappings)).toEqual([
      "ALTER TEXT SEARCH CONFIGURATION docs ADD MAPPING FOR asciiword, word WITH pg_catalog.english_stem;",
      'ALTER TEXT SEARCH CONFIGURATION docs ADD MAPPING FOR "int" WITH pg_catalog.simple;',
    ]);
    expect(renderDropTextSearchConfiguration(configuration({ schema: "App Search" }))).toBe(
      'DROP TEXT SEARCH CONFIGURATION "App Search".docs;',
    );
  });

  it("mapping changes: dropped token types, then altered, then added", () => {
    const to = configuration({
      mappings: [
        { token: "asciiword", dictionaries: [mine("unaccent"), english("english_stem")] },
        { token: "word", dictionaries: [english("english_stem")] },
        { token: "email", dictionaries: [english("simple")] },
      ],
    });
    expect(renderMappingChanges(configuration(), to)).toEqual([
      'ALTER TEXT SEARCH CONFIGURATION docs DROP MAPPING FOR "int";',
      "ALTER TEXT SEARCH CONFIGURATION docs ALTER MAPPING FOR asciiword WITH unaccent, pg_catalog.english_stem;",
      "ALTER TEXT SEARCH CONFIGURATION docs ADD MAPPING FOR email WITH pg_catalog.simple;",
    ]);
  });
});

describe("text search configuration plans", () => {
  const dictionary = {
    kind: "text_search_dictionary" as const,
    id: textSearchDictionaryId("public", "unaccent_words"),
    schema: "public",
    name: "unaccent_words",
    template: english("simple"),
    options: [{ name: "stopwords", value: "english", numeric: false }],
    owner: "postgres",
    comment: null,
  };
  const uses = configuration({
    mappings: [{ token: "asciiword", dictionaries: [mine("unaccent_words"), english("english_stem")] }],
  });

  it("created after the dictionary it maps to, with its comment; dropped before it", () => {
    const cfg = { ...uses, comment: "documents" };
    expect(
      sql(
        makeState({}),
        makeState({ textSearchDictionaries: [dictionary], textSearchConfigurations: [cfg] }),
      ),
    ).toEqual([
      "CREATE TEXT SEARCH DICTIONARY unaccent_words (TEMPLATE = pg_catalog.simple, stopwords = 'english');",
      'CREATE TEXT SEARCH CONFIGURATION docs (PARSER = pg_catalog."default");',
      "ALTER TEXT SEARCH CONFIGURATION docs ADD MAPPING FOR asciiword WITH unaccent_words, pg_catalog.english_stem;",
      "COMMENT ON TEXT SEARCH CONFIGURATION docs IS 'documents';",
    ]);
    const edge: Dependency = { dependent: cfg.id, referenced: dictionary.id };
    expect(
      sql(
        makeState(
          { textSearchDictionaries: [dictionary], textSearchConfigurations: [cfg] },
          { dependencies: [edge] },
        ),
        makeState({}),
      ),
    ).toEqual(["DROP TEXT SEARCH CONFIGURATION docs;", "DROP TEXT SEARCH DICTIONARY unaccent_words;"]);
  });

  it("unchanged plans nothing; mappings and owner change in place", () => {
    const state = (cfg: TextSearchConfiguration) => makeState({ textSearchConfigurations: [cfg] });
    expect(sql(state(configuration()), state(configuration()))).toEqual([]);
    expect(
      sql(
        state(configuration()),
        state(configuration({ owner: "search_admin", mappings: configuration().mappings.slice(0, 2) })),
        true,
      ),
    ).toEqual([
      'ALTER TEXT SEARCH CONFIGURATION docs DROP MAPPING FOR "int";',
      "ALTER TEXT SEARCH CONFIGURATION docs OWNER TO search_admin;",
    ]);
  });

  it("another parser: dropped and created again when nothing uses it, refused naming the users when an index does", () => {
    const other = configuration({ parser: mine("words"), mappings: [] });
    expect(
      sql(
        makeState({ textSearchConfigurations: [configuration()] }),
        makeState({ textSearchConfigurations: [other] }),
      ),
    ).toEqual([
      "DROP TEXT SEARCH CONFIGURATION docs;",
      "CREATE TEXT SEARCH CONFIGURATION docs (PARSER = words);",
    ]);
    const used: Dependency = { dependent: "index:public.posts_search", referenced: configuration().id };
    const run = () =>
      plan(
        makeState({ textSearchConfigurations: [configuration()] }, { dependencies: [used] }),
        makeState({ textSearchConfigurations: [other] }),
      );
    expect(run).toThrow(PgFluxError);
    expect(run).toThrow(
      /cannot change TEXT SEARCH CONFIGURATION docs: index:public.posts_search uses it, and PostgreSQL has no ALTER for this change of a text search configuration/,
    );
  });
});
