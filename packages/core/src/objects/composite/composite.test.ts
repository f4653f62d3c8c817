import { describe, expect, it } from "vitest";
import { ids } from "../../model/ids.js";
import type { CompositeType } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { makeState } from "../testing.js";
import { renderCreateComposite } from "./composite.render.js";

const attr = (name: string, type: string) => ({ name, type, collation: null });
function composite(attributes: CompositeType["attributes"]): CompositeType {
  return {
    kind: "composite",
    id: ids.type("public", "address"),
    schema: "public",
    name: "address",
    attributes,
    owner: "postgres",
    comment: null,
    privileges: [{ grantee: "PUBLIC", privilege: "USAGE", grantable: false }],
  };
}

describe("composite types", () => {
  it("renders CREATE TYPE … AS (…)", () => {
    expect(
      renderCreateComposite({ schema: "public", name: "address" }, [
        attr("street", "text"),
        attr("zip", "public.zip"),
      ]),
    ).toBe("CREATE TYPE address AS (\n  street text,\n  zip zip\n);");
  });

  it("adds, drops and re-types attributes in place", () => {
    const result = plan(
      makeState({
        types: [composite([attr("street", "text"), attr("zip", "integer"), attr("old", "text")])],
      }),
      makeState({ types: [composite([attr("street", "text"), attr("zip", "text"), attr("city", "text")])] }),
    );
    expect(result.steps.map((s) => s.sql)).toEqual([
      "ALTER TYPE address DROP ATTRIBUTE old;",
      "ALTER TYPE address ALTER ATTRIBUTE zip TYPE text;",
      "ALTER TYPE address ADD ATTRIBUTE city text;",
    ]);
    expect(result.steps[0]?.hazards.map((h) => h.kind)).toEqual(["DATA_LOSS"]);
  });

  it("creates and drops", () => {
    const created = plan(makeState({}), makeState({ types: [composite([attr("a", "integer")])] }));
    expect(created.steps.map((s) => s.sql)).toEqual(["CREATE TYPE address AS (\n  a integer\n);"]);
    const dropped = plan(makeState({ types: [composite([])] }), makeState({}));
    expect(dropped.steps.map((s) => s.sql)).toEqual(["DROP TYPE address;"]);
  });
});
