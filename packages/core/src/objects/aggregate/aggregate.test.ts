import { describe, expect, it } from "vitest";
import { ids } from "../../model/ids.js";
import type { Aggregate } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { makeState } from "../testing.js";
import { renderCreateAggregate, renderDropAggregate } from "./aggregate.render.js";

function aggregate(args: string, definition: string, extra: Partial<Aggregate> = {}): Aggregate {
  return {
    kind: "aggregate",
    id: ids.aggregate("public", "total", args),
    schema: "public",
    name: "total",
    identityArguments: args,
    definition,
    owner: "postgres",
    comment: null,
    privileges: [{ grantee: "PUBLIC", privilege: "EXECUTE", grantable: false }],
    ...extra,
  };
}

const sum = "CREATE AGGREGATE public.total(integer) (SFUNC = int4pl, STYPE = integer)";

describe("aggregate renderers", () => {
  it("renders the rebuilt definition and DROP, `(*)` for no arguments", () => {
    expect(renderCreateAggregate(aggregate("integer", sum))).toBe(`${sum};`);
    expect(renderDropAggregate(aggregate("integer", sum))).toBe("DROP AGGREGATE total(integer);");
    expect(renderDropAggregate(aggregate("", sum))).toBe("DROP AGGREGATE total(*);");
  });
});

describe("aggregate plans", () => {
  it("drops and creates a changed aggregate with its grants and comment", () => {
    const before = aggregate("integer", sum, { privileges: [] });
    const after = aggregate("integer", `${sum.slice(0, -1)}, INITCOND = '0')`, {
      privileges: [],
      comment: "sum",
    });
    expect(
      plan(makeState({ aggregates: [before] }), makeState({ aggregates: [after] })).steps.map((s) => s.sql),
    ).toEqual([
      "DROP AGGREGATE total(integer);",
      "CREATE AGGREGATE public.total(integer) (SFUNC = int4pl, STYPE = integer, INITCOND = '0');",
      "REVOKE EXECUTE ON FUNCTION total(integer) FROM PUBLIC;",
      "COMMENT ON AGGREGATE total(integer) IS 'sum';",
    ]);
  });
  it("creates and drops aggregates", () => {
    const a = aggregate("integer", sum);
    expect(plan(makeState({}), makeState({ aggregates: [a] })).steps.map((s) => s.sql)).toEqual([`${sum};`]);
    expect(plan(makeState({ aggregates: [a] }), makeState({})).steps.map((s) => s.sql)).toEqual([
      "DROP AGGREGATE total(integer);",
    ]);
  });
});
