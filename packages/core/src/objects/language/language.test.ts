import { describe, expect, it } from "vitest";
import type { Dependency, SchemaState } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { makeState, routine } from "../testing.js";
import { type Language, languageId } from "./language.model.js";
import { renderCreateLanguage, renderDropLanguage } from "./language.render.js";

const plpgsql = (name: string) => ({ schema: "pg_catalog", name });

function language(extra: Partial<Language> = {}): Language {
  const base = {
    kind: "language" as const,
    name: "plsample",
    trusted: false,
    handler: plpgsql("plpgsql_call_handler"),
    inline: null,
    validator: plpgsql("plpgsql_validator"),
    functionIds: [],
    owner: "postgres",
    comment: null,
    ...extra,
  };
  return { ...base, id: languageId(base.name) };
}

const sql = (current: SchemaState, desired: SchemaState) => plan(current, desired).steps.map((s) => s.sql);

describe("language render", () => {
  it("CREATE [TRUSTED] LANGUAGE with HANDLER, INLINE and VALIDATOR when it has them", () => {
    expect(renderCreateLanguage(language())).toBe(
      "CREATE LANGUAGE plsample HANDLER pg_catalog.plpgsql_call_handler VALIDATOR pg_catalog.plpgsql_validator;",
    );
    expect(
      renderCreateLanguage(
        language({
          name: "PL Two",
          trusted: true,
          inline: plpgsql("plpgsql_inline_handler"),
          validator: null,
        }),
      ),
    ).toBe(
      'CREATE TRUSTED LANGUAGE "PL Two" HANDLER pg_catalog.plpgsql_call_handler INLINE pg_catalog.plpgsql_inline_handler;',
    );
    expect(renderDropLanguage(language())).toBe("DROP LANGUAGE plsample;");
  });
});

describe("language plans", () => {
  it("created before a function written in it, commented; dropped after it", () => {
    const fn = routine("public", "answer", { returns: "integer" });
    const lang = language({ comment: "plpgsql, under its own name" });
    const edge: Dependency = { dependent: fn.id, referenced: lang.id };
    const steps = sql(
      makeState({}),
      makeState({ functions: [fn], languages: [lang] }, { dependencies: [edge] }),
    );
    expect(steps[0]).toBe(
      "CREATE LANGUAGE plsample HANDLER pg_catalog.plpgsql_call_handler VALIDATOR pg_catalog.plpgsql_validator;",
    );
    expect(steps[1]).toMatch(/^CREATE OR REPLACE FUNCTION public.answer/);
    expect(steps[2]).toBe("COMMENT ON LANGUAGE plsample IS 'plpgsql, under its own name';");
    expect(
      sql(makeState({ functions: [fn], languages: [lang] }, { dependencies: [edge] }), makeState({})),
    ).toEqual(["DROP FUNCTION answer();", "DROP LANGUAGE plsample;"]);
  });

  it("made TRUSTED: dropped and created again; refused while a function is written in it", () => {
    const state = (l: Language, extra: Parameters<typeof makeState>[0] = {}, deps: Dependency[] = []) =>
      makeState({ languages: [l], ...extra }, { dependencies: deps });
    expect(sql(state(language()), state(language({ trusted: true })))).toEqual([
      "DROP LANGUAGE plsample;",
      "CREATE TRUSTED LANGUAGE plsample HANDLER pg_catalog.plpgsql_call_handler VALIDATOR pg_catalog.plpgsql_validator;",
    ]);
    const fn = routine("public", "answer", { returns: "integer" });
    const edge: Dependency = { dependent: fn.id, referenced: language().id };
    expect(() =>
      plan(
        state(language(), { functions: [fn] }, [edge]),
        state(language({ trusted: true }), { functions: [fn] }, [edge]),
      ),
    ).toThrow(/cannot change LANGUAGE plsample: function:public.answer\(\) uses it/);
  });
});
