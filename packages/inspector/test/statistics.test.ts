import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { inspect } from "../src/index.js";

describe("statistics objects and collations", () => {
  test("every statistics field, and the catalog edges that order them", async ({ db }) => {
    await db.query(`
      create schema app;
      create table app.addresses (id int, city text, zip text, email text);
      create materialized view app.cities as select distinct city, zip from app.addresses;
      create statistics app.city_zip (ndistinct, dependencies) on city, zip from app.addresses;
      create statistics app.all_kinds on city, zip from app.addresses;
      create statistics app.domain on (split_part(email, '@', 2)) from app.addresses;
      create statistics app.cities_stats on city, zip from app.cities;
      alter statistics app.all_kinds set statistics 500;
      comment on statistics app.city_zip is 'zip implies city';
    `);
    const state = await inspect(db.url);
    expect(state.statistics["statistics:app.city_zip"]).toEqual({
      kind: "statistics",
      id: "statistics:app.city_zip",
      schema: "app",
      name: "city_zip",
      table: "table:app.addresses",
      statisticsKinds: ["ndistinct", "dependencies"],
      columns: "city, zip",
      target: null,
      owner: expect.any(String),
      comment: "zip implies city",
    });
    expect(state.statistics["statistics:app.all_kinds"]).toMatchObject({
      statisticsKinds: ["ndistinct", "dependencies", "mcv"],
      target: 500,
    });
    expect(state.statistics["statistics:app.domain"]).toMatchObject({ statisticsKinds: [] });
    expect(state.statistics["statistics:app.domain"]?.columns).toContain("split_part(email, '@'::text, 2)");
    expect(state.statistics["statistics:app.cities_stats"]?.table).toBe("materialized_view:app.cities");
    expect(state.dependencies).toContainEqual({
      dependent: "statistics:app.city_zip",
      referenced: "column:app.addresses.city",
    });
  });

  test("collations: ICU and libc, comments, and the columns that use them", async ({ db }) => {
    await db.query(`
      create collation public.ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
      create collation public.c_copy from "C";
      comment on collation public.ci is 'case-insensitive';
      create table users (email text collate public.ci);
    `);
    const state = await inspect(db.url);
    expect(state.collations["collation:public.ci"]).toEqual({
      kind: "collation",
      id: "collation:public.ci",
      schema: "public",
      name: "ci",
      provider: "icu",
      locale: "und-u-ks-level2",
      lcCollate: null,
      lcCtype: null,
      deterministic: false,
      rules: null,
      owner: expect.any(String),
      comment: "case-insensitive",
    });
    expect(state.collations["collation:public.c_copy"]).toMatchObject({
      provider: "libc",
      locale: null,
      lcCollate: "C",
      lcCtype: "C",
      deterministic: true,
    });
    expect(state.dependencies).toContainEqual({
      dependent: "column:public.users.email",
      referenced: "collation:public.ci",
    });
  });
});
