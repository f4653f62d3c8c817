import { describe, expect, it } from "vitest";
import { ids } from "../../model/ids.js";
import type { Function as Routine } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { makeState, routine, table } from "../testing.js";
import { functionNeedsRecreate, splitTopLevel } from "./function.compare.js";
import { renderCreateFunction, renderDropFunction, routineSignature } from "./function.render.js";

function fn(name: string, args: string, body: string, extra: Partial<Routine> = {}): Routine {
  return routine("public", name, { identityArguments: args, body, ...extra });
}

describe("function renderers", () => {
  it("renders the server's definition, DROP and signatures", () => {
    const f = fn("add", "a integer, b integer", "select a + b");
    expect(renderCreateFunction(f)).toBe(
      "CREATE OR REPLACE FUNCTION public.add(a integer, b integer)\n RETURNS integer\n LANGUAGE sql\nAS $function$select a + b$function$;",
    );
    expect(renderDropFunction(f)).toBe("DROP FUNCTION add(a integer, b integer);");
    expect(renderDropFunction({ ...f, kind: "procedure", schema: "app" })).toBe(
      "DROP PROCEDURE app.add(a integer, b integer);",
    );
    expect(routineSignature({ routine: "aggregate", schema: "public", name: "total", arguments: "" })).toBe(
      "total(*)",
    );
  });
});

describe("function compatibility", () => {
  it("splits parameter lists at top-level commas", () => {
    expect(splitTopLevel("a numeric(10,2), b text DEFAULT 'x,y'::text")).toEqual([
      "a numeric(10,2)",
      "b text DEFAULT 'x,y'::text",
    ]);
    expect(splitTopLevel("")).toEqual([]);
  });
  it("replaces a changed body, recreates on a changed return type or a removed default", () => {
    const f = fn("f", "a integer", "select a");
    expect(functionNeedsRecreate(f, fn("f", "a integer", "select a + 1"))).toBe(false);
    expect(functionNeedsRecreate(f, fn("f", "a integer", "select a::bigint", { returns: "bigint" }))).toBe(
      true,
    );
    const withDefault = fn("f", "a integer", "select a", { arguments: "a integer DEFAULT 1" });
    expect(functionNeedsRecreate(f, { ...withDefault, definition: `${withDefault.definition} ` })).toBe(
      false,
    );
    expect(functionNeedsRecreate(withDefault, { ...f, definition: `${f.definition} ` })).toBe(true);
  });
});

describe("function plans", () => {
  it("creates, replaces and drops functions", () => {
    const keep = fn("keep", "", "select 1");
    const gone = fn("gone", "", "select 2");
    const current = makeState({ functions: [keep, gone] });
    const desired = makeState({
      functions: [fn("keep", "", "select 10"), fn("fresh", "x text", "select 3")],
    });
    const steps = plan(current, desired).steps;
    expect(steps.map((s) => s.kind)).toEqual(["create_function", "replace_function", "drop_function"]);
    expect(steps[1]?.sql).toContain("select 10");
    expect(steps[2]?.sql).toBe("DROP FUNCTION gone();");
  });

  it("flags SECURITY DEFINER changes as AUTHZ_UPDATE", () => {
    const current = makeState({ functions: [fn("f", "", "select 1")] });
    const desired = makeState({ functions: [fn("f", "", "select 1 ", { securityDefiner: true })] });
    expect(plan(current, desired).steps[0]?.hazards.map((h) => h.kind)).toEqual(["AUTHZ_UPDATE"]);
  });

  it("recreates a function whose return type changes, with its dependent view and grants around it", () => {
    const f = fn("label", "", "select 1", { privileges: [] });
    const g = fn("label", "", "select 'one'::text", { returns: "text", privileges: [] });
    const users = table("public", "users", [["id", "bigint"]]);
    const v = {
      kind: "view" as const,
      id: ids.view("public", "labels"),
      schema: "public",
      name: "labels",
      definition: " SELECT label() AS label;",
      columns: ["label"],
      checkOption: null,
      options: [],
      owner: "postgres",
      comment: null,
      columnComments: {},
      privileges: [],
    };
    const dependencies = [{ dependent: v.id, referenced: f.id }];
    const result = plan(
      makeState({ tables: [users], functions: [f], views: [v] }, { dependencies }),
      makeState({ tables: [users], functions: [g], views: [v] }, { dependencies }),
    );
    expect(result.steps.map((s) => s.sql.split("\n")[0])).toEqual([
      "DROP VIEW labels;",
      "DROP FUNCTION label();",
      "CREATE OR REPLACE FUNCTION public.label()",
      "REVOKE EXECUTE ON FUNCTION label() FROM PUBLIC;",
      "CREATE VIEW labels AS",
    ]);
  });
});
