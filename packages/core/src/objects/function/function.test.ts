import { describe, expect, it } from "vitest";
import { ids } from "../../model/ids.js";
import type { Function as Routine } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { makeState, routine, table, view } from "../testing.js";
import { callsOverlap, functionNeedsRecreate } from "./function.compare.js";
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

describe("overloads whose calls overlap", () => {
  it("a new parameter with a DEFAULT overlaps the old signature; another type or a required parameter does not", () => {
    const one = fn("ok", "a integer", "select a > 0");
    const withDefault = fn("ok", "a integer, b integer", "select a > b", {
      arguments: "a integer, b integer DEFAULT 0",
    });
    expect(callsOverlap(one, withDefault)).toBe(true);
    expect(callsOverlap(withDefault, one)).toBe(true);
    expect(callsOverlap(one, fn("ok", "a integer, b integer", "select a > b"))).toBe(false);
    expect(callsOverlap(one, fn("ok", "a bigint", "select a > 0"))).toBe(false);
    expect(callsOverlap(one, fn("other", "a integer", "select a > 0"))).toBe(false);
    const both = fn("ok", "a integer, c text", "select a > 0", {
      arguments: "a integer, c text DEFAULT ''::text",
    });
    expect(callsOverlap(withDefault, both)).toBe(true);
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

  it("drops and creates a function whose parameter is renamed (one routine to PostgreSQL), with its policy around it", () => {
    const policyOn = (text: string) => ({
      kind: "policy" as const,
      id: ids.policy("public", "docs", "docs_ok"),
      schema: "public",
      name: "docs_ok",
      table: ids.table("public", "docs"),
      command: "all" as const,
      permissive: true,
      roles: ["public"],
      using: text,
      withCheck: null,
      comment: null,
    });
    const docs = table("public", "docs", [["tenant", "integer"]], { rowSecurity: true });
    const before = fn("ok", "tenant integer", "select tenant > 0", { privileges: [] });
    const after = fn("ok", "t integer", "select t > 0", { privileges: [], comment: "checks" });
    const policy = policyOn("public.ok(tenant)");
    const result = plan(
      makeState(
        { tables: [docs], functions: [before], policies: [policy] },
        { dependencies: [{ dependent: policy.id, referenced: before.id }] },
      ),
      makeState(
        { tables: [docs], functions: [after], policies: [policy] },
        { dependencies: [{ dependent: policy.id, referenced: after.id }] },
      ),
    );
    expect(result.steps.map((s) => s.sql.split("\n")[0])).toEqual([
      "DROP POLICY docs_ok ON docs;",
      "DROP FUNCTION ok(tenant integer);",
      "CREATE OR REPLACE FUNCTION public.ok(t integer)",
      "REVOKE EXECUTE ON FUNCTION ok(t integer) FROM PUBLIC;",
      "CREATE POLICY docs_ok ON docs",
      "COMMENT ON FUNCTION ok(t integer) IS 'checks';",
    ]);
    expect(result.groups).toHaveLength(1);
  });

  it("drops an old overload before creating one whose calls would be ambiguous next to it, its default around both", () => {
    const items = (defaultText: string) =>
      table("public", "items", [["flag", "integer", { default: defaultText }]]);
    const old = fn("ok", "a integer", "select a");
    const next = fn("ok", "a integer, b integer", "select a + b", {
      arguments: "a integer, b integer DEFAULT 0",
    });
    const defaultUse = { dependent: "column:public.items.flag", referenced: old.id };
    const result = plan(
      makeState({ tables: [items("public.ok(1)")], functions: [old] }, { dependencies: [defaultUse] }),
      makeState(
        { tables: [items("public.ok(1)")], functions: [next] },
        { dependencies: [{ ...defaultUse, referenced: next.id }] },
      ),
    );
    expect(result.steps.map((s) => s.sql.split("\n")[0])).toEqual([
      "ALTER TABLE items ALTER COLUMN flag DROP DEFAULT;",
      "DROP FUNCTION ok(a integer);",
      "CREATE OR REPLACE FUNCTION public.ok(a integer, b integer DEFAULT 0)",
      "ALTER TABLE items ALTER COLUMN flag SET DEFAULT public.ok(1);",
    ]);
  });

  it("recreates a function whose return type changes, with its dependent view and grants around it", () => {
    const f = fn("label", "", "select 1", { privileges: [] });
    const g = fn("label", "", "select 'one'::text", { returns: "text", privileges: [] });
    const users = table("public", "users", [["id", "bigint"]]);
    const v = view("public", "labels", ["label"], " SELECT label() AS label;");
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
