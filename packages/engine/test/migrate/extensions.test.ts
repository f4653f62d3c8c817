import { PgFluxError } from "@pg-flux/core";
import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { planMigration } from "../../src/index.js";

/**
 * A non-relocatable extension moves schema only by DROP + CREATE. What uses its objects (read from
 * pg_depend: a reference to an extension's function or type is one to the extension) goes with the
 * DROP: views, defaults, CHECKs, indexes, policies and SQL-standard bodies are put back around it
 * (recipe extension-move-non-relocatable-dependents); a generated column or a domain cannot be, so
 * the plan is refused before anything runs, naming them (issue 15, class 6).
 */
describe("a non-relocatable extension that a generated column and a domain use", () => {
  test("moving it is refused at plan time, naming them and what to do", async ({ db }) => {
    await db.query(`
      create schema s1; create schema s2;
      create extension xml2 schema s1;
      create domain titled as text check (s1.xpath_string(value, '/t') <> '');
      create view titles as select s1.xpath_string('<t>x</t>', '/t') as title;
      create table docs (id int primary key, body titled,
        title text generated always as (s1.xpath_string(body, '/t')) stored)`);
    const desired = [
      "CREATE SCHEMA s1; CREATE SCHEMA s2;",
      "CREATE EXTENSION xml2 SCHEMA s2;",
      "CREATE DOMAIN titled AS text CHECK (s2.xpath_string(VALUE, '/t') <> '');",
      "CREATE VIEW titles AS SELECT s2.xpath_string('<t>x</t>', '/t') AS title;",
      "CREATE TABLE docs (id int PRIMARY KEY, body titled,",
      "  title text GENERATED ALWAYS AS (s2.xpath_string(body, '/t')) STORED);",
    ].join("\n");
    const error = await planMigration({
      databaseUrl: db.url,
      sources: [{ name: "s.sql", text: desired }],
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PgFluxError);
    expect((error as PgFluxError).code).toBe("refused");
    // the view is not named: it is dropped before the move and created again after it
    expect((error as PgFluxError).message).toBe(
      "cannot move extension xml2 from schema s1 to s2: it is not relocatable (PostgreSQL refuses ALTER EXTENSION … SET SCHEMA for it), and moving it means DROP EXTENSION + CREATE EXTENSION, which would take along what uses its objects and cannot be put back around it: column:public.docs.title, type:public.titled",
    );
    expect((error as PgFluxError).hint).toContain("keep it in s1 in the schema files");
    // nothing ran
    const { rows } = await db.query(
      "select extnamespace::regnamespace::text as schema from pg_extension where extname = 'xml2'",
    );
    expect(rows).toEqual([{ schema: "s1" }]);
  });
});
