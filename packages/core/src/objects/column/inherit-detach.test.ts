import { describe, expect, it } from "vitest";
import { plan } from "../../plan/planner.js";
import { makeState, table } from "../testing.js";

const events = table("public", "events", [["id", "bigint"]]);
const inheritedChild = table(
  "public",
  "legacy",
  [
    ["id", "bigint", { isLocal: false }],
    ["note", "text"],
  ],
  { inherits: [events.id] },
);
const standaloneChild = table("public", "legacy", [
  ["id", "bigint"],
  ["note", "text"],
]);

const sql = (current: readonly (typeof events)[], desired: readonly (typeof events)[]) =>
  plan(makeState({ tables: [...current] }), makeState({ tables: [...desired] })).steps.map((s) => s.sql);

describe("columns of a child that leaves or joins its parent", () => {
  it("NO INHERIT keeps the inherited columns as the child's own: nothing is added again", () => {
    expect(sql([events, inheritedChild], [events, standaloneChild])).toEqual([
      "ALTER TABLE legacy NO INHERIT events;",
    ]);
  });

  it("INHERIT keeps the child's own copy: the column the desired side inherits is not dropped", () => {
    expect(sql([events, standaloneChild], [events, inheritedChild])).toEqual([
      "ALTER TABLE legacy INHERIT events;",
    ]);
  });
});
