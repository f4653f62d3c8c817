import { describe, expect, it } from "vitest";
import { PgFluxError } from "../../errors.js";
import type { Dependency, SchemaState } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { makeState } from "../testing.js";
import { type Cast, castId } from "./cast.model.js";
import { renderCreateCast, renderDropCast } from "./cast.render.js";

function cast(extra: Partial<Cast> = {}): Cast {
  const base = {
    kind: "cast" as const,
    source: "public.pair",
    target: "text",
    method: "function" as const,
    function: "public.pair_text(public.pair)",
    functionId: null,
    context: "explicit" as const,
    schemas: ["public"],
    comment: null,
    ...extra,
  };
  return { ...base, id: castId(base.source, base.target) };
}

const state = (casts: readonly Cast[], extra: Partial<Pick<SchemaState, "dependencies">> = {}) =>
  makeState({ casts }, { dependencies: extra.dependencies ?? [] });
const sql = (current: SchemaState, desired: SchemaState) => plan(current, desired).steps.map((s) => s.sql);

describe("cast render", () => {
  it("WITH FUNCTION, WITH INOUT, WITHOUT FUNCTION; the context when not explicit", () => {
    expect(cast().id).toBe('cast:"public.pair".text');
    expect(renderCreateCast(cast())).toBe(
      "CREATE CAST (public.pair AS text) WITH FUNCTION public.pair_text(public.pair);",
    );
    expect(renderCreateCast(cast({ method: "inout", function: null, context: "assignment" }))).toBe(
      "CREATE CAST (public.pair AS text) WITH INOUT AS ASSIGNMENT;",
    );
    expect(renderCreateCast(cast({ method: "binary", function: null, context: "implicit" }))).toBe(
      "CREATE CAST (public.pair AS text) WITHOUT FUNCTION AS IMPLICIT;",
    );
    expect(renderDropCast(cast())).toBe("DROP CAST (public.pair AS text);");
  });
});

describe("cast plans", () => {
  it("created with its comment, dropped, unchanged plans nothing", () => {
    expect(sql(makeState({}), state([cast({ comment: "pair as a b" })]))).toEqual([
      "CREATE CAST (public.pair AS text) WITH FUNCTION public.pair_text(public.pair);",
      "COMMENT ON CAST (public.pair AS text) IS 'pair as a b';",
    ]);
    expect(sql(state([cast()]), makeState({}))).toEqual(["DROP CAST (public.pair AS text);"]);
    expect(sql(state([cast()]), state([cast()]))).toEqual([]);
  });

  it("no ALTER CAST: dropped and created again when nothing uses it, refused naming its users", () => {
    expect(sql(state([cast()]), state([cast({ context: "assignment" })]))).toEqual([
      "DROP CAST (public.pair AS text);",
      "CREATE CAST (public.pair AS text) WITH FUNCTION public.pair_text(public.pair) AS ASSIGNMENT;",
    ]);
    const used: Dependency = { dependent: "view:public.pairs_text", referenced: cast().id };
    const run = () => plan(state([cast()], { dependencies: [used] }), state([cast({ context: "implicit" })]));
    expect(run).toThrow(PgFluxError);
    expect(run).toThrow(/cannot change CAST \(public.pair AS text\): view:public.pairs_text uses it/);
  });

  it("a --schemas filter keeps a cast by its types' and function's schemas", () => {
    const outside = cast({
      source: "other.pair",
      function: "other.pair_text(other.pair)",
      schemas: ["other"],
    });
    const current = makeState({ casts: [outside] }, { managedSchemas: ["public"] });
    expect(plan(current, makeState({}, { managedSchemas: ["public"] })).steps).toEqual([]);
  });
});
