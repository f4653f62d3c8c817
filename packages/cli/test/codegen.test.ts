import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { cli, passwordOf, workdir } from "./helpers.js";

/**
 * Every plan starts an embedded PostgreSQL of the target's major (1–2 s, several times that on a
 * loaded machine); tests that plan several times get room for it.
 */
const PLANNING_TIMEOUT = 180_000;

const SCHEMA = [
  "CREATE TYPE status AS ENUM ('draft', 'published');",
  "CREATE TABLE posts (",
  "  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,",
  "  status status NOT NULL DEFAULT 'draft',",
  "  body jsonb -- @tstype { text: string }",
  ");",
  "",
].join("\n");

describe("pg-flux codegen", { timeout: PLANNING_TIMEOUT }, () => {
  test("writes the types from --source, then --check passes until the schema changes (exit 4)", async ({
    db,
  }) => {
    const dir = workdir({ "schema/posts.sql": SCHEMA });
    const env = { DATABASE_URL: db.url };
    const written = await cli(["codegen", "--source", "schema", "--out", "src/db.ts"], { cwd: dir, env });
    expect(written.stderr).toBe("Wrote src/db.ts.\n");
    expect(written.code).toBe(0);
    const generated = readFileSync(path.join(dir, "src/db.ts"), "utf8");
    expect(generated).toContain('export type Status = "draft" | "published";');
    expect(generated).toContain("  body: { text: string } | null;");

    const fresh = await cli(["codegen", "--source", "schema", "--out", "src/db.ts", "--check"], {
      cwd: dir,
      env,
    });
    expect([fresh.code, fresh.stderr]).toEqual([0, "src/db.ts is up to date.\n"]);

    writeFileSync(
      path.join(dir, "schema/posts.sql"),
      SCHEMA.replace("'published'", "'published', 'archived'"),
    );
    const stale = await cli(["codegen", "--source", "schema", "--out", "src/db.ts", "--check"], {
      cwd: dir,
      env,
    });
    expect(stale.code).toBe(4);
    expect(stale.stderr).toBe("src/db.ts is stale: run pg-flux codegen --out src/db.ts\n");
    expect(readFileSync(path.join(dir, "src/db.ts"), "utf8")).toBe(generated);
  });

  test("reads a live database; an invalid @tstype comment exits 2 and never prints the password", async ({
    db,
  }) => {
    await db.query("create table t (id int primary key, doc jsonb)");
    const ok = await cli(["codegen", "--database-url", db.url, "--out", "-", "--int8", "number"]);
    expect([ok.code, ok.stderr]).toEqual([0, ""]);
    expect(ok.stdout).toContain("export interface Database {\n  t: TTable;\n}");
    await db.query("comment on column t.doc is '@tstype { broken'");
    const bad = await cli(["codegen", "--database-url", db.url, "--out", "-"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^Error: @tstype on public\.t\.doc is not a valid TypeScript type/);
    expect(bad.stdout + bad.stderr).not.toContain(passwordOf(db.url));
  });
});
