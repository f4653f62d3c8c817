/**
 * Issue 14, the fault suite's "injection through names, labels, defaults and comments": text that
 * would end a literal or an identifier and run a statement of its own, in every place where a plan
 * renders a name or a value (CREATE, ADD VALUE, SET DEFAULT, COMMENT, RENAME). Names and values are
 * data (core/src/sql/quote.ts): each payload arrives in the catalog exactly as written, and the
 * statement it carries never runs (the canary table and its row stay).
 */
import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { count, FAULT_TEST_TIMEOUT_MS, plan, run } from "./resume-support.js";

/** Each closes a quote of one kind and then drops the canary. */
const IN_LITERAL = "x'); DROP TABLE canary; --";
const IN_DOLLAR = "$$; DROP TABLE canary; $$";
const IN_IDENT = 'q"; DROP TABLE canary; --';

/** `text` as a standard SQL string literal, written by hand: the test must not use the code it tests. */
const lit = (text: string) => `'${text.replaceAll("'", "''")}'`;
const ident = (text: string) => `"${text.replaceAll('"', '""')}"`;

describe("injection through names, labels, defaults and comments", { timeout: FAULT_TEST_TIMEOUT_MS }, () => {
  test("every payload reaches the catalog as written and runs nothing; a re-plan is empty", async ({
    db,
  }) => {
    await db.query(`
      create table canary (id int);
      insert into canary values (1);
      create type mood as enum ('ok');
      create table accounts (id bigint primary key, note text, legacy text, feeling mood);
      comment on table accounts is 'old';
      insert into accounts values (1, 'n', 'kept', 'ok');`);
    const desired = `
CREATE TABLE canary (id int);
CREATE TYPE mood AS ENUM ('ok', ${lit(IN_LITERAL)}, ${lit(IN_DOLLAR)});
CREATE TABLE accounts (
  id bigint PRIMARY KEY,
  note text DEFAULT ${lit(IN_LITERAL)},
  ${ident(IN_IDENT)} text, -- @renamed from=legacy
  feeling mood
);
COMMENT ON TABLE accounts IS ${lit(`${IN_LITERAL} ${IN_DOLLAR} \\`)};
COMMENT ON COLUMN accounts.note IS ${lit(IN_DOLLAR)};
CREATE TABLE ${ident(IN_IDENT)} (
  ${ident(IN_LITERAL)} text DEFAULT ${lit(IN_DOLLAR)} CHECK (${ident(IN_LITERAL)} <> ${lit(IN_LITERAL)})
);
`;
    const planned = await plan(db, desired);
    const sql = planned.plan.steps.map((step) => step.sql).join("\n");
    for (const kind of ["ADD VALUE", "SET DEFAULT", "RENAME COLUMN", "COMMENT ON TABLE", "CREATE TABLE"]) {
      expect(sql, `the plan should exercise ${kind}`).toContain(kind);
    }
    const applied = await run(db, desired);
    expect(applied.status).toBe("applied");

    expect(await count(db, "canary")).toBe(1);
    const labels = await db.query<{ label: string }>(
      "select enumlabel as label from pg_enum where enumtypid = 'mood'::regtype order by enumsortorder",
    );
    expect(labels.rows.map((row) => row.label)).toEqual(["ok", IN_LITERAL, IN_DOLLAR]);
    const columns = await db.query<{ table: string; name: string; def: string | null }>(
      `select c.relname as table, a.attname as name, pg_get_expr(d.adbin, d.adrelid) as def
         from pg_attribute a join pg_class c on c.oid = a.attrelid
         left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where c.relname in ('accounts', $1) and a.attnum > 0 and not a.attisdropped
        order by c.relname, a.attnum`,
      [IN_IDENT],
    );
    expect(columns.rows).toEqual([
      { table: "accounts", name: "id", def: null },
      { table: "accounts", name: "note", def: `${lit(IN_LITERAL)}::text` },
      { table: "accounts", name: IN_IDENT, def: null },
      { table: "accounts", name: "feeling", def: null },
      { table: IN_IDENT, name: IN_LITERAL, def: `${lit(IN_DOLLAR)}::text` },
    ]);
    const comments = await db.query<{ onTable: string | null; onColumn: string | null }>(
      `select obj_description('accounts'::regclass, 'pg_class') as "onTable",
              col_description('accounts'::regclass, 2) as "onColumn"`,
    );
    expect(comments.rows).toEqual([{ onTable: `${IN_LITERAL} ${IN_DOLLAR} \\`, onColumn: IN_DOLLAR }]);
    // the renamed column kept its row; the CHECK holds the payload as a value, not as code
    const kept = await db.query(`select ${ident(IN_IDENT)} as v from accounts`);
    expect(kept.rows).toEqual([{ v: "kept" }]);
    await expect(db.query(`insert into ${ident(IN_IDENT)} values (${lit(IN_LITERAL)})`)).rejects.toThrow(
      /violates check constraint/,
    );

    expect((await plan(db, desired)).plan.steps).toEqual([]);
  });
});
