import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { inspect } from "../src/index.js";

describe("what the inspector leaves out", () => {
  test("system schemas, the flux ledger schema and extension members", async ({ db }) => {
    await db.query(`
      create schema flux;
      create table flux.ledger (id int);
      create extension if not exists citext;
      create table public.people (name public.citext);
      create temporary table scratch (n int);
    `);
    const state = await inspect(db.url);
    expect(Object.keys(state.schemas)).toEqual(["schema:public"]);
    expect(Object.keys(state.tables)).toEqual(["table:public.people"]);
    // citext's functions, operators' functions and type belong to the extension.
    expect(state.functions).toEqual({});
    expect(state.types).toEqual({});
    expect(state.extensions["extension:citext"]).toMatchObject({ name: "citext", schema: "public" });
    // A column of an extension's type is still recorded, by its qualified text.
    expect(state.tables["table:public.people"]?.columns[0]?.type).toMatchObject({
      text: "public.citext",
      schema: "public",
      name: "citext",
    });
  });

  test("the schemas filter hides other schemas but keeps references into them", async ({ db }) => {
    await db.query(`
      create schema a;
      create schema b;
      create table b.parent (id int primary key);
      create table a.child (id int primary key, parent_id int references b.parent);
      create view b.v as select id from a.child;
      create function b.f() returns int language sql as 'select 1';
      create extension if not exists pg_trgm schema b;
    `);
    const state = await inspect(db.url, { schemas: ["a"] });
    expect(state.managedSchemas).toEqual(["a"]);
    expect(Object.keys(state.schemas)).toEqual(["schema:a"]);
    expect(Object.keys(state.tables)).toEqual(["table:a.child"]);
    expect(state.views).toEqual({});
    expect(state.functions).toEqual({});
    // Extensions are listed when they live in a managed schema (plpgsql lives in pg_catalog).
    expect(state.extensions).toEqual({});
    expect(state.constraints["constraint:a.child.child_parent_id_fkey"]).toMatchObject({
      kind: "foreign_key",
      referencedTable: "table:b.parent",
      definition: "FOREIGN KEY (parent_id) REFERENCES b.parent(id)",
    });
    const both = await inspect(db.url, { schemas: ["a", "b"] });
    expect(Object.keys(both.tables)).toEqual(["table:a.child", "table:b.parent"]);
    expect(Object.keys(both.views)).toEqual(["view:b.v"]);
    expect(Object.keys(both.extensions)).toEqual(["extension:pg_trgm"]);
  });
});
