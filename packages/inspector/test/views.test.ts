import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { inspect } from "../src/index.js";
import { loadFixture } from "./fixtures.js";

describe("views and materialized views", () => {
  test("definition, columns, check option, options, comments, privileges, populated", async ({ db }) => {
    await loadFixture(db, "views");
    const state = await inspect(db.url);
    // PG 16 stopped prefixing column references with the table name when there is one table.
    const col = (table: string, column: string) => (db.server.major >= 16 ? column : `${table}.${column}`);

    expect(state.views["view:shop.visible_items"]).toEqual({
      kind: "view",
      id: "view:shop.visible_items",
      schema: "shop",
      name: "visible_items",
      definition: ` SELECT ${col("items", "id")},\n    ${col("items", "name")},\n    shop.price_with_tax(${col("items", "price")}) AS gross\n   FROM shop.items\n  WHERE NOT ${col("items", "hidden")};`,
      columns: ["id", "name", "gross"],
      checkOption: "local",
      options: [],
      owner: "postgres",
      comment: "what customers see",
      columnComments: { gross: "price with tax" },
      privileges: [{ grantee: "inspector_reader", privilege: "SELECT", grantable: false }],
      // automatically updatable: PostgreSQL writes its plain columns, not the computed gross
      writable: { insert: true, update: true, columns: ["id", "name"] },
    });
    expect(state.views["view:shop.cheap_items"]).toMatchObject({
      checkOption: "cascaded",
      options: ["security_barrier=true"],
      columns: ["id", "name"],
      comment: null,
      columnComments: {},
      privileges: [],
      writable: { insert: true, update: true, columns: ["id", "name"] },
    });
    expect(state.materializedViews["materialized_view:shop.item_totals"]).toEqual({
      kind: "materialized_view",
      id: "materialized_view:shop.item_totals",
      schema: "shop",
      name: "item_totals",
      definition: ` SELECT count(*) AS n,\n    sum(${col("items", "price")}) AS total\n   FROM shop.items;`,
      columns: ["n", "total"],
      options: ["fillfactor=80"],
      populated: false,
      owner: "postgres",
      comment: "totals",
      columnComments: { n: "how many" },
      privileges: [],
    });
    expect(state.materializedViews["materialized_view:shop.item_names"]?.populated).toBe(true);
    // A view depends on the columns and functions it uses, and on views it reads.
    expect(state.dependencies).toEqual(
      expect.arrayContaining([
        { dependent: "view:shop.visible_items", referenced: "column:shop.items.price" },
        { dependent: "view:shop.visible_items", referenced: "function:shop.price_with_tax(p numeric)" },
        { dependent: "view:shop.cheap_items", referenced: "view:shop.visible_items" },
        { dependent: "materialized_view:shop.item_totals", referenced: "column:shop.items.price" },
      ]),
    );
  });

  test("PG 15+: security_invoker views", async ({ db, skip }) => {
    skip(db.server.major < 15, "security_invoker views arrived in PostgreSQL 15");
    await loadFixture(db, "views");
    await loadFixture(db, "views-pg15");
    const state = await inspect(db.url);
    expect(state.views["view:shop.names"]).toMatchObject({
      options: ["security_invoker=true"],
      checkOption: null,
    });
  });
});
