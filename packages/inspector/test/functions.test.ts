import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { inspect } from "../src/index.js";
import { loadFixture, must } from "./fixtures.js";

describe("functions, procedures and aggregates", () => {
  test("every function field", async ({ db }) => {
    await loadFixture(db, "functions");
    const state = await inspect(db.url);
    const add = must(state.functions["function:fn.add(a integer, b integer)"], "fn.add");
    expect({ ...add, definition: undefined }).toEqual({
      kind: "function",
      id: "function:fn.add(a integer, b integer)",
      schema: "fn",
      name: "add",
      identityArguments: "a integer, b integer",
      argumentTypes: "integer, integer",
      arguments: "a integer, b integer DEFAULT 1",
      returns: "integer",
      language: "sql",
      definition: undefined,
      calls: [],
      volatility: "immutable",
      strict: true,
      securityDefiner: false,
      leakproof: true,
      parallel: "safe",
      config: [],
      cost: 5,
      rows: 0,
      owner: "postgres",
      comment: "adds",
      // A function nobody granted anything on keeps PostgreSQL's default: EXECUTE for PUBLIC.
      privileges: [{ grantee: "PUBLIC", privilege: "EXECUTE", grantable: false }],
    });
    expect(add.definition).toMatch(
      /^CREATE OR REPLACE FUNCTION fn\.add\(a integer, b integer DEFAULT 1\)\n RETURNS integer\n/,
    );
    expect(add.definition).toContain("select a + b");

    expect(state.functions["function:fn.touch()"]).toMatchObject({
      returns: "trigger",
      language: "plpgsql",
      securityDefiner: true,
      config: ["search_path=fn, pg_temp", "work_mem=64MB"],
      // Revoked from PUBLIC: only the explicit grant remains.
      privileges: [{ grantee: "inspector_reader", privilege: "EXECUTE", grantable: true }],
    });
    expect(state.functions["function:fn.pairs(n integer)"]).toMatchObject({
      returns: "SETOF fn.pair",
      volatility: "stable",
      parallel: "restricted",
      rows: 42,
      cost: 100,
    });
    expect(
      state.functions["function:fn.out_args(x integer, OUT doubled integer, INOUT label text)"],
    ).toMatchObject({
      returns: "record",
      arguments: "x integer, OUT doubled integer, INOUT label text",
    });
    // What string bodies call, by parsing them: qualified or not, functions, procedures, aggregates.
    expect(state.functions["function:fn.twice(a integer)"]).toMatchObject({
      argumentTypes: "integer",
      calls: ["function:fn.add(a integer, b integer)"],
    });
    expect(state.functions["function:fn.run()"]?.calls).toEqual([
      "aggregate:fn.total(integer)",
      "function:fn.reset(IN target text)",
      "function:fn.twice(a integer)",
    ]);
    expect(state.functions["function:fn.pairs(n integer)"]?.calls).toEqual([]);
    const reset = must(state.functions["function:fn.reset(IN target text)"], "fn.reset");
    expect(reset).toMatchObject({ kind: "procedure", returns: null, language: "plpgsql" });
    expect(reset.definition).toMatch(/^CREATE OR REPLACE PROCEDURE fn\.reset\(IN target text\)/);
    // Aggregates are not functions here.
    expect(Object.keys(state.functions).filter((id) => id.includes("total"))).toEqual([]);
  });

  test("aggregates are rebuilt as CREATE AGGREGATE that recreates them", async ({ db }) => {
    await loadFixture(db, "functions");
    const state = await inspect(db.url);
    expect(state.aggregates["aggregate:fn.total(integer)"]).toEqual({
      kind: "aggregate",
      id: "aggregate:fn.total(integer)",
      schema: "fn",
      name: "total",
      identityArguments: "integer",
      definition:
        "CREATE AGGREGATE fn.total(integer) (\n    SFUNC = fn.sum_state,\n    STYPE = bigint,\n" +
        "    FINALFUNC = fn.sum_final,\n    INITCOND = '0',\n    PARALLEL = SAFE\n)",
      owner: "postgres",
      comment: "sum as numeric",
      privileges: [{ grantee: "PUBLIC", privilege: "EXECUTE", grantable: false }],
    });
    expect(state.aggregates["aggregate:fn.biggest(integer)"]?.definition).toBe(
      "CREATE AGGREGATE fn.biggest(integer) (\n    SFUNC = int4larger,\n    STYPE = integer,\n" +
        "    COMBINEFUNC = int4larger,\n    SORTOP = >\n)",
    );
    expect(state.aggregates["aggregate:fn.nothing()"]?.definition).toContain(
      "CREATE AGGREGATE fn.nothing(*)",
    );
    expect(Object.keys(state.aggregates)).toEqual([
      "aggregate:fn.biggest(integer)",
      "aggregate:fn.moving_sum(integer)",
      'aggregate:fn.my_rank(VARIADIC "any" ORDER BY VARIADIC "any")',
      "aggregate:fn.nothing()",
      "aggregate:fn.total(integer)",
    ]);
    expect(state.dependencies).toEqual(
      expect.arrayContaining([
        {
          dependent: "aggregate:fn.total(integer)",
          referenced: "function:fn.sum_state(state bigint, value integer)",
        },
      ]),
    );

    // Round trip: drop every aggregate, run the rebuilt statements, read the same aggregates back.
    const before = state.aggregates;
    const drops = Object.values(before).map(
      (a) => `drop aggregate fn.${a.name}(${a.identityArguments || "*"});`,
    );
    await db.query(drops.join("\n"));
    await db.query(
      Object.values(before)
        .map((a) => `${a.definition};`)
        .join("\n"),
    );
    await db.query("comment on aggregate fn.total(integer) is 'sum as numeric'");
    const after = await inspect(db.url);
    expect(after.aggregates).toEqual(before);
  });
});
