import { describe, expect, it } from "vitest";
import type { Dependency, SchemaState } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { makeState } from "../testing.js";
import { type Transform, transformId } from "./transform.model.js";
import { renderCreateTransform, renderDropTransform } from "./transform.render.js";

function transform(extra: Partial<Transform> = {}): Transform {
  const base = {
    kind: "transform" as const,
    type: "app.pair",
    language: "plpgsql",
    fromSql: { schema: "public", name: "pair_from" },
    toSql: { schema: "app", name: "pair_to" },
    functionIds: ["function:app.pair_to(internal)", "function:public.pair_from(internal)"],
    schemas: ["app", "public"],
    comment: null,
    ...extra,
  };
  return { ...base, id: transformId(base.type, base.language) };
}

const state = (transforms: readonly Transform[], dependencies: readonly Dependency[] = []) =>
  makeState({ transforms }, { dependencies });
const sql = (current: SchemaState, desired: SchemaState) => plan(current, desired).steps.map((s) => s.sql);

describe("transform render", () => {
  it("FROM SQL and TO SQL functions (internal), either left out; OR REPLACE; DROP", () => {
    expect(transform().id).toBe('transform:"app.pair".plpgsql');
    expect(renderCreateTransform(transform())).toBe(
      "CREATE TRANSFORM FOR app.pair LANGUAGE plpgsql (FROM SQL WITH FUNCTION pair_from(internal), TO SQL WITH FUNCTION app.pair_to(internal));",
    );
    expect(renderCreateTransform(transform({ toSql: null, language: "Py Lang" }), true)).toBe(
      'CREATE OR REPLACE TRANSFORM FOR app.pair LANGUAGE "Py Lang" (FROM SQL WITH FUNCTION pair_from(internal));',
    );
    expect(
      renderCreateTransform(
        transform({ type: "integer", fromSql: null, toSql: { schema: "pg_catalog", name: "int4recv" } }),
      ),
    ).toBe(
      "CREATE TRANSFORM FOR integer LANGUAGE plpgsql (TO SQL WITH FUNCTION pg_catalog.int4recv(internal));",
    );
    expect(renderDropTransform(transform())).toBe("DROP TRANSFORM FOR app.pair LANGUAGE plpgsql;");
  });
});

describe("transform plans", () => {
  it("created with its comment, dropped, unchanged plans nothing", () => {
    expect(sql(makeState({}), state([transform({ comment: "pairs as records" })]))).toEqual([
      "CREATE TRANSFORM FOR app.pair LANGUAGE plpgsql (FROM SQL WITH FUNCTION pair_from(internal), TO SQL WITH FUNCTION app.pair_to(internal));",
      "COMMENT ON TRANSFORM FOR app.pair LANGUAGE plpgsql IS 'pairs as records';",
    ]);
    expect(sql(state([transform()]), makeState({}))).toEqual([
      "DROP TRANSFORM FOR app.pair LANGUAGE plpgsql;",
    ]);
    expect(sql(state([transform()]), state([transform()]))).toEqual([]);
  });

  it("no ALTER TRANSFORM: a changed one is replaced in place, even while functions use it", () => {
    const used: Dependency = { dependent: "function:app.pairs(p app.pair)", referenced: transform().id };
    const changed = transform({
      toSql: null,
      functionIds: ["function:public.pair_from(internal)"],
      comment: "from SQL only",
    });
    expect(sql(state([transform()], [used]), state([changed]))).toEqual([
      "CREATE OR REPLACE TRANSFORM FOR app.pair LANGUAGE plpgsql (FROM SQL WITH FUNCTION pair_from(internal));",
      "COMMENT ON TRANSFORM FOR app.pair LANGUAGE plpgsql IS 'from SQL only';",
    ]);
  });

  it("a --schemas filter keeps a transform by its type's and functions' schemas", () => {
    const outside = transform({
      type: "other.pair",
      fromSql: { schema: "other", name: "pair_from" },
      toSql: null,
      functionIds: ["function:other.pair_from(internal)"],
      schemas: ["other"],
    });
    const builtIn = transform({
      type: "integer",
      fromSql: null,
      toSql: { schema: "pg_catalog", name: "int4recv" },
      functionIds: [],
      schemas: [],
    });
    const current = makeState({ transforms: [outside, builtIn] }, { managedSchemas: ["public"] });
    expect(plan(current, makeState({}, { managedSchemas: ["public"] })).steps).toEqual([]);
    expect(sql(makeState({ transforms: [builtIn] }), makeState({}))).toEqual([
      "DROP TRANSFORM FOR integer LANGUAGE plpgsql;",
    ]);
  });
});
