import { describe, expect, it } from "vitest";
import { ids } from "../../model/ids.js";
import type { RangeType } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { makeState } from "../testing.js";
import { defaultMultirangeName, renderCreateRange } from "./range.render.js";

function range(extra: Partial<RangeType> = {}): RangeType {
  return {
    kind: "range",
    id: ids.type("public", "floatrange"),
    schema: "public",
    name: "floatrange",
    subtype: "double precision",
    subtypeOpclass: null,
    collation: null,
    canonical: null,
    subtypeDiff: "float8mi",
    multirangeName: "floatmultirange",
    owner: "postgres",
    comment: null,
    privileges: [{ grantee: "PUBLIC", privilege: "USAGE", grantable: false }],
    ...extra,
  };
}

describe("range types", () => {
  it("derives the multirange name as PostgreSQL does and names it only when different", () => {
    expect(defaultMultirangeName("floatrange")).toBe("floatmultirange");
    expect(defaultMultirangeName("period")).toBe("period_multirange");
    expect(renderCreateRange(range())).toBe(
      "CREATE TYPE floatrange AS RANGE (SUBTYPE = double precision, SUBTYPE_DIFF = float8mi);",
    );
    expect(renderCreateRange(range({ multirangeName: "floats" }))).toBe(
      "CREATE TYPE floatrange AS RANGE (SUBTYPE = double precision, SUBTYPE_DIFF = float8mi, MULTIRANGE_TYPE_NAME = floats);",
    );
  });

  it("recreates a range whose definition changes", () => {
    const result = plan(
      makeState({ types: [range()] }),
      makeState({ types: [range({ subtypeDiff: null })] }),
    );
    expect(result.steps.map((s) => s.sql)).toEqual([
      "DROP TYPE floatrange;",
      "CREATE TYPE floatrange AS RANGE (SUBTYPE = double precision);",
    ]);
  });
});
