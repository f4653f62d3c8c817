import { describe, expect, it } from "vitest";
import { ids } from "../model/ids.js";
import type { DomainType, Function as Routine } from "../model/state.js";
import { makeState, routine, table, view } from "../objects/testing.js";
import { bodyCallDependencies } from "./body-calls.js";
import { plan } from "./planner.js";
import { PlanCycleError } from "./sort.js";

const fn = (name: string, calls: readonly string[], extra: Partial<Routine> = {}) =>
  routine("public", name, { calls: calls.map((callee) => ids.function("public", callee, "")), ...extra });
const firstLines = (sql: readonly string[]) => sql.map((text) => text.split("\n")[0]);

describe("bodyCallDependencies", () => {
  it("makes what evaluates a routine depend on everything its body calls, and callers on callees", () => {
    const outer = fn("aa_outer", ["zz_inner"]);
    const inner = fn("zz_inner", []);
    const state = makeState({ functions: [outer, inner] });
    const uses = [{ dependent: "default:column:public.t.v", referenced: outer.id }];
    expect(bodyCallDependencies(state, uses)).toEqual([
      {
        dependent: "default:column:public.t.v",
        referenced: inner.id,
        reason: `default:column:public.t.v evaluates ${outer.id}, whose body calls ${inner.id}`,
      },
      { dependent: outer.id, referenced: inner.id, reason: `${outer.id}'s body calls ${inner.id}` },
    ]);
    // A view does not run the routine when it is created: no edge.
    expect(bodyCallDependencies(state, [{ dependent: "view:public.v", referenced: outer.id }])).toEqual([]);
  });

  it("orders nothing inside a cycle of calls, but the evaluating object after all of it", () => {
    const even = fn("is_even", ["is_odd"]);
    const odd = fn("is_odd", ["is_even"]);
    const edges = bodyCallDependencies(makeState({ functions: [even, odd] }), [
      { dependent: "constraint:public.t.c", referenced: even.id },
    ]);
    expect(edges.map((edge) => [edge.dependent, edge.referenced])).toEqual([
      ["constraint:public.t.c", odd.id],
    ]);
  });
});

describe("plans with routine bodies", () => {
  const t = (withDefault: boolean) =>
    table("public", "t", [
      ["id", "integer"],
      ...(withDefault ? [["v", "text", { default: "public.aa_outer()" }] as const] : []),
    ]);

  it("creates the callee before the caller and both before ADD COLUMN evaluates the default (the issue's case)", () => {
    const outer = fn("aa_outer", ["zz_inner"], { returns: "text" });
    const inner = fn("zz_inner", [], { returns: "text" });
    const result = plan(
      makeState({ tables: [t(false)] }),
      makeState(
        { tables: [t(true)], functions: [outer, inner] },
        { dependencies: [{ dependent: "column:public.t.v", referenced: outer.id }] },
      ),
    );
    expect(firstLines(result.steps.map((s) => s.sql))).toEqual([
      "CREATE OR REPLACE FUNCTION public.zz_inner()",
      "CREATE OR REPLACE FUNCTION public.aa_outer()",
      "ALTER TABLE t ADD COLUMN v text DEFAULT public.aa_outer();",
    ]);
  });

  it("is an invalid_input error naming the chain when what a DDL statement runs calls what needs that statement first", () => {
    // CREATE DOMAIN d CHECK (f(VALUE)); f's body calls g; g takes a d: no order creates all three
    // with the CHECK able to run.
    const domain: DomainType = {
      kind: "domain",
      id: ids.type("public", "d"),
      schema: "public",
      name: "d",
      baseType: "integer",
      default: null,
      notNull: false,
      collation: null,
      checks: [{ name: "d_check", expression: "public.f(VALUE)", validated: true }],
      owner: "postgres",
      comment: null,
      privileges: [],
    };
    const f = routine("public", "f", {
      identityArguments: "x integer",
      returns: "boolean",
      calls: [ids.function("public", "g", "x public.d")],
    });
    const g = routine("public", "g", { identityArguments: "x public.d", returns: "boolean" });
    const dependencies = [
      { dependent: domain.id, referenced: f.id },
      { dependent: g.id, referenced: domain.id },
    ];
    const attempt = () =>
      plan(makeState({}), makeState({ types: [domain], functions: [f, g] }, { dependencies }));
    expect(attempt).toThrow(PlanCycleError);
    try {
      attempt();
    } catch (error) {
      const cycle = error as PlanCycleError;
      expect(cycle.code).toBe("invalid_input");
      expect(cycle.message).toContain(`${domain.id} evaluates ${f.id}, whose body calls ${g.id}`);
      expect(cycle.hint).toContain("create them in two migrations");
    }
  });

  it("does not order a caller after a callee that already depends on it some other way", () => {
    // v calls f; f's body calls g; g returns v's rows. Creating f, v, g in that order works (bodies
    // are not checked); only the default needs g, and gets it.
    const rowsOf = view("public", "v", ["x"], " SELECT public.aa_outer() AS x;");
    const outer = fn("aa_outer", ["zz_rows"], { returns: "text" });
    const rows = fn("zz_rows", [], { returns: "SETOF public.v" });
    const result = plan(
      makeState({ tables: [t(false)] }),
      makeState(
        { tables: [t(true)], functions: [outer, rows], views: [rowsOf] },
        {
          dependencies: [
            { dependent: "column:public.t.v", referenced: outer.id },
            { dependent: rowsOf.id, referenced: outer.id },
            { dependent: rows.id, referenced: rowsOf.id },
          ],
        },
      ),
    );
    expect(firstLines(result.steps.map((s) => s.sql))).toEqual([
      "CREATE OR REPLACE FUNCTION public.aa_outer()",
      "CREATE VIEW v AS",
      "CREATE OR REPLACE FUNCTION public.zz_rows()",
      "ALTER TABLE t ADD COLUMN v text DEFAULT public.aa_outer();",
    ]);
  });
});
