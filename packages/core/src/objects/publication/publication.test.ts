import { describe, expect, it } from "vitest";
import { ids } from "../../model/ids.js";
import type { SchemaState } from "../../model/state.js";
import { blockingHazards } from "../../plan/plan.js";
import { plan } from "../../plan/planner.js";
import { makeState, schema, table } from "../testing.js";
import { type Publication, type PublicationTable, publicationId } from "./publication.model.js";
import {
  renderAlterPublication,
  renderCreatePublication,
  renderDropPublication,
} from "./publication.render.js";

const orders = table("public", "orders", [
  ["id", "integer"],
  ["total", "integer"],
  ["note", "text"],
]);
const events = table("app", "Events", [["id", "integer"]]);

const entry = (
  name: string,
  extra: Partial<PublicationTable> = {},
  schemaName = "public",
): PublicationTable => ({
  schema: schemaName,
  name,
  columns: null,
  where: null,
  ...extra,
});

function publication(extra: Partial<Publication> = {}): Publication {
  const base = {
    kind: "publication" as const,
    name: "to_warehouse",
    allTables: false,
    tables: [entry("orders")],
    schemas: [],
    publish: ["insert", "update", "delete", "truncate"] as const,
    viaPartitionRoot: false,
    generatedColumns: "none" as const,
    owner: "postgres",
    comment: null,
    ...extra,
  };
  return { ...base, id: publicationId(base.name) };
}

const state = (publications: readonly Publication[]): SchemaState =>
  makeState({ schemas: [schema("app")], tables: [orders, events], publications });
const steps = (current: SchemaState, desired: SchemaState) => plan(current, desired).steps;
const sql = (current: SchemaState, desired: SchemaState) => steps(current, desired).map((s) => s.sql);

describe("publication render", () => {
  it("CREATE PUBLICATION: every table ONLY, column lists, row filters, schemas, options", () => {
    expect(renderCreatePublication(publication())).toBe(
      "CREATE PUBLICATION to_warehouse FOR TABLE ONLY orders;",
    );
    expect(
      renderCreatePublication(
        publication({
          name: "Warehouse Feed",
          tables: [
            entry("Events", {}, "app"),
            entry("orders", { columns: ["id", "total"], where: "(total > 100)" }),
          ],
          schemas: ["audit", "billing"],
          publish: ["insert", "update"],
          viaPartitionRoot: true,
          generatedColumns: "stored",
        }),
      ),
    ).toBe(
      `CREATE PUBLICATION "Warehouse Feed" FOR TABLE ONLY app."Events", ONLY orders (id, total) WHERE ((total > 100)), TABLES IN SCHEMA audit, billing WITH (publish = 'insert, update', publish_via_partition_root = true, publish_generated_columns = stored);`,
    );
  });

  it("FOR ALL TABLES; an empty publication; publish = '' publishes nothing", () => {
    expect(renderCreatePublication(publication({ allTables: true, tables: [] }))).toBe(
      "CREATE PUBLICATION to_warehouse FOR ALL TABLES;",
    );
    expect(renderCreatePublication(publication({ tables: [], publish: [] }))).toBe(
      "CREATE PUBLICATION to_warehouse WITH (publish = '');",
    );
    expect(renderDropPublication(publication())).toBe("DROP PUBLICATION to_warehouse;");
  });

  it("ALTER: tables that leave or change are dropped (PUBLICATION_DROP), options set, tables added", () => {
    const from = publication({ tables: [entry("legacy"), entry("orders", { where: "(total > 1)" })] });
    const to = publication({
      tables: [entry("orders", { where: "(total > 2)" }), entry("Events", {}, "app")].sort((a, b) =>
        a.schema < b.schema ? -1 : 1,
      ),
      schemas: ["audit"],
      publish: ["insert"],
    });
    expect(renderAlterPublication(from, to)).toEqual([
      {
        sql: "ALTER PUBLICATION to_warehouse DROP TABLE ONLY legacy, ONLY orders;",
        hazards: [
          {
            kind: "PUBLICATION_DROP",
            reason:
              "subscribers of publication to_warehouse stop receiving the changes of what it drops (orders added back with a new column list or row filter)",
          },
        ],
      },
      "ALTER PUBLICATION to_warehouse SET (publish = 'insert');",
      `ALTER PUBLICATION to_warehouse ADD TABLE ONLY app."Events", ONLY orders WHERE ((total > 2)), TABLES IN SCHEMA audit;`,
    ]);
  });

  it("ALTER: a schema leaving; options back to their defaults; FOR ALL TABLES cannot be altered", () => {
    const from = publication({ tables: [], schemas: ["audit"], viaPartitionRoot: true, publish: ["insert"] });
    const to = publication({ tables: [], schemas: [] });
    expect(renderAlterPublication(from, to)).toEqual([
      {
        sql: "ALTER PUBLICATION to_warehouse DROP TABLES IN SCHEMA audit;",
        hazards: [
          {
            kind: "PUBLICATION_DROP",
            reason: "subscribers of publication to_warehouse stop receiving the changes of what it drops",
          },
        ],
      },
      "ALTER PUBLICATION to_warehouse SET (publish = 'insert, update, delete, truncate', publish_via_partition_root = false);",
    ]);
    expect(renderAlterPublication(publication(), publication({ allTables: true, tables: [] }))).toBeNull();
  });
});

describe("publication plans", () => {
  it("created after its tables with its comment, no hazard; dropped with PUBLICATION_DROP, blocking", () => {
    const pub = publication({
      comment: "orders to the warehouse",
      tables: [entry("orders", { columns: ["id", "total"] })],
    });
    const created = steps(makeState({}), state([pub]));
    expect(created.map((s) => s.sql).slice(-2)).toEqual([
      "CREATE PUBLICATION to_warehouse FOR TABLE ONLY orders (id, total);",
      "COMMENT ON PUBLICATION to_warehouse IS 'orders to the warehouse';",
    ]);
    const at = (text: string) => created.findIndex((s) => s.sql.startsWith(text));
    expect(at("CREATE TABLE orders")).toBeLessThan(at("CREATE PUBLICATION"));
    expect(created.flatMap((s) => s.hazards)).toEqual([]);

    const dropped = plan(state([pub]), state([]));
    expect(dropped.steps.map((s) => [s.sql, s.hazards.map((h) => h.kind)])).toEqual([
      ["DROP PUBLICATION to_warehouse;", ["PUBLICATION_DROP"]],
    ]);
    expect(blockingHazards(dropped, ["DATA_LOSS"])).toHaveLength(1);
    expect(blockingHazards(dropped, ["PUBLICATION_DROP"])).toHaveLength(0);
  });

  it("a table leaving before the table is dropped; a column leaving the list before the column is dropped", () => {
    const narrow = table("public", "orders", [
      ["id", "integer"],
      ["total", "integer"],
    ]);
    const current = state([
      publication({ tables: [entry("Events", {}, "app"), entry("orders", { columns: ["id", "note"] })] }),
    ]);
    const desired = makeState({
      schemas: [schema("app")],
      tables: [narrow],
      publications: [publication({ tables: [entry("orders", { columns: ["id"] })] })],
    });
    expect(sql(current, desired)).toEqual([
      'ALTER PUBLICATION to_warehouse DROP TABLE ONLY app."Events", ONLY orders;',
      "ALTER PUBLICATION to_warehouse ADD TABLE ONLY orders (id);",
      "ALTER TABLE orders DROP COLUMN note;",
      'DROP TABLE app."Events";',
    ]);
  });

  it("FOR ALL TABLES added: dropped and created again, with the hazard", () => {
    const result = steps(state([publication()]), state([publication({ allTables: true, tables: [] })]));
    expect(result.map((s) => [s.sql, s.hazards.map((h) => h.kind)])).toEqual([
      ["DROP PUBLICATION to_warehouse;", ["PUBLICATION_DROP"]],
      ["CREATE PUBLICATION to_warehouse FOR ALL TABLES;", []],
    ]);
  });

  it("an unchanged publication plans nothing; a new owner is ALTER … OWNER TO (manageOwners)", () => {
    expect(sql(state([publication()]), state([publication()]))).toEqual([]);
    const owners = plan(state([publication()]), state([publication({ owner: "replicator" })]), {
      options: { manageOwners: true },
    });
    expect(owners.steps.map((s) => s.sql)).toEqual(["ALTER PUBLICATION to_warehouse OWNER TO replicator;"]);
  });

  it("--schemas keeps a publication of a managed table, not FOR ALL TABLES", () => {
    const filtered = (publications: readonly Publication[]) =>
      makeState(
        { schemas: [schema("app")], tables: [orders, events], publications },
        { managedSchemas: ["app"] },
      );
    expect(sql(filtered([publication({ tables: [entry("Events", {}, "app")] })]), filtered([]))).toEqual([
      "DROP PUBLICATION to_warehouse;",
    ]);
    expect(sql(filtered([publication({ allTables: true, tables: [] })]), filtered([]))).toEqual([]);
  });

  it("follows a renamed table", () => {
    const renamed = table("public", "purchases", [
      ["id", "integer"],
      ["total", "integer"],
      ["note", "text"],
    ]);
    const desired = makeState({
      schemas: [schema("app")],
      tables: [renamed, events],
      publications: [publication({ tables: [entry("purchases")] })],
    });
    const result = plan(state([publication()]), desired, {
      renames: [{ kind: "table", from: ids.table("public", "orders"), to: ids.table("public", "purchases") }],
    });
    expect(result.steps.map((s) => s.sql)).toEqual(["ALTER TABLE orders RENAME TO purchases;"]);
  });
});
