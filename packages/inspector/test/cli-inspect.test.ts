import { main } from "@pg-flux/cli";
import type { SchemaState } from "@pg-flux/core";
import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";

function capture(env: NodeJS.ProcessEnv, isTTY = false) {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    stdout: (text: string) => void out.push(text),
    stderr: (text: string) => void err.push(text),
    isTTY,
    env,
    cwd: process.cwd(),
  };
  return { io, out: () => out.join(""), err: () => err.join("") };
}

describe("pg-flux inspect", () => {
  test("prints the state as JSON when stdout is not a terminal; DATABASE_URL is the default", async ({
    db,
  }) => {
    await db.query(
      "create schema app; create table app.t (id int primary key); create table public.u (n int);",
    );
    const run = capture({ DATABASE_URL: db.url });
    expect(await main(["inspect", "--schemas", "app"], run.io)).toBe(0);
    const state = JSON.parse(run.out()) as SchemaState;
    expect(Object.keys(state.tables)).toEqual(["table:app.t"]);
    expect(state.managedSchemas).toEqual(["app"]);
  });

  test("summary counts objects per kind and never shows the password", async ({ db }) => {
    // a subscription stays unmanaged for good; made without a connection or slot, and dropped
    // after: the database cannot be dropped while it exists
    await db.query(
      "create table public.a (id int primary key); create table public.b (id int); create publication p for table public.b; create subscription s connection 'dbname=nowhere' publication p with (connect = false, slot_name = none);",
    );
    const run = capture({}, true);
    const code = await main(["inspect", "--database-url", db.url], run.io).finally(() =>
      db.query("drop subscription s"),
    );
    expect(code).toBe(0);
    const text = run.out();
    expect(text).toMatch(/^ {2}tables +2$/m);
    expect(text).toMatch(/^ {2}indexes +1$/m);
    expect(text).toMatch(/^ {2}publications +1$/m);
    expect(text).toMatch(/^ {2}not managed +1 {2}\(left alone: subscription s\)$/m);
    expect(text).toMatch(/read with \d+ queries in \d+ ms/);
    const password = new URL(db.url).password;
    expect(password).not.toBe("");
    expect(text).not.toContain(password);
  });

  test("without a database it is an input error (exit 2)", async () => {
    const run = capture({});
    expect(await main(["inspect", "--format", "json"], run.io)).toBe(2);
    expect(run.err()).toContain("DATABASE_URL");
  });
});
