import { describe, expect, it } from "vitest";
import type { Dependency, SchemaState } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { makeState, routine } from "../testing.js";
import { type Language, languageId } from "./language.model.js";
import { renderCreateLanguage, renderDropLanguage } from "./language.render.js";

const plpgsql = (name: string) => ({ schema: "pg_catalog", name });
const usage = (grantee: string, grantable = false) => ({ grantee, privilege: "USAGE", grantable });

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
    privileges: [usage("PUBLIC")],
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

describe("language grants (GRANT/REVOKE … ON LANGUAGE)", () => {
  const state = (l: Language) => makeState({ languages: [l] });

  it("a new language starts from USAGE to PUBLIC (acldefault('l')): nothing for the default, REVOKE for its absence", () => {
    expect(sql(makeState({}), state(language({ trusted: true })))).toEqual([
      "CREATE TRUSTED LANGUAGE plsample HANDLER pg_catalog.plpgsql_call_handler VALIDATOR pg_catalog.plpgsql_validator;",
    ]);
    expect(sql(makeState({}), state(language({ trusted: true, privileges: [usage("app", true)] })))).toEqual([
      "CREATE TRUSTED LANGUAGE plsample HANDLER pg_catalog.plpgsql_call_handler VALIDATOR pg_catalog.plpgsql_validator;",
      "REVOKE USAGE ON LANGUAGE plsample FROM PUBLIC;",
      "GRANT USAGE ON LANGUAGE plsample TO app WITH GRANT OPTION;",
    ]);
  });

  it("granted and revoked in place on a language that stays", () => {
    const before = language({ trusted: true });
    expect(
      sql(state(before), state(language({ trusted: true, privileges: [usage("PUBLIC"), usage("app")] }))),
    ).toEqual(["GRANT USAGE ON LANGUAGE plsample TO app;"]);
    expect(sql(state(before), state(language({ trusted: true, privileges: [] })))).toEqual([
      "REVOKE USAGE ON LANGUAGE plsample FROM PUBLIC;",
    ]);
    expect(
      sql(
        state(language({ trusted: true, privileges: [usage("app", true)] })),
        state(language({ trusted: true, privileges: [usage("app")] })),
      ),
    ).toEqual(["REVOKE GRANT OPTION FOR USAGE ON LANGUAGE plsample FROM app;"]);
  });

  it("dropped and created again (made TRUSTED): its grants start over from the default, after the CREATE", () => {
    const granted = { privileges: [usage("app")] };
    expect(sql(state(language({ trusted: false })), state(language({ trusted: true, ...granted })))).toEqual([
      "DROP LANGUAGE plsample;",
      "CREATE TRUSTED LANGUAGE plsample HANDLER pg_catalog.plpgsql_call_handler VALIDATOR pg_catalog.plpgsql_validator;",
      "REVOKE USAGE ON LANGUAGE plsample FROM PUBLIC;",
      "GRANT USAGE ON LANGUAGE plsample TO app;",
    ]);
  });
});
