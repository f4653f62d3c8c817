import { describe, expect, it } from "vitest";
import { PgFluxError } from "../../errors.js";
import type { SchemaState } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { makeState } from "../testing.js";
import { type TextSearchDictionary, textSearchDictionaryId } from "./text-search-dictionary.model.js";
import {
  renderAlterTextSearchDictionaryOptions,
  renderCreateTextSearchDictionary,
  renderDropTextSearchDictionary,
} from "./text-search-dictionary.render.js";

function textSearchDictionary(extra: Partial<TextSearchDictionary> = {}): TextSearchDictionary {
  const base = {
    kind: "text_search_dictionary" as const,
    schema: "public",
    name: "english_nostop",
    template: { schema: "pg_catalog", name: "simple" },
    options: [{ name: "stopwords", value: "english", numeric: false }],
    owner: "postgres",
    comment: null,
    ...extra,
  };
  return { ...base, id: textSearchDictionaryId(base.schema, base.name) };
}

const state = (dictionary: TextSearchDictionary) => makeState({ textSearchDictionaries: [dictionary] });
/** Owners too (`manageOwners`), so a change of owner shows. */
const sql = (current: SchemaState, desired: SchemaState) =>
  plan(current, desired, { options: { manageOwners: true } }).steps.map((s) => s.sql);

describe("text search dictionary render", () => {
  it("CREATE with its template and options: strings quoted, numbers bare", () => {
    expect(
      renderCreateTextSearchDictionary(
        textSearchDictionary({
          schema: "search",
          template: { schema: "search", name: "Words" },
          options: [
            { name: "MaxLen", value: "3", numeric: true },
            { name: "rules", value: "it's \\ here", numeric: false },
          ],
        }),
      ),
    ).toBe(
      `CREATE TEXT SEARCH DICTIONARY search.english_nostop (TEMPLATE = search."Words", "MaxLen" = 3, rules = E'it''s \\\\ here');`,
    );
    expect(renderDropTextSearchDictionary(textSearchDictionary())).toBe(
      "DROP TEXT SEARCH DICTIONARY english_nostop;",
    );
  });

  it("a numeric option that is not a number is refused, never printed", () => {
    const bad = textSearchDictionary({ options: [{ name: "x", value: "1; DROP TABLE t", numeric: true }] });
    expect(() => renderCreateTextSearchDictionary(bad)).toThrow(PgFluxError);
  });

  it("ALTER sets changed and new options and resets removed ones", () => {
    const from = textSearchDictionary({
      options: [
        { name: "accept", value: "false", numeric: false },
        { name: "stopwords", value: "english", numeric: false },
      ],
    });
    const to = textSearchDictionary({
      options: [
        { name: "stopwords", value: "french", numeric: false },
        { name: "z", value: "2", numeric: true },
      ],
    });
    expect(renderAlterTextSearchDictionaryOptions(from, to)).toBe(
      "ALTER TEXT SEARCH DICTIONARY english_nostop (stopwords = 'french', z = 2, accept);",
    );
    expect(renderAlterTextSearchDictionaryOptions(from, from)).toBeNull();
  });
});

describe("text search dictionary plans", () => {
  it("options change in place, comment and owner with them", () => {
    expect(sql(state(textSearchDictionary()), state(textSearchDictionary()))).toEqual([]);
    expect(
      sql(
        state(textSearchDictionary()),
        state(textSearchDictionary({ options: [], comment: "no stop words", owner: "search_admin" })),
      ),
    ).toEqual([
      "ALTER TEXT SEARCH DICTIONARY english_nostop (stopwords);",
      "COMMENT ON TEXT SEARCH DICTIONARY english_nostop IS 'no stop words';",
      "ALTER TEXT SEARCH DICTIONARY english_nostop OWNER TO search_admin;",
    ]);
  });

  it("another template: dropped and created again, its owner set again (CREATE makes the planner's role own it)", () => {
    const ispell = textSearchDictionary({ template: { schema: "pg_catalog", name: "ispell" }, options: [] });
    expect(sql(state(textSearchDictionary()), state(ispell))).toEqual([
      "DROP TEXT SEARCH DICTIONARY english_nostop;",
      "CREATE TEXT SEARCH DICTIONARY english_nostop (TEMPLATE = pg_catalog.ispell);",
      "ALTER TEXT SEARCH DICTIONARY english_nostop OWNER TO postgres;",
    ]);
  });
});
