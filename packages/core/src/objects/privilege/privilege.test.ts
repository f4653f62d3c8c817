import { describe, expect, it } from "vitest";
import type { Privilege } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { makeState, schema, table } from "../testing.js";
import { renderGrant, renderRevoke } from "./privilege.render.js";

const p = (grantee: string, privilege: string, grantable = false): Privilege => ({
  grantee,
  privilege,
  grantable,
});
const anyTable = (privileges: readonly Privilege[], columnPrivileges: readonly Privilege[] = []) =>
  table(
    "public",
    "any_table",
    [
      ["id", "bigint"],
      ["name", "text", { privileges: columnPrivileges }],
    ],
    { privileges },
  );

describe("privilege renderers", () => {
  it("renders GRANT/REVOKE per object kind", () => {
    const t = { kind: "table", schema: "public", name: "any_table" } as const;
    expect(renderGrant(t, ["SELECT", "INSERT"], "app", false)).toBe(
      "GRANT SELECT, INSERT ON TABLE any_table TO app;",
    );
    expect(renderGrant({ kind: "schema", name: "app" }, ["USAGE"], "PUBLIC", true)).toBe(
      "GRANT USAGE ON SCHEMA app TO PUBLIC WITH GRANT OPTION;",
    );
    expect(
      renderRevoke({ kind: "column", schema: "app", table: "t", name: "Name" }, ["SELECT"], "Reader", true),
    ).toBe('REVOKE GRANT OPTION FOR SELECT ("Name") ON TABLE app.t FROM "Reader";');
    expect(
      renderRevoke(
        {
          kind: "routine",
          routine: "function",
          schema: "public",
          name: "f",
          arguments: "i integer, t text[]",
        },
        ["EXECUTE"],
        "PUBLIC",
        false,
      ),
    ).toBe("REVOKE EXECUTE ON FUNCTION f(i integer, t text[]) FROM PUBLIC;");
    expect(
      renderGrant({ kind: "type", domain: true, schema: "public", name: "email" }, ["USAGE"], "app", false),
    ).toBe("GRANT USAGE ON DOMAIN email TO app;");
  });
});

describe("privilege plans", () => {
  it("revokes what is gone and grants what is new (migra's privileges case)", () => {
    const result = plan(
      makeState({ tables: [anyTable([p("app", "INSERT"), p("app", "SELECT")])] }),
      makeState({ tables: [anyTable([p("app", "INSERT"), p("app", "UPDATE")])] }),
    );
    expect(result.steps.map((s) => s.sql)).toEqual([
      "REVOKE SELECT ON TABLE any_table FROM app;",
      "GRANT UPDATE ON TABLE any_table TO app;",
    ]);
    expect(result.steps.every((s) => s.hazards[0]?.kind === "AUTHZ_UPDATE")).toBe(true);
  });

  it("grants on a new table after creating it, column privileges included", () => {
    const result = plan(
      makeState({}),
      makeState({ tables: [anyTable([p("app", "SELECT")], [p("app", "UPDATE")])] }),
    );
    expect(result.steps.map((s) => s.sql)).toEqual([
      "CREATE TABLE any_table (\n  id bigint,\n  name text\n);",
      "GRANT SELECT ON TABLE any_table TO app;",
      "GRANT UPDATE (name) ON TABLE any_table TO app;",
    ]);
  });

  it("moves a grant option on and off", () => {
    const result = plan(
      makeState({ schemas: [{ ...schema("app"), privileges: [p("a", "USAGE", true), p("b", "USAGE")] }] }),
      makeState({ schemas: [{ ...schema("app"), privileges: [p("a", "USAGE"), p("b", "USAGE", true)] }] }),
    );
    expect(result.steps.map((s) => s.sql)).toEqual([
      "REVOKE GRANT OPTION FOR USAGE ON SCHEMA app FROM a;",
      "GRANT USAGE ON SCHEMA app TO b WITH GRANT OPTION;",
    ]);
  });

  it("emits nothing for grants of a dropped object", () => {
    expect(
      plan(makeState({ tables: [anyTable([p("app", "SELECT")])] }), makeState({})).steps.map((s) => s.kind),
    ).toEqual(["drop_table"]);
  });
});
