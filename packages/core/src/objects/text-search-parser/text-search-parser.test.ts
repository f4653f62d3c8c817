import { describe, expect, it } from "vitest";
import type { Dependency, SchemaState } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { makeState, routine } from "../testing.js";
import { textSearchTemplateId } from "../text-search-template/text-search-template.model.js";
import {
  renderCreateTextSearchTemplate,
  renderDropTextSearchTemplate,
} from "../text-search-template/text-search-template.render.js";
import { type TextSearchParser, textSearchParserId } from "./text-search-parser.model.js";
import { renderCreateTextSearchParser, renderDropTextSearchParser } from "./text-search-parser.render.js";

const builtin = (name: string) => ({ schema: "pg_catalog", name });

function parser(extra: Partial<TextSearchParser> = {}): TextSearchParser {
  const base = {
    kind: "text_search_parser" as const,
    schema: "public",
    name: "words",
    start: builtin("prsd_start"),
    gettoken: builtin("prsd_nexttoken"),
    end: builtin("prsd_end"),
    lextypes: builtin("prsd_lextype"),
    headline: builtin("prsd_headline"),
    functionIds: [],
    comment: null,
    ...extra,
  };
  return { ...base, id: textSearchParserId(base.schema, base.name) };
}

const sql = (current: SchemaState, desired: SchemaState) => plan(current, desired).steps.map((s) => s.sql);

describe("text search parser and template render", () => {
  it("CREATE TEXT SEARCH PARSER with its functions, HEADLINE when it has one", () => {
    expect(renderCreateTextSearchParser(parser())).toBe(
      "CREATE TEXT SEARCH PARSER words (START = pg_catalog.prsd_start, GETTOKEN = pg_catalog.prsd_nexttoken, END = pg_catalog.prsd_end, LEXTYPES = pg_catalog.prsd_lextype, HEADLINE = pg_catalog.prsd_headline);",
    );
    expect(renderCreateTextSearchParser(parser({ schema: "search", headline: null }))).toBe(
      "CREATE TEXT SEARCH PARSER search.words (START = pg_catalog.prsd_start, GETTOKEN = pg_catalog.prsd_nexttoken, END = pg_catalog.prsd_end, LEXTYPES = pg_catalog.prsd_lextype);",
    );
    expect(renderDropTextSearchParser(parser())).toBe("DROP TEXT SEARCH PARSER words;");
  });

  it("CREATE TEXT SEARCH TEMPLATE with LEXIZE, INIT when it has one", () => {
    const template = {
      kind: "text_search_template" as const,
      id: textSearchTemplateId("public", "plain"),
      schema: "public",
      name: "plain",
      init: builtin("dsimple_init"),
      lexize: builtin("dsimple_lexize"),
      functionIds: [],
      comment: null,
    };
    expect(renderCreateTextSearchTemplate(template)).toBe(
      "CREATE TEXT SEARCH TEMPLATE plain (INIT = pg_catalog.dsimple_init, LEXIZE = pg_catalog.dsimple_lexize);",
    );
    expect(renderCreateTextSearchTemplate({ ...template, init: null })).toBe(
      "CREATE TEXT SEARCH TEMPLATE plain (LEXIZE = pg_catalog.dsimple_lexize);",
    );
    expect(renderDropTextSearchTemplate(template)).toBe("DROP TEXT SEARCH TEMPLATE plain;");
  });
});

describe("text search parser plans", () => {
  it("created after a user function it calls, commented; dropped before it", () => {
    const fn = routine("public", "words_start", {
      identityArguments: "internal, integer",
      returns: "internal",
    });
    const withFn = parser({
      start: { schema: "public", name: "words_start" },
      functionIds: [fn.id],
      comment: "words",
    });
    const steps = sql(makeState({}), makeState({ functions: [fn], textSearchParsers: [withFn] }));
    expect(steps.slice(1)).toEqual([
      "CREATE TEXT SEARCH PARSER words (START = words_start, GETTOKEN = pg_catalog.prsd_nexttoken, END = pg_catalog.prsd_end, LEXTYPES = pg_catalog.prsd_lextype, HEADLINE = pg_catalog.prsd_headline);",
      "COMMENT ON TEXT SEARCH PARSER words IS 'words';",
    ]);
    expect(steps[0]).toMatch(/^CREATE OR REPLACE FUNCTION public.words_start/);
    const edge: Dependency = { dependent: withFn.id, referenced: fn.id };
    expect(
      sql(
        makeState({ functions: [fn], textSearchParsers: [withFn] }, { dependencies: [edge] }),
        makeState({}),
      ),
    ).toEqual(["DROP TEXT SEARCH PARSER words;", "DROP FUNCTION words_start(internal, integer);"]);
  });

  it("another function: dropped and created again (PostgreSQL has no ALTER for it)", () => {
    const state = (p: TextSearchParser) => makeState({ textSearchParsers: [p] });
    expect(sql(state(parser()), state(parser({ headline: null })))).toEqual([
      "DROP TEXT SEARCH PARSER words;",
      "CREATE TEXT SEARCH PARSER words (START = pg_catalog.prsd_start, GETTOKEN = pg_catalog.prsd_nexttoken, END = pg_catalog.prsd_end, LEXTYPES = pg_catalog.prsd_lextype);",
    ]);
  });
});
