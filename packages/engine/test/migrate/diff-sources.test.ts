import path from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { diffSources, dumpSchema } from "../../src/index.js";

const REPO = fileURLToPath(new URL("../../../../", import.meta.url));

describe("diffSources", () => {
  test("two files, normalized in an embedded PostgreSQL: the README's main job", async () => {
    const result = await diffSources({
      from: path.join(REPO, "fixtures/examples/before.sql"),
      to: path.join(REPO, "fixtures/examples/after.sql"),
    });
    const sql = result.plan.steps.map((s) => s.sql);
    expect(sql).toContain("ALTER TABLE user_accounts RENAME TO users;");
    expect(sql).toContain("ALTER TABLE users RENAME COLUMN email_address TO email;");
    expect(sql.some((s) => s.startsWith("ALTER TABLE users DROP COLUMN legacy_phone"))).toBe(true);
  }, 120_000);

  test("a database against itself is empty; a dump of it diffs empty against it", async ({ db }) => {
    await db.query(
      "create table t (id int primary key, name text not null default 'x'); create index t_name on t (name)",
    );
    expect((await diffSources({ from: db.url, to: db.url })).plan.steps).toEqual([]);
    const { sql } = await dumpSchema(db.url);
    expect(sql).toContain("CREATE TABLE t");
  });
});
