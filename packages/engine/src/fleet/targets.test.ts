import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { InvalidInputError } from "@pg-flux/core";
import { expect, test } from "vitest";
import { parseTenantSelector, readTargetsFile } from "./targets.js";

function file(json: unknown): { dir: string; name: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "pgflux-fleet-"));
  writeFileSync(path.join(dir, "targets.json"), typeof json === "string" ? json : JSON.stringify(json));
  return { dir, name: "targets.json" };
}

test("--schemas: a value with % is a LIKE pattern, otherwise a comma list", () => {
  expect(parseTenantSelector("t_%_api")).toEqual({ kind: "like", pattern: "t_%_api" });
  expect(parseTenantSelector("t_a_api, t_b_api")).toEqual({ kind: "list", schemas: ["t_a_api", "t_b_api"] });
  expect(() => parseTenantSelector(" , ")).toThrow(InvalidInputError);
});

test("a targets file: url or urlEnv, schemas or query, public by default", async () => {
  const { dir, name } = file({
    databases: [
      { name: "eu-1", urlEnv: "EU1_URL", schemas: "t_%_api" },
      { name: "us-1", url: "postgres://app@us-db/app" },
      { name: "ap-1", url: "postgres://app@ap-db/app", query: "select name from tenants" },
    ],
  });
  const databases = await readTargetsFile(name, { EU1_URL: "postgres://app:s3cret@eu-db/app" }, dir);
  expect(databases).toEqual([
    { name: "eu-1", url: "postgres://app:s3cret@eu-db/app", tenants: { kind: "like", pattern: "t_%_api" } },
    { name: "us-1", url: "postgres://app@us-db/app", tenants: { kind: "list", schemas: ["public"] } },
    {
      name: "ap-1",
      url: "postgres://app@ap-db/app",
      tenants: { kind: "query", sql: "select name from tenants" },
    },
  ]);
});

test("every problem of a targets file at once, and never a password", async () => {
  const { dir, name } = file({
    databases: [
      { name: "eu-1", url: "postgres://app:hunter22@eu-db/app", colour: "red" },
      { name: "eu-1", urlEnv: "MISSING_URL" },
      { url: "postgres://x@y/z", urlEnv: "A" },
    ],
  });
  const error = await readTargetsFile(name, {}, dir).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidInputError);
  const messages = (error as InvalidInputError).problems.map((p) => p.message).join("\n");
  expect(messages).toMatch(/databases\[0\]: unknown key "colour"/);
  expect(messages).toMatch(/databases\[0\]: url postgres:\/\/app:\*\*\*@eu-db\/app holds a password/);
  expect(messages).toMatch(/databases\[1\]: the environment variable MISSING_URL is not set/);
  expect(messages).toMatch(/databases\[2\]: name is required/);
  expect(messages).toMatch(/databases\[2\]: give exactly one of url and urlEnv/);
  expect(messages).not.toContain("hunter22");
});

test("a targets file that is not JSON, or has no databases", async () => {
  const bad = file("{ nope");
  await expect(readTargetsFile(bad.name, {}, bad.dir)).rejects.toThrow(/invalid JSON/);
  const empty = file({ databases: [] });
  await expect(readTargetsFile(empty.name, {}, empty.dir)).rejects.toThrow(/at least one database/);
  await expect(readTargetsFile("missing.json", {}, empty.dir)).rejects.toThrow(
    /cannot read the targets file/,
  );
});
