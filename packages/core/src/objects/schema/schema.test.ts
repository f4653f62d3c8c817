import { describe, expect, it } from "vitest";
import { plan } from "../../plan/planner.js";
import { makeState, schema } from "../testing.js";
import { renderCreateSchema, renderDropSchema, renderRenameSchema } from "./schema.render.js";

describe("schema renderers", () => {
  it("renders exact SQL", () => {
    expect(renderCreateSchema("app")).toBe("CREATE SCHEMA IF NOT EXISTS app;");
    expect(renderDropSchema("Old")).toBe('DROP SCHEMA "Old";');
    expect(renderRenameSchema("a", "b")).toBe("ALTER SCHEMA a RENAME TO b;");
  });
});

describe("schema plans", () => {
  it("creates, comments and drops schemas, drops marked DATA_LOSS", () => {
    const current = makeState({ schemas: [schema("old")] });
    const desired = makeState({ schemas: [{ ...schema("app"), comment: "the app" }] });
    const result = plan(current, desired);
    expect(result.steps.map((s) => s.sql)).toEqual([
      "CREATE SCHEMA IF NOT EXISTS app;",
      "COMMENT ON SCHEMA app IS 'the app';",
      "DROP SCHEMA old;",
    ]);
    expect(result.steps[2]?.hazards.map((h) => h.kind)).toEqual(["DATA_LOSS"]);
    expect(result.groups).toEqual([{ transaction: "transactional", steps: [0, 1, 2] }]);
  });

  it("renames a schema from a hint instead of drop + create", () => {
    const result = plan(makeState({ schemas: [schema("a")] }), makeState({ schemas: [schema("b")] }), {
      renames: [{ kind: "schema", from: "schema:a", to: "schema:b" }],
    });
    expect(result.steps.map((s) => s.sql)).toEqual(["ALTER SCHEMA a RENAME TO b;"]);
  });

  it("leaves schemas outside the managed list alone", () => {
    const result = plan(makeState({ schemas: [schema("other")] }), makeState({}), { schemas: ["public"] });
    expect(result.steps).toEqual([]);
  });
});
