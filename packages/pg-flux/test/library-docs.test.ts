import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "@pg-flux/testkit";
import { describe, expect, it } from "vitest";
import { renameColumn } from "../../../docs/examples/diff.js";
import { migrateTenants } from "../../../docs/examples/fleet.js";
import { dropLegacyColumn } from "../../../docs/examples/hazards.js";
import { review } from "../../../docs/examples/pipeline.js";
import { migrate } from "../../../docs/examples/plan-and-apply.js";
import { deploy } from "../../../docs/examples/push.js";

const DOCS = fileURLToPath(new URL("../../../docs/", import.meta.url));
const PUSH_PROJECT = fileURLToPath(new URL("../../../fixtures/push/config/", import.meta.url));

describe("docs/library.md", () => {
  it("shows every example file verbatim, and each ts block is one of them", () => {
    const markdown = readFileSync(path.join(DOCS, "library.md"), "utf8");
    const blocks = [...markdown.matchAll(/<!-- (docs\/examples\/[\w-]+\.ts) -->\n```ts\n([\s\S]*?)```/g)];
    const files = readdirSync(path.join(DOCS, "examples")).filter((f) => f.endsWith(".ts"));
    expect(blocks.map((b) => path.basename(b[1]!)).sort()).toEqual(files.sort());
    for (const [, file, code] of blocks) {
      expect(code, file).toBe(readFileSync(path.join(DOCS, "..", file!), "utf8"));
    }
    const tsBlocks = markdown.match(/```ts\n/g) ?? [];
    expect(tsBlocks.length).toBe(blocks.length);
  });
});

describe("the library examples run", () => {
  test("plan-and-apply.ts", async ({ db }) => {
    const output = await migrate(db.url);
    expect(output).toContain("CREATE TABLE users");
    expect(output).toMatch(/-- applied \d+ step\(s\)/);
    expect(await migrate(db.url)).toBe("-- nothing to do\n");
  });

  test("hazards.ts", async ({ db }) => {
    await db.query("create table users (id bigint primary key, legacy_phone text)");
    expect(await dropLegacyColumn(db.url)).toEqual([
      "DATA_LOSS: ALTER TABLE users DROP COLUMN legacy_phone;",
      "refused",
      "applied",
    ]);
  });

  test("pipeline.ts", async ({ db }) => {
    const { sql, markdown } = await review(db.url);
    expect(sql).toContain("CREATE TABLE events");
    expect(markdown).toContain("```mermaid");
  });

  test("push.ts", async ({ db }) => {
    expect(await deploy(db.url, PUSH_PROJECT)).toEqual([
      "pending migrations/0001_items.sql",
      "pending migrations/0002_item_notes.sql",
      "applied migrations/0001_items.sql",
      "applied migrations/0002_item_notes.sql",
    ]);
    const { rows } = await db.query<{ version: string }>(
      "select version from flux.flux_migrations order by version",
    );
    expect(rows.map((row) => row.version)).toEqual(["0001", "0002"]);
    expect(await deploy(db.url, PUSH_PROJECT)).toEqual(["nothing to do"]);
  });

  test("diff.ts", async ({ db }) => {
    await db.query("create table users (id bigint primary key, email_address text not null)");
    expect(await renameColumn(db.url)).toBe("ALTER TABLE users RENAME COLUMN email_address TO email;\n");
  });

  test("fleet.ts", async ({ db }) => {
    for (const tenant of ["t_a_api", "t_b_api"]) {
      await db.query(
        `create schema ${tenant}; create table ${tenant}.items (id bigint primary key, title text not null)`,
      );
    }
    expect(await migrateTenants(db.url)).toEqual(["t_a_api: applied", "t_b_api: applied"]);
    const { rows } = await db.query(
      "select count(*)::int as n from pg_indexes where indexname = 'items_title'",
    );
    expect(rows).toEqual([{ n: 2 }]);
    expect(await migrateTenants(db.url)).toEqual(["t_a_api: nothing_to_do", "t_b_api: nothing_to_do"]);
  });
});
