import { describe, expect, it } from "vitest";
import { ids } from "../../model/ids.js";
import type { Dependency, MaterializedView, SchemaState } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { makeState, table } from "../testing.js";
import { type AccessMethod, accessMethodId } from "./access-method.model.js";
import { renderCreateAccessMethod, renderDropAccessMethod } from "./access-method.render.js";

function method(extra: Partial<AccessMethod> = {}): AccessMethod {
  const base = {
    kind: "access_method" as const,
    name: "heap2",
    type: "table" as const,
    handler: { schema: "pg_catalog", name: "heap_tableam_handler" },
    handlerId: null,
    comment: null,
    ...extra,
  };
  return { ...base, id: accessMethodId(base.name) };
}

const sql = (current: SchemaState, desired: SchemaState) => plan(current, desired).steps.map((s) => s.sql);

describe("access method render", () => {
  it("CREATE ACCESS METHOD … TYPE TABLE / INDEX HANDLER, names quoted", () => {
    expect(renderCreateAccessMethod(method())).toBe(
      "CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER pg_catalog.heap_tableam_handler;",
    );
    expect(
      renderCreateAccessMethod(
        method({ name: "My Btree", type: "index", handler: { schema: "pg_catalog", name: "bthandler" } }),
      ),
    ).toBe('CREATE ACCESS METHOD "My Btree" TYPE INDEX HANDLER pg_catalog.bthandler;');
    expect(renderDropAccessMethod(method())).toBe("DROP ACCESS METHOD heap2;");
  });
});

describe("access method plans", () => {
  it("created before the table USING it, commented; the table dropped before it", () => {
    const t = table("public", "events", [["id", "integer"]], { accessMethod: "heap2" });
    const am = method({ comment: "a heap copy" });
    expect(sql(makeState({}), makeState({ tables: [t], accessMethods: [am] }))).toEqual([
      "CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER pg_catalog.heap_tableam_handler;",
      "CREATE TABLE events (\n  id integer\n) USING heap2;",
      "COMMENT ON ACCESS METHOD heap2 IS 'a heap copy';",
    ]);
    const edge: Dependency = { dependent: t.id, referenced: am.id };
    expect(
      sql(makeState({ tables: [t], accessMethods: [am] }, { dependencies: [edge] }), makeState({})),
    ).toEqual(["DROP TABLE events;", "DROP ACCESS METHOD heap2;"]);
  });

  it("another handler: dropped and created again; refused while a table uses it", () => {
    const other = method({ type: "index", handler: { schema: "pg_catalog", name: "bthandler" } });
    expect(sql(makeState({ accessMethods: [method()] }), makeState({ accessMethods: [other] }))).toEqual([
      "DROP ACCESS METHOD heap2;",
      "CREATE ACCESS METHOD heap2 TYPE INDEX HANDLER pg_catalog.bthandler;",
    ]);
    const t = table("public", "events", [["id", "integer"]], { accessMethod: "heap2" });
    const edge: Dependency = { dependent: t.id, referenced: method().id };
    expect(() =>
      plan(
        makeState({ tables: [t], accessMethods: [method()] }, { dependencies: [edge] }),
        makeState({ tables: [t], accessMethods: [other] }),
      ),
    ).toThrow(/cannot change ACCESS METHOD heap2: table:public.events uses it/);
  });

  it("a table's access method changed: SET ACCESS METHOD after the method is created, a rewrite", () => {
    const heap = table("public", "events", [["id", "integer"]]);
    const moved = table("public", "events", [["id", "integer"]], { accessMethod: "heap2" });
    const steps = plan(
      makeState({ tables: [heap] }),
      makeState({ tables: [moved], accessMethods: [method()] }),
    ).steps;
    expect(steps.map((s) => s.sql)).toEqual([
      "CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER pg_catalog.heap_tableam_handler;",
      "ALTER TABLE events SET ACCESS METHOD heap2;",
    ]);
    expect(steps[1]?.hazards.map((h) => h.kind)).toEqual(["TABLE_REWRITE", "LONG_LOCK"]);
    expect(sql(makeState({ tables: [moved] }), makeState({ tables: [heap] }))).toEqual([
      "ALTER TABLE events SET ACCESS METHOD heap;",
    ]);
  });

  it("refused on PostgreSQL 14, which has no SET ACCESS METHOD", () => {
    const heap = table("public", "events", [["id", "integer"]]);
    const moved = table("public", "events", [["id", "integer"]], { accessMethod: "heap2" });
    expect(() =>
      plan(makeState({ tables: [heap] }, { major: 14 }), makeState({ tables: [moved] }, { major: 14 })),
    ).toThrow(
      "cannot change the access method of table public.events to heap2: PostgreSQL 14 has no ALTER TABLE … SET ACCESS METHOD (15+)",
    );
  });

  it("kept by a --schemas filter only when every schema is managed", () => {
    const state = (managedSchemas: readonly string[] | null) =>
      makeState({ accessMethods: [method()] }, { managedSchemas });
    expect(sql(makeState({}), state(null))).toHaveLength(1);
    expect(plan(makeState({}, { managedSchemas: ["public"] }), state(["public"])).steps).toEqual([]);
  });
});

describe("a materialized view's access method", () => {
  const orders = table("public", "orders", [["id", "bigint"]]);
  const matview = (accessMethod?: string): MaterializedView => ({
    kind: "materialized_view",
    id: ids.materializedView("public", "totals"),
    schema: "public",
    name: "totals",
    definition: " SELECT orders.id\n   FROM orders;",
    columns: ["id"],
    options: [],
    populated: true,
    ...(accessMethod === undefined ? {} : { accessMethod }),
    owner: "postgres",
    comment: null,
    columnComments: {},
    privileges: [],
  });
  const edge: Dependency = { dependent: matview().id, referenced: ids.column("public", "orders", "id") };
  const state = (view: MaterializedView, major = 17, methods = [method()]) =>
    makeState(
      { tables: [orders], materializedViews: [view], accessMethods: methods },
      { dependencies: [edge], major },
    );

  it("CREATE MATERIALIZED VIEW … USING after the method is created", () => {
    expect(sql(makeState({ tables: [orders] }), state(matview("heap2")))).toEqual([
      "CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER pg_catalog.heap_tableam_handler;",
      "CREATE MATERIALIZED VIEW totals USING heap2 AS\nSELECT orders.id\n   FROM orders\nWITH DATA;",
    ]);
  });

  it("changed on PostgreSQL 15+: ALTER MATERIALIZED VIEW … SET ACCESS METHOD, a rewrite under ACCESS EXCLUSIVE", () => {
    const steps = plan(state(matview()), state(matview("heap2"))).steps;
    expect(steps.map((s) => s.sql)).toEqual(["ALTER MATERIALIZED VIEW totals SET ACCESS METHOD heap2;"]);
    expect(steps[0]?.hazards.map((h) => h.kind)).toEqual(["TABLE_REWRITE", "LONG_LOCK"]);
    expect(steps[0]?.lock).toEqual({ level: "access_exclusive", on: matview().id });
    expect(sql(state(matview("heap2")), state(matview()))).toEqual([
      "ALTER MATERIALIZED VIEW totals SET ACCESS METHOD heap;",
    ]);
  });

  it("changed on PostgreSQL 14 (no SET ACCESS METHOD): dropped and created again from its query", () => {
    expect(sql(state(matview(), 14), state(matview("heap2"), 14))).toEqual([
      "DROP MATERIALIZED VIEW totals;",
      "CREATE MATERIALIZED VIEW totals USING heap2 AS\nSELECT orders.id\n   FROM orders\nWITH DATA;",
    ]);
  });
});
