import { test } from "@pg-flux/testkit";
import type pg from "pg";
import { describe, expect } from "vitest";
import { INSPECTOR_QUERY_COUNT, inspect, inspectWithStats } from "../src/index.js";
import { loadFixture } from "./fixtures.js";

/** Counts every statement a client sends, independently of the inspector's own count. */
function countQueries(client: pg.Client): { readonly sent: string[] } {
  const sent: string[] = [];
  const original = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const first = args[0];
    sent.push(typeof first === "string" ? first : "<config>");
    return original(...args);
  };
  return { sent };
}

function tablesSql(count: number): string {
  return Array.from(
    { length: count },
    (_, i) => `create table public.t${i} (id int primary key, v text default 'x', n int check (n > 0));
      create index t${i}_v_idx on public.t${i} (v);`,
  ).join("\n");
}

describe("one inspection", () => {
  test("issues the same fixed number of queries for 3 tables and for 60", async ({ db }) => {
    await db.query("create schema small; create schema big;");
    await db.query(tablesSql(3).replaceAll("public.", "small."));
    await db.query(tablesSql(60).replaceAll("public.", "big."));

    const client = await db.connect();
    // read before counting starts; a role-level search_path set by another test on this server is fine
    const before = (await client.query<{ search_path: string }>("show search_path")).rows[0]?.search_path;
    expect(before).toMatch(/public/);
    const { sent } = countQueries(client);
    const small = await inspectWithStats(client, { schemas: ["small"] });
    const smallCount = sent.length;
    const big = await inspectWithStats(client, { schemas: ["big"] });
    const bigCount = sent.length - smallCount;

    expect(Object.keys(small.state.tables)).toHaveLength(3);
    expect(Object.keys(big.state.tables)).toHaveLength(60);
    expect(smallCount).toBe(INSPECTOR_QUERY_COUNT);
    expect(bigCount).toBe(INSPECTOR_QUERY_COUNT);
    expect(small.queries).toBe(INSPECTOR_QUERY_COUNT);
    expect(big.queries).toBe(INSPECTOR_QUERY_COUNT);
    expect(sent[0]).toBe("begin isolation level repeatable read read only");
    expect(sent[1]).toBe("set local search_path = ''");
    expect(sent[2]).toBe("set local lock_timeout = '5s'");
    expect(sent[smallCount - 1]).toBe("commit");
    expect(big.ms).toBeGreaterThan(0);
    // The caller's client stays open and usable, with its own search_path untouched.
    const path = await client.query<{ search_path: string }>("show search_path");
    expect(path.rows[0]?.search_path).toBe(before);
  });

  test("is deterministic: twice deep-equal, and equal after a JSON round trip", async ({ db }) => {
    for (const name of [
      "tables",
      "constraints",
      "indexes",
      "views",
      "functions",
      "triggers",
      "types",
      "policies",
    ]) {
      await loadFixture(db, name);
    }
    const first = await inspect(db.url);
    const second = await inspect(db.url);
    expect(second).toEqual(first);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
    for (const collection of ["tables", "indexes", "constraints", "functions", "types"] as const) {
      const keys = Object.keys(first[collection]);
      expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
  });

  test("records the server version", async ({ db }) => {
    const state = await inspect(db.url);
    expect(state.server.major).toBe(db.server.major);
    expect(state.server.serverVersionNum).toBe(db.server.serverVersionNum);
    expect(state.managedSchemas).toBeNull();
  });

  test("a bad URL fails with a runtime error that does not show the password", async () => {
    const error = await inspect("postgres://someone:s3cret-pw@127.0.0.1:1/nowhere").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "runtime" });
    expect(String((error as Error).message)).not.toContain("s3cret-pw");
    expect(String((error as Error).message)).toContain("***");
  });
});
