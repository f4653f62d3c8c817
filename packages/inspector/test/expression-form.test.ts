/**
 * The read-back form (read/expression-form.ts) checked against the server itself: for each
 * expression a user may write, the text the inspector stores must be the text PostgreSQL prints
 * after reading that very text back — in the plain style (CHECK constraints) and the pretty one
 * (views). A deparser case the rewrite does not know fails here by name.
 */
import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { readBackForm } from "../src/read/expression-form.js";

const COLUMNS = `v varchar(10), c char(3), t text, e mood, d short_code, dt text_code, n numeric(10,2), i integer,
  b bigint, ts timestamptz, va varchar(10)[], arr text[], ci cidr, nm name, j jsonb`;

const EXPRESSIONS = [
  "v IN ('a', 'b')",
  "v NOT IN ('a', 'b')",
  "v IN ('it''s', NULL)",
  "v IN (upper('a'), 'b')",
  "coalesce(v, t) IN ('a', 'b')",
  "v::varchar(5) IN ('a', 'b')",
  "va[1] IN ('a', 'b')",
  "c IN ('a', 'b')",
  "t IN ('a', 'b')",
  "e IN ('ok', 'sad')",
  "d IN ('a', 'b')",
  "dt IN ('a', 'b')",
  "ci IN ('10.0.0.0/8', '192.168.0.0/16')",
  "nm IN ('a', 'b')",
  "v = ANY (ARRAY['a', 'b'])",
  "v = ANY ('{a,b}')",
  "v <> ALL (ARRAY['x'])",
  "i BETWEEN 1 AND 10",
  "i NOT BETWEEN SYMMETRIC 10 AND 1",
  "v COLLATE \"C\" > 'a'",
  "n::integer > 0 AND n > 1.5",
  "ts > now() - interval '1 day' AND ts < CURRENT_TIMESTAMP",
  "arr <> '{}' AND va = ARRAY['a']::varchar[]",
  "(i, b) > (1, 2) AND ROW(i, t) IS DISTINCT FROM ROW(1, 'x')",
  "j ->> 'k' IN ('a', 'b')",
  "CASE WHEN i > 0 THEN v ELSE 'z' END IN ('a', 'z')",
  "v IN ('a', 'b') AND i IN (1, 2) OR e::text IN ('ok')",
];

describe("readBackForm on a real server", () => {
  test("stores every expression in the form PostgreSQL reads back unchanged (CHECK and view text)", async ({
    db,
  }) => {
    await db.query(`
      CREATE TYPE mood AS ENUM ('ok', 'sad');
      CREATE DOMAIN short_code AS varchar(5);
      CREATE DOMAIN text_code AS text;
      CREATE TABLE probe (${COLUMNS});`);
    const deparse = async (expression: string) => {
      await db.query(`ALTER TABLE probe ADD CONSTRAINT k CHECK (${expression}) NOT VALID`);
      await db.query(`CREATE VIEW w AS SELECT 1 AS one FROM probe WHERE ${expression}`);
      const { rows } = await db.query<{ check: string; view: string }>(
        `SELECT pg_get_expr(conbin, conrelid) AS check, pg_get_viewdef('w'::regclass, true) AS view
           FROM pg_constraint WHERE conname = 'k' AND conrelid = 'probe'::regclass`,
      );
      await db.query("ALTER TABLE probe DROP CONSTRAINT k; DROP VIEW w");
      return rows[0]!;
    };
    const unstable: string[] = [];
    for (const expression of EXPRESSIONS) {
      const first = await deparse(expression);
      const check = readBackForm(first.check, "plain");
      const view = readBackForm(first.view, "pretty");
      const again = await deparse(check);
      const whereClause = /\bWHERE\s([\s\S]*);$/.exec(view)?.[1];
      if (whereClause === undefined) throw new Error(`no WHERE in ${JSON.stringify(view)}`);
      const againFromView = await deparse(whereClause);
      if (again.check !== check) unstable.push(`${expression}\n  stored ${check}\n  reads  ${again.check}`);
      if (againFromView.view !== view)
        unstable.push(`${expression} (view)\n  stored ${view}\n  reads  ${againFromView.view}`);
      expect(readBackForm(check, "plain")).toBe(check);
      expect(readBackForm(view, "pretty")).toBe(view);
    }
    expect(unstable).toEqual([]);
  });
});
