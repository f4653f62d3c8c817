import { inspect } from "@pg-flux/inspector";
import { scratchHostForFile, test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { applyMigration, planMigration } from "../../src/index.js";

const source = (text: string) => [{ name: "schema.sql", text }];

/** One embedded server for the file's plans. */
const scratch = scratchHostForFile();

/**
 * Two tables whose schema and name joined by a dot read the same: `"a.b".c` and `a."b.c"`. Their
 * ids differ (model/ids.ts quotes a name holding a dot), so neither hides the other.
 */
const TABLES = `
  CREATE SCHEMA "a.b";
  CREATE SCHEMA a;
  CREATE TABLE "a.b".c (id integer PRIMARY KEY);
  CREATE TABLE a."b.c" (id integer PRIMARY KEY);`;

describe("names holding a dot", () => {
  test('"a.b".c and a."b.c" are two tables: both inspected, one altered, re-plan empty', async ({ db }) => {
    await db.query(`${TABLES}
      INSERT INTO "a.b".c VALUES (1);
      INSERT INTO a."b.c" VALUES (2);`);
    const current = await inspect(db.url);
    expect(Object.keys(current.tables).sort()).toEqual(['table:"a.b".c', 'table:a."b.c"']);

    const desired = `${TABLES.replace('"a.b".c (id integer PRIMARY KEY)', '"a.b".c (id integer PRIMARY KEY, note text)')}`;
    const { plan } = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(desired),
    });
    expect(plan.steps.map((step) => step.sql)).toEqual(['ALTER TABLE "a.b".c ADD COLUMN note text;']);
    expect((await applyMigration({ databaseUrl: db.url, plan })).status).toBe("applied");
    const rows = await db.query(`SELECT (SELECT id FROM "a.b".c) AS one, (SELECT id FROM a."b.c") AS two`);
    expect(rows.rows).toEqual([{ one: 1, two: 2 }]);
    const again = await planMigration({
      scratchHost: scratch(),
      databaseUrl: db.url,
      sources: source(desired),
    });
    expect(again.plan.steps).toEqual([]);
  });
});
