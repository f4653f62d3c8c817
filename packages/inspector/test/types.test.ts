import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { inspect } from "../src/index.js";
import { loadFixture } from "./fixtures.js";

const usagePublic = { grantee: "PUBLIC", privilege: "USAGE", grantable: false };

describe("types", () => {
  test("enums, composites, domains and ranges", async ({ db }) => {
    await loadFixture(db, "types");
    const state = await inspect(db.url);
    expect(state.types["type:ty.status"]).toEqual({
      kind: "enum",
      id: "type:ty.status",
      schema: "ty",
      name: "status",
      labels: ["new", "paused", "active", "gone"],
      owner: "postgres",
      comment: "lifecycle",
      privileges: [usagePublic, { grantee: "inspector_reader", privilege: "USAGE", grantable: false }],
    });
    expect(state.types["type:ty.address"]).toEqual({
      kind: "composite",
      id: "type:ty.address",
      schema: "ty",
      name: "address",
      attributes: [
        { name: "street", type: "text", collation: null },
        { name: "city", type: "text", collation: 'pg_catalog."C"' },
        { name: "zip", type: "character varying(10)", collation: null },
        { name: "status", type: "ty.status", collation: null },
      ],
      owner: "postgres",
      comment: null,
      privileges: [usagePublic],
    });
    expect(state.types["type:ty.positive"]).toEqual({
      kind: "domain",
      id: "type:ty.positive",
      schema: "ty",
      name: "positive",
      baseType: "integer",
      default: "1",
      notNull: true,
      collation: null,
      checks: [
        { name: "even_check", expression: "((VALUE % 2) = 0)", validated: false },
        { name: "positive_check", expression: "(VALUE > 0)", validated: true },
        { name: "small_check", expression: "(VALUE < 1000000)", validated: true },
      ],
      owner: "postgres",
      comment: null,
      privileges: [usagePublic],
    });
    expect(state.types["type:ty.code"]).toMatchObject({
      kind: "domain",
      baseType: "text",
      collation: 'pg_catalog."C"',
    });
    expect(state.types["type:ty.status_list"]).toMatchObject({ kind: "domain", baseType: "ty.status[]" });
    expect(state.types["type:ty.floatrange"]).toEqual({
      kind: "range",
      id: "type:ty.floatrange",
      schema: "ty",
      name: "floatrange",
      subtype: "double precision",
      subtypeOpclass: null,
      collation: null,
      canonical: null,
      subtypeDiff: "ty.float_diff",
      multirangeName: "floatmulti",
      owner: "postgres",
      comment: null,
      privileges: [usagePublic],
    });
    expect(state.types["type:ty.textrange"]).toMatchObject({
      subtype: "text",
      subtypeOpclass: "text_pattern_ops",
      collation: 'pg_catalog."C"',
      multirangeName: "textmultirange",
    });
    // Table row types, array types, multiranges and range constructors are not separate objects.
    expect(Object.keys(state.types)).toEqual([
      "type:ty.address",
      "type:ty.code",
      "type:ty.floatrange",
      "type:ty.positive",
      "type:ty.status",
      "type:ty.status_list",
      "type:ty.textrange",
    ]);
    expect(Object.keys(state.functions)).toEqual([
      "function:ty.float_diff(a double precision, b double precision)",
    ]);
    expect(state.dependencies).toEqual(
      expect.arrayContaining([
        { dependent: "column:ty.uses.a", referenced: "type:ty.address" },
        { dependent: "type:ty.address", referenced: "type:ty.status" },
        { dependent: "type:ty.status_list", referenced: "type:ty.status" },
      ]),
    );
  });
});
