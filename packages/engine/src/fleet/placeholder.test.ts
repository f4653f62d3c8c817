import { describe, expect, test } from "vitest";
import {
  assertNoPlaceholder,
  renameSchemaToken,
  TENANT_PLACEHOLDER,
  tenantNameProblem,
} from "./placeholder.js";

describe("renameSchemaToken", () => {
  const state = {
    tables: { "table:t_a_api.items": { schema: "t_a_api", name: "items" } },
    views: {
      "view:t_a_api.v": {
        definition: " SELECT items.id FROM t_a_api.items",
        comment: "t_a_api_x and xt_a_api stay",
      },
    },
  };

  test("renames whole tokens in ids, fields and SQL, and back exactly", () => {
    const renamed = renameSchemaToken(state, "t_a_api", TENANT_PLACEHOLDER);
    expect(Object.keys(renamed.tables)).toEqual(["table:__tenant__.items"]);
    expect(renamed.tables["table:__tenant__.items" as keyof typeof renamed.tables]).toEqual({
      schema: "__tenant__",
      name: "items",
    });
    const view = Object.values(renamed.views)[0]!;
    expect(view.definition).toBe(" SELECT items.id FROM __tenant__.items");
    // a longer identifier that only contains the name is another identifier
    expect(view.comment).toBe("t_a_api_x and xt_a_api stay");
    expect(renameSchemaToken(renamed, TENANT_PLACEHOLDER, "t_a_api")).toEqual(state);
  });

  test("a name holding regular-expression characters is matched literally", () => {
    expect(renameSchemaToken({ a: "t$1.x t.1" }, "t$1", "u")).toEqual({ a: "u.x t.1" });
  });
});

test("tenant names must read the same in ids and SQL", () => {
  expect(tenantNameProblem("t_abc_api")).toBeNull();
  expect(tenantNameProblem("public")).toBeNull();
  expect(tenantNameProblem("Tenant-1")).toMatch(/needs quoting/);
  expect(tenantNameProblem("user")).toMatch(/needs quoting/); // a reserved word
  expect(tenantNameProblem(TENANT_PLACEHOLDER)).toMatch(/placeholder/);
});

test("a state that already spells the placeholder is refused", () => {
  expect(() => assertNoPlaceholder({ a: "x.__tenant__" }, "target t1")).toThrow(/target t1 already contains/);
  expect(() => assertNoPlaceholder({ a: "x" }, "target t1")).not.toThrow();
});
