import { describe, expect, it } from "vitest";
import type { SchemaState } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { makeState, schema } from "../testing.js";
import { type Conversion, conversionId } from "./conversion.model.js";
import { renderCreateConversion, renderDropConversion } from "./conversion.render.js";

function conversion(extra: Partial<Conversion> = {}): Conversion {
  const base = {
    kind: "conversion" as const,
    schema: "public",
    name: "utf8_to_latin1",
    source: "UTF8",
    target: "LATIN1",
    function: { schema: "pg_catalog", name: "utf8_to_iso8859_1" },
    functionId: null,
    isDefault: false,
    owner: "postgres",
    comment: null,
    ...extra,
  };
  return { ...base, id: conversionId(base.schema, base.name) };
}

const sql = (current: SchemaState, desired: SchemaState) => plan(current, desired).steps.map((s) => s.sql);

describe("conversion render", () => {
  it("CREATE [DEFAULT] CONVERSION with its encodings as literals and its function", () => {
    expect(renderCreateConversion(conversion())).toBe(
      "CREATE CONVERSION utf8_to_latin1 FOR 'UTF8' TO 'LATIN1' FROM pg_catalog.utf8_to_iso8859_1;",
    );
    expect(renderCreateConversion(conversion({ schema: "app", name: "Latin", isDefault: true }))).toBe(
      "CREATE DEFAULT CONVERSION app.\"Latin\" FOR 'UTF8' TO 'LATIN1' FROM pg_catalog.utf8_to_iso8859_1;",
    );
    expect(renderDropConversion(conversion({ schema: "app" }))).toBe("DROP CONVERSION app.utf8_to_latin1;");
  });
});

describe("conversion plans", () => {
  it("created in its schema, commented", () => {
    const app = schema("app");
    const made = conversion({ schema: "app", comment: "latin-1 out" });
    const steps = sql(makeState({ schemas: [app] }), makeState({ schemas: [app], conversions: [made] }));
    expect(steps).toEqual([
      "CREATE CONVERSION app.utf8_to_latin1 FOR 'UTF8' TO 'LATIN1' FROM pg_catalog.utf8_to_iso8859_1;",
      "COMMENT ON CONVERSION app.utf8_to_latin1 IS 'latin-1 out';",
    ]);
  });

  it("made DEFAULT or given other encodings: dropped and created again (no ALTER for either)", () => {
    const state = (c: Conversion) => makeState({ conversions: [c] });
    expect(sql(state(conversion()), state(conversion({ isDefault: true })))).toEqual([
      "DROP CONVERSION utf8_to_latin1;",
      "CREATE DEFAULT CONVERSION utf8_to_latin1 FOR 'UTF8' TO 'LATIN1' FROM pg_catalog.utf8_to_iso8859_1;",
    ]);
    expect(sql(state(conversion()), makeState({}))).toEqual(["DROP CONVERSION utf8_to_latin1;"]);
  });
});
