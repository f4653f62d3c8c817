import { describe, expect, it } from "vitest";
import { applyRenames } from "../diff/apply-renames.js";
import { filterState } from "../diff/filter.js";
import { ids } from "../model/ids.js";
import { DEFINITION_COLLECTIONS } from "./definition/definition.spec.js";
import { COLLECTIONS, DEFINITION_KINDS, KINDS } from "./kinds.js";
import { makeState, routine, schema, table, trigger, view } from "./testing.js";

const fn = routine("public", "touch", { returns: "trigger", language: "plpgsql" });

/** Schema `s` holding a table, a view on it and a trigger on the view. */
function state(schemaName: string) {
  const t = table(schemaName, "t", [["a", "integer"]]);
  const v = view(schemaName, "v", ["a"], ` SELECT a\n   FROM ${schemaName}.t;`);
  return makeState(
    {
      schemas: [schema(schemaName)],
      tables: [t],
      views: [v],
      functions: [fn],
      triggers: [trigger(v, "ins", fn.id, { timing: "instead of", events: ["insert"] })],
    },
    { dependencies: [{ dependent: v.id, referenced: t.id }] },
  );
}

describe("the kind registry", () => {
  it("has a spec for every collection of the model", () => {
    expect(Object.keys(KINDS).sort()).toEqual([...COLLECTIONS].sort());
  });

  it("the definition kinds are the lines of DEFINITION_KINDS, each one in KINDS with its definition", () => {
    expect(DEFINITION_COLLECTIONS).toEqual(Object.keys(DEFINITION_KINDS));
    expect(COLLECTIONS.filter((collection) => KINDS[collection].definition !== null)).toEqual(
      DEFINITION_COLLECTIONS,
    );
    for (const collection of DEFINITION_COLLECTIONS)
      expect(KINDS[collection]).toBe(DEFINITION_KINDS[collection]);
  });

  it("a renamed schema moves every object in it, and every id that names one follows", () => {
    const renamed = applyRenames(state("legacy"), state("sales"), [
      { kind: "schema", from: ids.schema("legacy"), to: ids.schema("sales") },
    ]);
    const desired = state("sales");
    expect(Object.keys(renamed.views)).toEqual(Object.keys(desired.views));
    expect(Object.keys(renamed.tables)).toEqual(Object.keys(desired.tables));
    // the trigger on the view keeps its id (views do not move their triggers' ids), but its table
    // reference follows the view, as do the catalog's edges
    expect(Object.values(renamed.triggers).map((t) => t.table)).toEqual([ids.view("sales", "v")]);
    expect(renamed.dependencies).toEqual(desired.dependencies);
  });

  it("filtering keeps each kind by its schema or its table", () => {
    const both = makeState({
      schemas: [schema("app"), schema("other")],
      tables: [table("app", "t", [["a", "integer"]]), table("other", "u", [["a", "integer"]])],
      views: [view("other", "w", ["a"], " SELECT 1 AS a;")],
      functions: [fn],
      triggers: [trigger(view("other", "w", ["a"], " SELECT 1 AS a;"), "ins", fn.id)],
    });
    const kept = filterState(both, (name) => name === "app");
    expect(Object.keys(kept.schemas)).toEqual([ids.schema("app")]);
    expect(Object.keys(kept.tables)).toEqual([ids.table("app", "t")]);
    expect(kept.views).toEqual({});
    expect(kept.functions).toEqual({});
    expect(kept.triggers).toEqual({});
  });
});
