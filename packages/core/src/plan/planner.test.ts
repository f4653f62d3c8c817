import { describe, expect, it } from "vitest";
import type { ChangeDeps } from "../diff/change-base.js";
import { makeState, schema } from "../objects/testing.js";
import { fingerprint, fnv1a64 } from "./fingerprint.js";
import { plan } from "./planner.js";
import { PlanCycleError, type SortNode, sortSteps } from "./sort.js";

const none: ChangeDeps = { creates: [], drops: [], requires: [], alters: [], extends: [] };
const node = (id: string, priority: number, index: number, deps: Partial<ChangeDeps> = {}): SortNode => ({
  id,
  priority,
  index,
  group: index,
  autocommit: false,
  deps: { ...none, ...deps },
  sql: `-- ${id}`,
});
const sort = (nodes: readonly SortNode[], chains: readonly (readonly [string, string])[] = []) =>
  sortSteps({ nodes, chains, currentDependencies: [], desiredDependencies: [] }).order;

describe("sortSteps", () => {
  it("puts the lowest priority first among ready steps, then differ order", () => {
    expect(sort([node("enable_rls", 65, 0), node("create_policy", 12, 1), node("b", 12, 2)])).toEqual([
      "create_policy",
      "b",
      "enable_rls",
    ]);
  });

  it("never lets a priority override a dependency", () => {
    const order = sort([
      node("create_view", 40, 0, { requires: ["column:public.t.c"] }),
      node("alter_column", 50, 1, { alters: ["column:public.t.c"], creates: ["column:public.t.c"] }),
    ]);
    expect(order).toEqual(["alter_column", "create_view"]);
  });

  it("drops dependents early when what they depend on is altered", () => {
    const order = sortSteps({
      nodes: [
        node("alter_column", 50, 0, { alters: ["column:public.users.email"] }),
        node("create_view", 40, 1, { creates: ["view:public.active_users"] }),
        node("drop_view_early", 3, 2, { drops: ["view:public.active_users"] }),
      ],
      chains: [],
      currentDependencies: [
        { dependent: "view:public.active_users", referenced: "column:public.users.email" },
      ],
      desiredDependencies: [
        { dependent: "view:public.active_users", referenced: "column:public.users.email" },
      ],
    }).order;
    expect(order).toEqual(["drop_view_early", "alter_column", "create_view"]);
  });

  it("reports an autocommit step that must stay between a drop and its re-creation", () => {
    const nodes: SortNode[] = [
      node("drop_view_early", 3, 0, { drops: ["view:public.v"], creates: ["x:dropped"] }),
      { ...node("validate", 60, 1, { requires: ["x:dropped"], creates: ["x:validated"] }), autocommit: true },
      node("create_view", 40, 2, { creates: ["view:public.v"], requires: ["x:validated"] }),
    ];
    const result = sortSteps({ nodes, chains: [], currentDependencies: [], desiredDependencies: [] });
    expect(result.order).toEqual(["drop_view_early", "validate", "create_view"]);
    expect(result.gaps).toEqual([{ object: "view:public.v", step: "validate" }]);
    // an unrelated autocommit step goes before the drop or after the re-creation, by priority
    const free = sortSteps({
      nodes: [
        node("drop_view_early", 3, 0, { drops: ["view:public.v"] }),
        node("alter_column", 50, 1, { creates: ["x:altered"] }),
        { ...node("add_value", 11, 2), autocommit: true },
        { ...node("cic", 55, 3), autocommit: true },
        { ...node("validate", 70, 5), autocommit: true },
        node("create_view", 60, 4, { creates: ["view:public.v"], requires: ["x:altered"] }),
      ],
      chains: [],
      currentDependencies: [],
      desiredDependencies: [],
    });
    // without the rule: drop_view_early, add_value, alter_column, cic, create_view, validate
    expect(free.order).toEqual([
      "add_value",
      "alter_column",
      "cic",
      "drop_view_early",
      "create_view",
      "validate",
    ]);
    expect(free.gaps).toEqual([]);
  });

  it("names the steps and edges of a cycle", () => {
    const nodes = [node("a", 1, 0), node("b", 1, 1)];
    expect(() =>
      sort(nodes, [
        ["a", "b"],
        ["b", "a"],
      ]),
    ).toThrow(PlanCycleError);
    try {
      sort(nodes, [
        ["a", "b"],
        ["b", "a"],
      ]);
    } catch (error) {
      expect(error).toBeInstanceOf(PlanCycleError);
      const cycle = error as PlanCycleError;
      expect(cycle.steps).toEqual(["a", "b"]);
      expect(cycle.edges.map((e) => `${e.from}->${e.to}`).sort()).toEqual(["a->b", "b->a"]);
      expect(cycle.message).toContain("a -> b");
    }
  });
});

describe("fingerprint", () => {
  it("is stable, ignores stats and owners, and sees real differences", () => {
    const a = makeState({ schemas: [schema("app")] });
    const b = makeState(
      { schemas: [{ ...schema("app"), owner: "someone" }] },
      { stats: { x: { reltuples: 5, relpages: 1 } } },
    );
    const c = makeState({ schemas: [{ ...schema("app"), comment: "hi" }] });
    expect(fingerprint(a)).toBe(fingerprint(b));
    expect(fingerprint(a)).not.toBe(fingerprint(c));
    expect(fingerprint(a)).toMatch(/^fnv1a64:[0-9a-f]{16}$/);
    expect(fnv1a64("")).toBe("cbf29ce484222325");
  });
});

describe("plan", () => {
  it("is empty between equal states", () => {
    const state = makeState({ schemas: [schema("app")] });
    const result = plan(state, state);
    expect(result.steps).toEqual([]);
    expect(result.groups).toEqual([]);
    expect(result.currentFingerprint).toBe(result.desiredFingerprint);
  });
});
