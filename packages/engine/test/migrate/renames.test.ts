import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { applyMigration, planMigration } from "../../src/index.js";

const source = (text: string) => [{ name: "schema.sql", text }];

describe("rename hints reach the planner", () => {
  test("@renamed-value renames an enum label that also moved position; rows keep their value", async ({
    db,
  }) => {
    await db.query(`
      create type status as enum ('review', 'published');
      create table posts (id int primary key, status status not null);
      insert into posts values (1, 'review'), (2, 'published');`);
    // Without the hint the first position would read as 'review' → 'draft' (a rename) and
    // 'in_review' as a new value; the hint says which label is which.
    const desired = [
      "CREATE TYPE status AS ENUM (",
      "  'draft',",
      "  'in_review', -- @renamed-value from='review'",
      "  'published'",
      ");",
      "CREATE TABLE posts (id int PRIMARY KEY, status status NOT NULL);",
    ].join("\n");
    const { plan } = await planMigration({ databaseUrl: db.url, sources: source(desired) });
    const sql = plan.steps.map((step) => step.sql);
    expect(sql).toContain("ALTER TYPE status RENAME VALUE 'review' TO 'in_review';");
    expect(sql.some((s) => /ADD VALUE 'draft' BEFORE 'in_review'/.test(s))).toBe(true);
    expect(plan.steps.flatMap((step) => step.hazards)).toEqual([]);
    expect((await applyMigration({ databaseUrl: db.url, plan })).status).toBe("applied");
    const rows = await db.query("select id, status::text as status from posts order by id");
    expect(rows.rows).toEqual([
      { id: 1, status: "in_review" },
      { id: 2, status: "published" },
    ]);
    const again = await planMigration({ databaseUrl: db.url, sources: source(desired) });
    expect(again.plan.steps).toEqual([]);
  });
});
