import { describe, expect, it } from "vitest";
import { ids } from "../model/ids.js";
import { makeState, table, view } from "../objects/testing.js";
import { diffContext } from "./diff.js";

/** Table t(a) with a view v reading a (the catalog's edge from the view to the column). */
function state(type: string) {
  const v = view("public", "v", ["a"], " SELECT a\n   FROM t;");
  return makeState(
    { tables: [table("public", "t", [["a", type]])], views: [v] },
    { dependencies: [{ dependent: v.id, referenced: ids.column("public", "t", "a") }] },
  );
}

describe("the cascade phase", () => {
  it("is computed once into the context: a view on a retyped column is dropped early and created again", () => {
    const ctx = diffContext(state("integer"), state("bigint"));
    expect([...ctx.cascade.recreated]).toEqual([ids.view("public", "v")]);
    expect([...ctx.cascade.replacedColumns]).toEqual([]);
    expect(diffContext(state("integer"), state("integer")).cascade.recreated.size).toBe(0);
  });
});
