import { describe, expect, it } from "vitest";
import { ids } from "../../model/ids.js";
import type { MaterializedView } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { index, makeState, table } from "../testing.js";
import {
  renderCreateMaterializedView,
  renderDropMaterializedView,
  renderRefreshMaterializedView,
} from "./materialized-view.render.js";

function matview(name: string, definition: string, extra: Partial<MaterializedView> = {}): MaterializedView {
  return {
    kind: "materialized_view",
    id: ids.materializedView("public", name),
    schema: "public",
    name,
    definition,
    columns: ["id"],
    options: [],
    populated: true,
    owner: "postgres",
    comment: null,
    columnComments: {},
    privileges: [],
    ...extra,
  };
}

describe("materialized view renderers", () => {
  it("renders CREATE … WITH [NO] DATA, DROP and REFRESH", () => {
    const m = matview("totals", " SELECT orders.id\n   FROM orders;", { options: ["fillfactor=70"] });
    expect(renderCreateMaterializedView(m)).toBe(
      "CREATE MATERIALIZED VIEW totals WITH (fillfactor=70) AS\nSELECT orders.id\n   FROM orders\nWITH DATA;",
    );
    expect(renderCreateMaterializedView({ ...m, options: [], populated: false })).toMatch(/\nWITH NO DATA;$/);
    expect(renderDropMaterializedView({ schema: "app", name: "totals" })).toBe(
      "DROP MATERIALIZED VIEW app.totals;",
    );
    expect(renderRefreshMaterializedView({ schema: "public", name: "totals" })).toBe(
      "REFRESH MATERIALIZED VIEW totals;",
    );
  });
});

describe("materialized view plans", () => {
  const orders = table("public", "orders", [
    ["id", "bigint"],
    ["amount", "integer"],
  ]);
  const totals = matview("totals", " SELECT orders.id\n   FROM orders;", {
    comment: "per order",
    privileges: [{ grantee: "reader", privilege: "SELECT", grantable: false }],
  });
  const totalsIndex = index("public", "totals", "totals_id", ["id"], { table: totals.id });
  const dependencies = [{ dependent: totals.id, referenced: ids.column("public", "orders", "id") }];

  it("recreates a changed materialized view with its indexes, grants and comment; LONG_LOCK", () => {
    const changed = {
      ...totals,
      definition: " SELECT orders.id\n   FROM orders\n  WHERE orders.amount > 0;",
    };
    const result = plan(
      makeState({ tables: [orders], materializedViews: [totals], indexes: [totalsIndex] }, { dependencies }),
      makeState({ tables: [orders], materializedViews: [changed], indexes: [totalsIndex] }, { dependencies }),
    );
    expect(result.steps.map((s) => s.sql)).toEqual([
      "DROP MATERIALIZED VIEW totals;",
      "CREATE MATERIALIZED VIEW totals AS\nSELECT orders.id\n   FROM orders\n  WHERE orders.amount > 0\nWITH DATA;",
      "CREATE INDEX totals_id\nON totals (id);",
      "GRANT SELECT ON TABLE totals TO reader;",
      "COMMENT ON MATERIALIZED VIEW totals IS 'per order';",
    ]);
    expect(result.steps[1]?.hazards.map((h) => h.kind)).toEqual(["LONG_LOCK"]);
    expect(result.groups).toHaveLength(1);
  });

  it("drops it early around a column type change under it", () => {
    const wider = table("public", "orders", [
      ["id", "integer"],
      ["amount", "integer"],
    ]);
    const result = plan(
      makeState({ tables: [orders], materializedViews: [totals], indexes: [totalsIndex] }, { dependencies }),
      makeState({ tables: [wider], materializedViews: [totals], indexes: [totalsIndex] }, { dependencies }),
    );
    expect(result.steps.map((s) => s.kind).slice(0, 4)).toEqual([
      "drop_materialized_view_early",
      "alter_column_type",
      "create_materialized_view",
      "create_index",
    ]);
  });

  it("refreshes a materialized view that becomes populated and alters storage options", () => {
    const empty = { ...totals, populated: false };
    const tuned = { ...totals, options: ["fillfactor=50"] };
    expect(
      plan(makeState({ materializedViews: [empty] }), makeState({ materializedViews: [tuned] })).steps.map(
        (s) => s.sql,
      ),
    ).toEqual(["ALTER MATERIALIZED VIEW totals SET (fillfactor=50);", "REFRESH MATERIALIZED VIEW totals;"]);
  });
});

describe("materialized view column settings", () => {
  const definition = " SELECT orders.id,\n    orders.note\n   FROM orders;";
  const base = { columns: ["id", "note"] };
  const settings = (
    columnSettings: MaterializedView["columnSettings"],
  ): Partial<MaterializedView> & { columns: readonly string[] } => ({
    ...base,
    ...(columnSettings ? { columnSettings } : {}),
  });
  const note = { storage: null, typeStorage: "extended" as const, statisticsTarget: null, options: [] };

  it("a new materialized view gets its settings after CREATE", () => {
    const desired = matview(
      "totals",
      definition,
      settings({
        id: { ...note, typeStorage: "plain", statisticsTarget: 1000, options: ["n_distinct=-1"] },
        note: { ...note, storage: "external" },
      }),
    );
    const steps = plan(makeState({}), makeState({ materializedViews: [desired] })).steps.map((s) => s.sql);
    expect(steps.slice(1)).toEqual([
      "ALTER MATERIALIZED VIEW totals ALTER COLUMN id SET STATISTICS 1000;",
      "ALTER MATERIALIZED VIEW totals ALTER COLUMN id RESET (n_distinct_inherited), ALTER COLUMN id SET (n_distinct=-1);",
      "ALTER MATERIALIZED VIEW totals ALTER COLUMN note SET STORAGE EXTERNAL;",
    ]);
  });

  it("changed in place, and back to the defaults (the type's storage, statistics -1, options reset)", () => {
    const current = matview(
      "totals",
      definition,
      settings({ note: { ...note, storage: "main", statisticsTarget: 10, options: ["n_distinct=5"] } }),
    );
    const toDefaults = matview("totals", definition, settings(undefined));
    const result = plan(
      makeState({ materializedViews: [current] }),
      makeState({ materializedViews: [toDefaults] }),
    );
    expect(result.steps.map((s) => s.sql)).toEqual([
      "ALTER MATERIALIZED VIEW totals ALTER COLUMN note SET STORAGE EXTENDED;",
      "ALTER MATERIALIZED VIEW totals ALTER COLUMN note SET STATISTICS -1;",
      "ALTER MATERIALIZED VIEW totals ALTER COLUMN note RESET (n_distinct, n_distinct_inherited);",
    ]);
    expect(result.steps.map((s) => s.lock?.level)).toEqual([
      "access_exclusive",
      "share_update_exclusive",
      "share_update_exclusive",
    ]);
    const changed = matview("totals", definition, settings({ note: { ...note, statisticsTarget: 250 } }));
    expect(
      plan(
        makeState({ materializedViews: [toDefaults] }),
        makeState({ materializedViews: [changed] }),
      ).steps.map((s) => s.sql),
    ).toEqual(["ALTER MATERIALIZED VIEW totals ALTER COLUMN note SET STATISTICS 250;"]);
    expect(
      plan(makeState({ materializedViews: [changed] }), makeState({ materializedViews: [changed] })).steps,
    ).toEqual([]);
  });
});
