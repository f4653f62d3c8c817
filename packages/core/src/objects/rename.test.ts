import { describe, expect, it } from "vitest";
import type { Rename } from "../diff/rename.js";
import { ids } from "../model/ids.js";
import type { Aggregate, MaterializedView, Policy } from "../model/state.js";
import { plan } from "../plan/planner.js";
import { renderRenameOnTable, renderSchemaObjectRename } from "./rename.js";
import { makeState, routine, schema, table, trigger, view } from "./testing.js";

const sqlOf = (
  current: Parameters<typeof makeState>[0],
  desired: Parameters<typeof makeState>[0],
  renames: readonly Rename[],
) => plan(makeState(current), makeState(desired), { renames }).steps.map((step) => step.sql);

function matview(schemaName: string, name: string, extra: Partial<MaterializedView> = {}): MaterializedView {
  return {
    ...view(schemaName, name, ["day", "total"], " SELECT 1 AS day,\n    2 AS total;"),
    kind: "materialized_view",
    id: ids.materializedView(schemaName, name),
    options: [],
    populated: true,
    ...extra,
  } as MaterializedView;
}

function aggregate(schemaName: string, name: string, args: string): Aggregate {
  return {
    kind: "aggregate",
    id: ids.aggregate(schemaName, name, args),
    schema: schemaName,
    name,
    identityArguments: args,
    definition: `CREATE AGGREGATE ${schemaName}.${name}(${args === "" ? "*" : args}) (\n    SFUNC = public.add,\n    STYPE = integer\n)`,
    owner: "postgres",
    comment: null,
    privileges: [],
  };
}

function policy(
  on: { readonly id: string; readonly schema: string; readonly name: string },
  name: string,
): Policy {
  return {
    kind: "policy",
    id: ids.policy(on.schema, on.name, name),
    schema: on.schema,
    name,
    table: on.id,
    command: "select",
    permissive: true,
    roles: ["public"],
    using: "(id > 0)",
    withCheck: null,
    comment: null,
  };
}

describe("rename renderers", () => {
  it("SET SCHEMA (always qualified) then RENAME TO, each only when it changes anything", () => {
    const object = (name: string) => `FUNCTION ${name}(a integer)`;
    expect(
      renderSchemaObjectRename(object, { schema: "public", name: "f" }, { schema: "app", name: "g" }),
    ).toEqual([
      "ALTER FUNCTION public.f(a integer) SET SCHEMA app;",
      "ALTER FUNCTION app.f(a integer) RENAME TO g;",
    ]);
    expect(
      renderSchemaObjectRename(object, { schema: "public", name: "f" }, { schema: "public", name: "G" }),
    ).toEqual(['ALTER FUNCTION f(a integer) RENAME TO "G";']);
    expect(
      renderSchemaObjectRename(object, { schema: "app", name: "f" }, { schema: "public", name: "f" }),
    ).toEqual(["ALTER FUNCTION app.f(a integer) SET SCHEMA public;"]);
    expect(renderRenameOnTable("POLICY", "p", "Q", { schema: "app", name: "t" })).toBe(
      'ALTER POLICY p ON app.t RENAME TO "Q";',
    );
    expect(renderRenameOnTable("TRIGGER", "t1", "t2", { schema: "public", name: "t" })).toBe(
      "ALTER TRIGGER t1 ON t RENAME TO t2;",
    );
  });
});

describe("renames by hint plan ALTER … RENAME, never drop + create", () => {
  const accounts = table("public", "accounts", [["id", "integer"]]);

  it("a view, moved to another schema and renamed", () => {
    const definition = " SELECT accounts.id\n   FROM accounts;";
    expect(
      sqlOf(
        {
          schemas: [schema("app")],
          tables: [accounts],
          views: [view("public", "active_accounts", ["id"], definition)],
        },
        {
          schemas: [schema("app")],
          tables: [accounts],
          views: [view("app", "active_users", ["id"], definition)],
        },
        [{ kind: "view", from: ids.view("public", "active_accounts"), to: ids.view("app", "active_users") }],
      ),
    ).toEqual([
      "ALTER VIEW public.active_accounts SET SCHEMA app;",
      "ALTER VIEW app.active_accounts RENAME TO active_users;",
    ]);
  });

  it("a materialized view keeps its rows: ALTER MATERIALIZED VIEW … RENAME TO", () => {
    expect(
      sqlOf(
        { materializedViews: [matview("public", "daily_totals")] },
        { materializedViews: [matview("public", "day_totals")] },
        [
          {
            kind: "materialized_view",
            from: ids.materializedView("public", "daily_totals"),
            to: ids.materializedView("public", "day_totals"),
          },
        ],
      ),
    ).toEqual(["ALTER MATERIALIZED VIEW daily_totals RENAME TO day_totals;"]);
  });

  it("a function (its own definition names it: read under the new name, so no CREATE OR REPLACE)", () => {
    const args = { identityArguments: "a integer", body: "SELECT a + 1" };
    expect(
      sqlOf(
        { functions: [routine("public", "calc_total", args)] },
        { functions: [routine("public", "calc_sum", args)] },
        [
          {
            kind: "function",
            from: ids.function("public", "calc_total", "a integer"),
            to: ids.function("public", "calc_sum", "a integer"),
          },
        ],
      ),
    ).toEqual(["ALTER FUNCTION calc_total(a integer) RENAME TO calc_sum;"]);
  });

  it("a procedure moved to another schema: ALTER PROCEDURE … SET SCHEMA", () => {
    const procedure = (schemaName: string) => ({
      kind: "procedure" as const,
      returns: null,
      definition: `CREATE OR REPLACE PROCEDURE ${schemaName}.purge()\n LANGUAGE sql\nAS $procedure$SELECT 1$procedure$\n`,
    });
    expect(
      sqlOf(
        { schemas: [schema("ops")], functions: [routine("public", "purge", procedure("public"))] },
        { schemas: [schema("ops")], functions: [routine("ops", "purge", procedure("ops"))] },
        [
          {
            kind: "function",
            from: ids.function("public", "purge", ""),
            to: ids.function("ops", "purge", ""),
          },
        ],
      ),
    ).toEqual(["ALTER PROCEDURE public.purge() SET SCHEMA ops;"]);
  });

  it("an aggregate, also one of no arguments (name(*))", () => {
    expect(
      sqlOf(
        { aggregates: [aggregate("public", "total", "integer"), aggregate("public", "n", "")] },
        { aggregates: [aggregate("public", "sum_all", "integer"), aggregate("public", "how_many", "")] },
        [
          {
            kind: "aggregate",
            from: ids.aggregate("public", "total", "integer"),
            to: ids.aggregate("public", "sum_all", "integer"),
          },
          {
            kind: "aggregate",
            from: ids.aggregate("public", "n", ""),
            to: ids.aggregate("public", "how_many", ""),
          },
        ],
      ),
    ).toEqual([
      "ALTER AGGREGATE total(integer) RENAME TO sum_all;",
      "ALTER AGGREGATE n(*) RENAME TO how_many;",
    ]);
  });

  it("a policy and a trigger, renamed within their table (also when the table is renamed too)", () => {
    const users = table("public", "users", [["id", "integer"]]);
    const fn = ids.function("public", "touch", "");
    const touch = routine("public", "touch", { returns: "trigger", language: "plpgsql" });
    expect(
      sqlOf(
        {
          tables: [accounts],
          functions: [touch],
          policies: [policy(accounts, "p_old")],
          triggers: [trigger(accounts, "t_old", fn)],
        },
        {
          tables: [users],
          functions: [touch],
          policies: [policy(users, "p_new")],
          triggers: [trigger(users, "t_new", fn)],
        },
        [
          { kind: "table", from: accounts.id, to: users.id },
          {
            kind: "policy",
            from: ids.policy("public", "accounts", "p_old"),
            to: ids.policy("public", "users", "p_new"),
          },
          {
            kind: "trigger",
            from: ids.trigger("public", "accounts", "t_old"),
            to: ids.trigger("public", "users", "t_new"),
          },
        ],
      ),
    ).toEqual([
      "ALTER TABLE accounts RENAME TO users;",
      "ALTER TRIGGER t_old ON users RENAME TO t_new;",
      "ALTER POLICY p_old ON users RENAME TO p_new;",
    ]);
  });

  it("a trigger on a renamed view follows the view", () => {
    const definition = " SELECT 1 AS id;";
    const fn = ids.function("public", "instead", "");
    const instead = routine("public", "instead", { returns: "trigger", language: "plpgsql" });
    const before = view("public", "v_old", ["id"], definition);
    const after = view("public", "v_new", ["id"], definition);
    const on = (v: typeof before) =>
      trigger(v, "tr", fn, {
        timing: "instead of",
        definition: `CREATE TRIGGER tr INSTEAD OF UPDATE ON public.${v.name} FOR EACH ROW EXECUTE FUNCTION public.instead()`,
      });
    const steps = sqlOf(
      { functions: [instead], views: [before], triggers: [on(before)] },
      { functions: [instead], views: [after], triggers: [on(after)] },
      [{ kind: "view", from: before.id, to: after.id }],
    );
    // the trigger moves with the view: nothing else to do
    expect(steps).toEqual(["ALTER VIEW v_old RENAME TO v_new;"]);
  });
});
