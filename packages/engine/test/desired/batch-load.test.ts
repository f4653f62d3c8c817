import { loadDesiredState } from "@pg-flux/engine";
import { scratchHostForFile, test, testServer } from "@pg-flux/testkit";
import { afterAll, describe, expect } from "vitest";
import { errorText, leftoverScratchDatabases } from "./support.js";

afterAll(async () => {
  expect(await leftoverScratchDatabases(testServer().adminUrl)).toEqual([]);
});

const scratch = scratchHostForFile();

/** `count` tables `t1 … t<count>`, one per line, each with an index on its own line after it. */
function tables(from: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    return `CREATE TABLE t${n} (id bigint PRIMARY KEY, name text); CREATE INDEX t${n}_name ON t${n} (name);`;
  });
}

/**
 * The scratch load sends runs of statements as one query (a transaction, a savepoint per statement):
 * these cases prove a failure inside such a run is still reported from that statement alone.
 */
describe("loading in batches", () => {
  test("a failing statement inside a batch is reported at its exact file:line:col", async ({ db }) => {
    const lines = [
      "CREATE SCHEMA app;",
      "SET search_path = app;",
      ...tables(1, 30),
      "CREATE VIEW named AS SELECT id, nmae FROM t3;",
      ...tables(31, 30),
      "CREATE INDEX t40_missing ON t40 (nosuch);",
      ...tables(61, 10),
    ];
    const text = await errorText(
      loadDesiredState([{ name: "big.sql", text: `${lines.join("\n")}\n` }], {
        host: scratch(),
        targetUrl: db.url,
      }),
    );
    expect(text).toBe(
      [
        'big.sql:33:33: column "nmae" does not exist',
        "  33 | CREATE VIEW named AS SELECT id, nmae FROM t3;",
        "                                       ^",
        '  hint: Perhaps you meant to reference the column "t3.name".',
        "",
        // the server gives no position for this one: the statement's start
        'big.sql:64:1: column "nosuch" does not exist',
        "  64 | CREATE INDEX t40_missing ON t40 (nosuch);",
        "       ^",
      ].join("\n"),
    );
  });

  test("the statements around a failing one load with the SETs of their place", async ({ db }) => {
    // the view fails on the first pass (its table comes later, hidden in a DO block the AST cannot
    // read), is retried after the others, and loads; the search_path applies to every statement
    const desired = await loadDesiredState(
      [
        {
          name: "a.sql",
          text: [
            "CREATE SCHEMA app;",
            "SET search_path = app;",
            ...tables(1, 20),
            "CREATE VIEW late AS SELECT id FROM made_by_do;",
            ...tables(21, 20),
            "DO $$ BEGIN EXECUTE 'CREATE TABLE app.made_by_do (id int)'; END $$;",
          ].join("\n"),
        },
      ],
      { host: scratch(), targetUrl: db.url },
    );
    expect(Object.keys(desired.state.tables)).toHaveLength(41);
    expect(desired.state.tables["table:app.t40"]).toBeDefined();
    expect(Object.keys(desired.state.indexes)).toContain("index:app.t40_name");
    expect(Object.keys(desired.state.views)).toEqual(["view:app.late"]);
  });

  test("statements that cannot share a transaction load", async ({ db }) => {
    const desired = await loadDesiredState(
      [
        {
          name: "s.sql",
          text: [
            "CREATE TYPE status AS ENUM ('active');",
            ...tables(1, 5),
            "ALTER TYPE status ADD VALUE 'archived';",
            // uses the new value: only possible once the ADD VALUE committed
            "CREATE TABLE docs (id int, s status NOT NULL DEFAULT 'archived');",
            "CREATE INDEX CONCURRENTLY docs_s ON docs (s);",
            // a DO block that commits cannot run inside a transaction block: its batch falls back
            "DO $$ BEGIN COMMIT; END $$;",
            ...tables(6, 5),
          ].join("\n"),
        },
      ],
      { host: scratch(), targetUrl: db.url },
    );
    expect(desired.state.types["type:public.status"]).toMatchObject({
      kind: "enum",
      labels: ["active", "archived"],
    });
    expect(Object.keys(desired.state.indexes)).toContain("index:public.docs_s");
    expect(Object.keys(desired.state.tables)).toHaveLength(11);
  });
});

describe("statements that never load", () => {
  test("a dependency cycle is reported as a cycle naming each statement", async ({ db }) => {
    const text = await errorText(
      loadDesiredState(
        [
          { name: "a.sql", text: "CREATE TABLE a (id int PRIMARY KEY, b_id int REFERENCES b);\n" },
          { name: "b.sql", text: "CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a);\n" },
        ],
        { host: scratch(), targetUrl: db.url },
      ),
    );
    // b loads first (a references it) and fails first: the cycle is reported from there; the server
    // names no position in a REFERENCES clause
    expect(text).toBe(
      [
        'b.sql:1:1: dependency cycle: b.sql:1:1 → a.sql:1:1 → b.sql:1:1: each statement needs an object the next one defines (relation "a" does not exist)',
        "  1 | CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a);",
        "      ^",
        "  hint: break the cycle: e.g. add a foreign key with ALTER TABLE … ADD CONSTRAINT after both tables, or create a function with a stub body first and CREATE OR REPLACE it after what it uses",
        "",
        'a.sql:1:1: relation "b" does not exist',
        "  1 | CREATE TABLE a (id int PRIMARY KEY, b_id int REFERENCES b);",
        "      ^",
      ].join("\n"),
    );
  });
});
