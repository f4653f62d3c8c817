import { describe, expect, it } from "vitest";
import { ids } from "../../model/ids.js";
import type { SchemaState, Statistics } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { makeState, table } from "../testing.js";
import {
  renderCreateStatistics,
  renderDropStatistics,
  renderSetStatisticsTarget,
} from "./statistics.render.js";

const orders = table("public", "orders", [
  ["id", "bigint"],
  ["city", "text"],
  ["zip", "text"],
]);

function statistics(extra: Partial<Statistics> = {}): Statistics {
  return {
    kind: "statistics",
    id: ids.statistics("public", "orders_city_zip"),
    schema: "public",
    name: "orders_city_zip",
    table: orders.id,
    statisticsKinds: ["ndistinct", "dependencies"],
    columns: "city, zip",
    target: null,
    owner: "postgres",
    comment: null,
    ...extra,
  };
}

/** makeState does not know statistics (yet): added here. */
function withStatistics(...list: Statistics[]): SchemaState {
  return { ...makeState({ tables: [orders] }), statistics: Object.fromEntries(list.map((s) => [s.id, s])) };
}

const sql = (current: SchemaState, desired: SchemaState) => plan(current, desired).steps.map((s) => s.sql);

describe("statistics render", () => {
  it("CREATE STATISTICS with kinds, and without for a single expression", () => {
    expect(renderCreateStatistics(orders, statistics())).toBe(
      "CREATE STATISTICS orders_city_zip (ndistinct, dependencies) ON city, zip FROM orders;",
    );
    expect(
      renderCreateStatistics(
        { schema: "app", name: "users" },
        statistics({ schema: "app", name: "Lower Email", statisticsKinds: [], columns: "lower(email)" }),
      ),
    ).toBe('CREATE STATISTICS app."Lower Email" ON lower(email) FROM app.users;');
  });

  it("SET STATISTICS: a number, DEFAULT on 17+, -1 before", () => {
    expect(renderSetStatisticsTarget(statistics({ target: 500 }), 18)).toBe(
      "ALTER STATISTICS orders_city_zip SET STATISTICS 500;",
    );
    expect(renderSetStatisticsTarget(statistics(), 17)).toBe(
      "ALTER STATISTICS orders_city_zip SET STATISTICS DEFAULT;",
    );
    expect(renderSetStatisticsTarget(statistics(), 16)).toBe(
      "ALTER STATISTICS orders_city_zip SET STATISTICS -1;",
    );
  });

  it("DROP STATISTICS", () => {
    expect(renderDropStatistics(statistics())).toBe("DROP STATISTICS orders_city_zip;");
  });
});

describe("statistics plans", () => {
  it("created with its target and comment, after its table", () => {
    const desired = withStatistics(statistics({ target: 500, comment: "city implies zip" }));
    expect(sql(makeState({}), desired)).toEqual([
      "CREATE TABLE orders (\n  id bigint,\n  city text,\n  zip text\n);",
      "CREATE STATISTICS orders_city_zip (ndistinct, dependencies) ON city, zip FROM orders;",
      "ALTER STATISTICS orders_city_zip SET STATISTICS 500;",
      "COMMENT ON STATISTICS orders_city_zip IS 'city implies zip';",
    ]);
  });

  it("dropped, unless its table is dropped too", () => {
    expect(sql(withStatistics(statistics()), withStatistics())).toEqual(["DROP STATISTICS orders_city_zip;"]);
    expect(sql(withStatistics(statistics()), makeState({}))).toEqual(["DROP TABLE orders;"]);
  });

  it("replaced when kinds or columns change; the target alone is altered", () => {
    expect(
      sql(withStatistics(statistics()), withStatistics(statistics({ statisticsKinds: ["mcv"] }))),
    ).toEqual([
      "DROP STATISTICS orders_city_zip;",
      "CREATE STATISTICS orders_city_zip (mcv) ON city, zip FROM orders;",
    ]);
    expect(sql(withStatistics(statistics()), withStatistics(statistics({ target: 1000 })))).toEqual([
      "ALTER STATISTICS orders_city_zip SET STATISTICS 1000;",
    ]);
  });

  it("unchanged: nothing to do", () => {
    expect(sql(withStatistics(statistics()), withStatistics(statistics()))).toEqual([]);
  });
});

describe("statistics renamed by hint", () => {
  it("SET SCHEMA then RENAME TO; the table and its columns untouched", () => {
    const moved = statistics({
      id: ids.statistics("app", "orders_place"),
      schema: "app",
      name: "orders_place",
    });
    const desired = {
      ...withStatistics(moved),
      schemas: {
        ...withStatistics().schemas,
        [ids.schema("app")]: {
          ...withStatistics().schemas[ids.schema("public")]!,
          id: ids.schema("app"),
          name: "app",
        },
      },
    };
    const current = { ...withStatistics(statistics()), schemas: desired.schemas };
    expect(
      plan(current, desired, {
        renames: [{ kind: "statistics", from: statistics().id, to: moved.id }],
      }).steps.map((step) => step.sql),
    ).toEqual([
      "ALTER STATISTICS public.orders_city_zip SET SCHEMA app;",
      "ALTER STATISTICS app.orders_city_zip RENAME TO orders_place;",
    ]);
  });
});
