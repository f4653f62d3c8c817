import { describe, expect, it } from "vitest";
import { ids } from "../model/ids.js";
import type { Policy, SchemaState } from "../model/state.js";
import {
  foreignKey,
  index,
  makeState,
  primaryKey,
  routine,
  schema,
  sequence,
  table,
  trigger,
  view,
} from "../objects/testing.js";
import type { PlanTouches } from "./planner.js";
import { planWithTouches } from "./planner.js";
import { objectIds, restrictState, touchedClosure } from "./touched.js";

const USERS = table("public", "users", [
  ["id", "integer", { notNull: true }],
  ["email", "text"],
]);
const ORDERS = table("public", "orders", [
  ["id", "bigint", { notNull: true, default: "nextval('orders_id_seq'::regclass)" }],
  ["user_id", "integer"],
]);
const ITEMS = table("public", "items", [["id", "integer"]]);
const AUDIT = table("app", "audit", [["id", "integer"]]);
const PARENT = table("public", "events", [["at", "integer"]], {
  partitionBy: { strategy: "range", definition: "RANGE (at)", keys: ["at"] },
});
const JANUARY = table("public", "events_1", [["at", "integer", { isLocal: false }]], {
  partitionOf: { parent: PARENT.id, bound: "FOR VALUES FROM (0) TO (10)" },
});
const FEBRUARY = table("public", "events_2", [["at", "integer", { isLocal: false }]], {
  partitionOf: { parent: PARENT.id, bound: "FOR VALUES FROM (10) TO (20)" },
});
const TOUCH = routine("public", "touch", { returns: "trigger", language: "plpgsql" });
const USERS_PKEY = primaryKey("public", "users", "users_pkey", ["id"]);
const USERS_PKEY_INDEX = index("public", "users", "users_pkey", ["id"], {
  unique: true,
  primary: true,
  constraint: USERS_PKEY.id,
});
const ORDERS_USER_FK = foreignKey("public", "orders", "orders_user_fk", ["user_id"], USERS, ["id"]);
const ACTIVE = view("public", "active_users", ["id"], " SELECT id FROM public.users");
const ACTIVE_IDS = view("public", "active_ids", ["id"], " SELECT id FROM public.active_users");
const ITEMS_TOUCH = trigger(ITEMS, "items_touch", TOUCH.id);
const ORDERS_SEQ = sequence("public", "orders_id_seq", { ownedBy: ORDERS.columns[0]?.id ?? null });
const ORDERS_POLICY: Policy = {
  kind: "policy",
  id: ids.policy("public", "orders", "own_orders"),
  schema: "public",
  name: "own_orders",
  table: ORDERS.id,
  command: "all",
  permissive: true,
  roles: ["public"],
  using: "(user_id > 0)",
  withCheck: null,
  comment: null,
};

/** The same database as the inspector reads it: pg_depend's edges between those objects. */
const CURRENT: SchemaState = makeState(
  {
    schemas: [schema("app")],
    tables: [USERS, ORDERS, ITEMS, AUDIT, PARENT, JANUARY, FEBRUARY],
    constraints: [USERS_PKEY, ORDERS_USER_FK],
    indexes: [USERS_PKEY_INDEX],
    views: [ACTIVE, ACTIVE_IDS],
    functions: [TOUCH],
    triggers: [ITEMS_TOUCH],
    sequences: [ORDERS_SEQ],
    policies: [ORDERS_POLICY],
  },
  {
    dependencies: [
      { dependent: ACTIVE.id, referenced: ids.column("public", "users", "id") },
      { dependent: ACTIVE_IDS.id, referenced: ACTIVE.id },
      { dependent: ORDERS_SEQ.id, referenced: ids.column("public", "orders", "id") },
      { dependent: ORDERS_POLICY.id, referenced: ids.column("public", "orders", "user_id") },
    ],
  },
);

const touching = (parts: Partial<PlanTouches>): PlanTouches => ({
  changed: parts.changed ?? [],
  dropped: parts.dropped ?? [],
  required: parts.required ?? [],
});

/** The closure's ids, failing the test when it fell back to the whole schema. */
function closure(touches: PlanTouches, desired: SchemaState = CURRENT): ReadonlySet<string> {
  const result = touchedClosure(CURRENT, desired, touches);
  if (result.kind !== "subset") throw new Error(`expected a subset, got: ${result.reason}`);
  return result.ids;
}

describe("touchedClosure: what verification copies", () => {
  it("a changed column brings its table, everything that depends on the table and what those need", () => {
    const closed = closure(touching({ changed: [USERS.columns[1]?.id as string] }));
    // dependents, transitively: a view, a view on that view, a foreign key of another table
    for (const id of [
      USERS.id,
      ACTIVE.id,
      ACTIVE_IDS.id,
      ORDERS_USER_FK.id,
      USERS_PKEY.id,
      USERS_PKEY_INDEX.id,
    ]) {
      expect(closed).toContain(id);
    }
    // what the foreign key needs (its table, whose default needs its sequence) but not what
    // depends on that table: its policy is not touched
    expect(closed).toContain(ORDERS.id);
    expect(closed).toContain(ORDERS_SEQ.id);
    expect(closed).not.toContain(ORDERS_POLICY.id);
    // unrelated objects stay out; every schema is in
    for (const id of [ITEMS.id, AUDIT.id, TOUCH.id, ITEMS_TOUCH.id, PARENT.id])
      expect(closed).not.toContain(id);
    expect(closed).toContain("schema:app");
    expect(closed).toContain("schema:public");
  });

  it("a changed table brings its policies, owned sequences and triggers", () => {
    const closed = closure(touching({ changed: [ORDERS.id] }));
    for (const id of [ORDERS_POLICY.id, ORDERS_SEQ.id, ORDERS_USER_FK.id, USERS.id])
      expect(closed).toContain(id);
    // users comes only as what the foreign key needs: its views are not brought along
    expect(closed).not.toContain(ACTIVE.id);
  });

  it("a replaced trigger function brings the triggers that call it and their tables", () => {
    const closed = closure(touching({ changed: [TOUCH.id] }));
    expect([...closed].filter((id) => !id.startsWith("schema:")).sort()).toEqual(
      [ITEMS.id, ITEMS_TOUCH.id, TOUCH.id].sort(),
    );
  });

  it("what the plan only requires comes without its dependents", () => {
    const created = index("app", "audit", "audit_id", ["id"]);
    const desired = makeState({ ...stateObjects(CURRENT), indexes: [USERS_PKEY_INDEX, created] });
    const closed = closure(touching({ changed: [created.id], required: [USERS.id, AUDIT.id] }), desired);
    expect(closed).toContain(created.id);
    expect(closed).toContain(USERS.id);
    expect(closed).toContain(AUDIT.id);
    expect(closed).not.toContain(ACTIVE.id);
  });

  it("ordering-only ids stand for the object they wrap", () => {
    const closed = closure(touching({ changed: [ids.columnDefault(ORDERS.columns[0]?.id as string)] }));
    expect(closed).toContain(ORDERS.id);
    expect(closed).toContain(ORDERS_POLICY.id);
  });

  it("a partitioned table brings its partitions; a partition brings its parent, not its siblings", () => {
    const parent = closure(touching({ changed: [PARENT.id] }));
    expect(parent).toContain(JANUARY.id);
    expect(parent).toContain(FEBRUARY.id);
    const partition = closure(touching({ changed: [JANUARY.id] }));
    expect(partition).toContain(PARENT.id);
    expect(partition).not.toContain(FEBRUARY.id);
  });

  it("a schema is climbed only when the plan drops it", () => {
    const granted = closure(touching({ changed: ["schema:app"] }));
    expect(granted).not.toContain(AUDIT.id);
    const dropped = closure(touching({ changed: ["schema:app"], dropped: ["schema:app"] }));
    expect(dropped).toContain(AUDIT.id);
    expect(dropped).not.toContain(USERS.id);
  });

  it("an id neither state holds makes it fall back to the whole schema, saying which", () => {
    const result = touchedClosure(CURRENT, CURRENT, touching({ changed: ["table:public.nowhere"] }));
    expect(result).toEqual({
      kind: "full",
      reason: "the plan declares an id neither schema holds (table:public.nowhere)",
    });
  });

  it("role ids are the server's: they neither fall back nor bring anything", () => {
    const closed = closure(touching({ changed: ["role:reporting"], required: ["role:app"] }));
    expect([...closed].filter((id) => !id.startsWith("schema:"))).toEqual([]);
  });

  it("a renamed table: its old id's dependents and its new id's are both in", () => {
    const renamed = table(
      "public",
      "people",
      USERS.columns.map((c) => [c.name, c.type.text] as const),
    );
    const desiredView = view("public", "active_users", ["id"], " SELECT id FROM public.people");
    const desired = makeState(
      { ...stateObjects(CURRENT), tables: [renamed, ORDERS, ITEMS, AUDIT], views: [desiredView] },
      { dependencies: [{ dependent: desiredView.id, referenced: ids.column("public", "people", "id") }] },
    );
    const closed = closure(touching({ changed: [USERS.id, renamed.id], dropped: [USERS.id] }), desired);
    for (const id of [USERS.id, renamed.id, ACTIVE.id, ACTIVE_IDS.id, ORDERS_USER_FK.id])
      expect(closed).toContain(id);
  });

  it("follows the ids a real plan declares: a retyped column brings the views on it", () => {
    const retyped = table("public", "users", [
      ["id", "bigint", { notNull: true }],
      ["email", "text"],
    ]);
    const desired = makeState(
      { ...stateObjects(CURRENT), tables: [retyped, ORDERS, ITEMS, AUDIT, PARENT, JANUARY, FEBRUARY] },
      { dependencies: CURRENT.dependencies },
    );
    const { plan, touches } = planWithTouches(CURRENT, desired);
    expect(plan.steps.map((step) => step.kind)).toContain("alter_column_type");
    expect(touches.changed).toContain(ids.column("public", "users", "id"));
    const closed = closure(touches, desired);
    expect(closed).toContain(ACTIVE_IDS.id);
    expect(closed).not.toContain(ITEMS.id);
  });
});

describe("restrictState", () => {
  it("keeps the named objects and the dependencies between them", () => {
    const kept = restrictState(CURRENT, new Set([ACTIVE.id, USERS.id, "schema:public"]));
    expect([...objectIds(kept)].sort()).toEqual([ACTIVE.id, "schema:public", USERS.id].sort());
    expect(kept.dependencies).toEqual([
      { dependent: ACTIVE.id, referenced: ids.column("public", "users", "id") },
    ]);
    expect(kept.tables[USERS.id]).toBe(CURRENT.tables[USERS.id]);
  });
});

/** The objects of a state as makeState takes them. */
function stateObjects(state: SchemaState) {
  return {
    schemas: Object.values(state.schemas).filter((s) => s.name !== "public"),
    tables: Object.values(state.tables),
    constraints: Object.values(state.constraints),
    indexes: Object.values(state.indexes),
    views: Object.values(state.views),
    functions: Object.values(state.functions),
    triggers: Object.values(state.triggers),
    sequences: Object.values(state.sequences),
    policies: Object.values(state.policies),
  };
}
