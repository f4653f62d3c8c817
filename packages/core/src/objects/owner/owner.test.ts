import { describe, expect, it } from "vitest";
import { plan } from "../../plan/planner.js";
import { makeState, routine, table } from "../testing.js";
import { renderAlterOwner } from "./owner.render.js";

describe("owner renderers", () => {
  it("renders ALTER … OWNER TO per kind", () => {
    expect(renderAlterOwner({ kind: "materialized_view", schema: "app", name: "mv" }, "Owner")).toBe(
      'ALTER MATERIALIZED VIEW app.mv OWNER TO "Owner";',
    );
    expect(
      renderAlterOwner(
        { kind: "routine", routine: "aggregate", schema: "public", name: "cnt", arguments: "" },
        "o",
      ),
    ).toBe("ALTER AGGREGATE cnt(*) OWNER TO o;");
    expect(renderAlterOwner({ kind: "type", domain: true, schema: "public", name: "email" }, "o")).toBe(
      "ALTER DOMAIN email OWNER TO o;",
    );
  });
});

describe("owner plans", () => {
  const t = (owner: string) => table("public", "t", [["id", "bigint"]], { owner });
  it("ignores owners by default and changes them with manageOwners", () => {
    expect(plan(makeState({ tables: [t("a")] }), makeState({ tables: [t("b")] })).steps).toEqual([]);
    const result = plan(makeState({ tables: [t("a")] }), makeState({ tables: [t("b")] }), {
      options: { manageOwners: true },
    });
    expect(result.steps.map((s) => s.sql)).toEqual(["ALTER TABLE t OWNER TO b;"]);
    expect(result.steps[0]?.hazards[0]?.kind).toBe("AUTHZ_UPDATE");
  });

  it("sets the owner again on a routine the plan drops and creates, even when it is unchanged", () => {
    const before = routine("public", "f", { identityArguments: "a integer", owner: "app_owner" });
    const after = routine("public", "f", { identityArguments: "b integer", owner: "app_owner" });
    const result = plan(makeState({ functions: [before] }), makeState({ functions: [after] }), {
      options: { manageOwners: true },
    });
    expect(result.steps.map((s) => s.sql.split("\n")[0])).toEqual([
      "DROP FUNCTION f(a integer);",
      "CREATE OR REPLACE FUNCTION public.f(b integer)",
      "ALTER FUNCTION f(b integer) OWNER TO app_owner;",
    ]);
  });
});
