import type { Column, Table } from "@pg-flux/core";
import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { inspect } from "../src/index.js";
import { loadFixture, must } from "./fixtures.js";

function column(table: Table, name: string): Column {
  return must(
    table.columns.find((c) => c.name === name),
    `column ${name}`,
  );
}

describe("tables and columns", () => {
  test("every table and column field", async ({ db }) => {
    await loadFixture(db, "tables");
    const state = await inspect(db.url);
    const pg18 = db.server.major >= 18;
    const accounts = must(state.tables["table:app.accounts"], "app.accounts");

    expect({ ...accounts, columns: accounts.columns.map((c) => c.name) }).toEqual({
      kind: "table",
      id: "table:app.accounts",
      schema: "app",
      name: "accounts",
      persistence: "permanent",
      columns: [
        "id",
        "email",
        "handle",
        "score",
        "tags",
        "grid",
        "mood",
        "created_at",
        "lower_email",
        "secret",
      ],
      partitionBy: null,
      partitionOf: null,
      inherits: [],
      rowSecurity: true,
      forceRowSecurity: true,
      replicaIdentity: "default",
      replicaIdentityIndex: null,
      clusterIndex: null,
      options: ["autovacuum_enabled=false", "fillfactor=70"],
      owner: "postgres",
      comment: "people who sign in",
      privileges: [
        { grantee: "PUBLIC", privilege: "UPDATE", grantable: false },
        { grantee: "inspector_reader", privilege: "DELETE", grantable: true },
        { grantee: "inspector_reader", privilege: "INSERT", grantable: false },
        { grantee: "inspector_reader", privilege: "SELECT", grantable: false },
      ],
    });

    expect(column(accounts, "id")).toEqual({
      id: "column:app.accounts.id",
      name: "id",
      position: 1,
      type: {
        text: "bigint",
        schema: "pg_catalog",
        name: "int8",
        typmod: -1,
        arrayDimensions: 0,
        category: "N",
        storage: "plain",
      },
      collation: null,
      notNull: true,
      notNullConstraint: pg18 ? "accounts_id_not_null" : null,
      default: null,
      identity: {
        generation: "always",
        sequence: {
          dataType: "bigint",
          start: "100",
          increment: "5",
          min: "100",
          max: "100000",
          cache: "2",
          cycle: true,
        },
      },
      generated: null,
      isLocal: true,
      compression: null,
      storage: null,
      statisticsTarget: null,
      options: [],
      comment: null,
      privileges: [],
    });
    expect(column(accounts, "email")).toMatchObject({
      position: 2,
      type: {
        text: "character varying(320)",
        schema: "pg_catalog",
        name: "varchar",
        typmod: 324,
        arrayDimensions: 0,
        category: "S",
      },
      collation: null,
      notNull: true,
      comment: "login address",
      privileges: [{ grantee: "inspector_reader", privilege: "SELECT", grantable: false }],
    });
    expect(column(accounts, "handle")).toMatchObject({
      collation: 'pg_catalog."C"',
      privileges: [{ grantee: "inspector_reader", privilege: "UPDATE", grantable: false }],
    });
    expect(column(accounts, "score")).toMatchObject({
      type: { text: "numeric(10,2)", name: "numeric", typmod: 655366 },
      notNull: false,
      notNullConstraint: null,
      default: "0",
    });
    expect(column(accounts, "tags").type).toEqual({
      text: "text[]",
      schema: "pg_catalog",
      name: "text",
      typmod: -1,
      arrayDimensions: 1,
      category: "S",
      storage: "extended",
    });
    expect(column(accounts, "tags").default).toBe("'{}'::text[]");
    expect(column(accounts, "grid").type).toMatchObject({
      text: "integer[]",
      name: "int4",
      arrayDimensions: 2,
    });
    // User types come back qualified: the inspector reads with an empty search_path.
    expect(column(accounts, "mood")).toMatchObject({
      type: { text: "app.mood", schema: "app", name: "mood", category: "E" },
      default: "'ok'::app.mood",
    });
    expect(column(accounts, "created_at")).toMatchObject({
      type: { text: "timestamp with time zone", name: "timestamptz" },
      default: "now()",
      notNull: true,
    });
    expect(column(accounts, "secret")).toMatchObject({
      compression: "pglz",
      storage: "external",
      statisticsTarget: 250,
    });
    expect(column(accounts, "handle").statisticsTarget).toBe(0);
    expect(column(accounts, "score").options).toEqual(["n_distinct=-0.5"]);
    // The TOAST compression methods the server was built with (lz4 is optional at build time).
    expect(state.server.compressionMethods).toContain("pglz");
    // Storage is reported only where it differs from the type's (numeric's own is MAIN).
    expect(column(accounts, "score").storage).toBeNull();
    expect(column(accounts, "lower_email")).toMatchObject({
      default: null,
      generated: { expression: "lower((email)::text)", storage: "stored" },
    });

    const scratch = must(state.tables["table:app.scratch"], "app.scratch");
    expect(scratch.persistence).toBe("unlogged");
    expect(scratch.replicaIdentity).toBe("full");
    expect(column(scratch, "n").identity).toEqual({
      generation: "by default",
      sequence: {
        dataType: "integer",
        start: "1",
        increment: "1",
        min: "1",
        max: "2147483647",
        cache: "1",
        cycle: false,
      },
    });
    // Identity sequences appear only on their column.
    expect(Object.keys(state.sequences)).toEqual([]);

    const keyed = must(state.tables["table:app.keyed"], "app.keyed");
    expect(keyed.replicaIdentity).toBe("index");
    expect(keyed.replicaIdentityIndex).toBe("index:app.keyed_id_key");
    expect(keyed.clusterIndex).toBe("index:app.keyed_id_key");

    expect(state.tables["table:app.events"]?.partitionBy).toEqual({
      strategy: "range",
      definition: "RANGE (occurred_at)",
      keys: ["occurred_at"],
    });
    expect(state.tables["table:app.regional"]?.partitionBy).toEqual({
      strategy: "hash",
      definition: "HASH (lower(region), id)",
      keys: ["lower(region)", "id"],
    });
    const partition = must(state.tables["table:app.events_2024"], "app.events_2024");
    expect(partition.partitionOf).toEqual({
      parent: "table:app.events",
      bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
    });
    expect(partition.inherits).toEqual([]);
    expect(partition.columns.map((c) => [c.name, c.isLocal])).toEqual([
      ["id", false],
      ["occurred_at", false],
      ["payload", false],
    ]);
    expect(state.tables["table:app.events_default"]?.partitionOf).toEqual({
      parent: "table:app.events",
      bound: "DEFAULT",
    });

    const child = must(state.tables["table:app.child"], "app.child");
    expect(child.inherits).toEqual(["table:app.parent_a", "table:app.parent_b"]);
    expect(child.partitionOf).toBeNull();
    expect(child.columns.map((c) => [c.name, c.isLocal])).toEqual([
      ["a", false],
      ["shared", false],
      ["b", false],
      ["own", true],
    ]);

    expect(state.schemas["schema:app"]).toEqual({
      kind: "schema",
      id: "schema:app",
      name: "app",
      owner: "postgres",
      comment: "application schema",
      privileges: [{ grantee: "inspector_reader", privilege: "USAGE", grantable: false }],
    });
    expect(state.stats["table:app.accounts"]).toEqual({
      reltuples: expect.any(Number),
      relpages: expect.any(Number),
    });
    expect(Object.keys(state.stats)).toEqual(Object.keys(state.tables));
  });

  test("PG 18: virtual generated columns and named NOT NULL constraints", async ({ db, skip }) => {
    skip(
      db.server.major < 18,
      "PG < 18 has neither virtual generated columns nor named NOT NULL constraints",
    );
    await loadFixture(db, "tables");
    await loadFixture(db, "tables-pg18");
    const state = await inspect(db.url);
    const virtuals = must(state.tables["table:app.virtuals"], "app.virtuals");
    expect(column(virtuals, "total").generated).toEqual({
      expression: "(price * (qty)::numeric)",
      storage: "virtual",
    });
    expect(column(virtuals, "qty")).toMatchObject({ notNull: true, notNullConstraint: "qty_present" });
    expect(state.constraints["constraint:app.virtuals.qty_present"]).toEqual({
      kind: "not_null",
      id: "constraint:app.virtuals.qty_present",
      schema: "app",
      table: "table:app.virtuals",
      name: "qty_present",
      definition: "NOT NULL qty",
      deferrable: false,
      initiallyDeferred: false,
      validated: true,
      enforced: true,
      isLocal: true,
      noInherit: false,
      comment: null,
      column: "qty",
    });
  });
});
