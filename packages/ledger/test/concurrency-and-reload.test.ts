import { spawn } from "node:child_process";
import { once } from "node:events";
import { test } from "@pg-flux/testkit";
import type pg from "pg";
import { describe, expect } from "vitest";
import { pushMigrations } from "../src/push.js";
import { databaseTarget } from "../src/target.js";
import { copyFixture } from "./helpers.js";

describe("concurrent pushes", () => {
  test("two pushes at once both succeed and each migration is applied exactly once", async ({ db }) => {
    const cwd = copyFixture("slow");
    const push = () =>
      pushMigrations({ target: databaseTarget(db.url), path: "migrations", cwd, reload: { skip: true } });
    const results = await Promise.all([push(), push()]);
    expect(results.map((result) => result.status).sort()).toEqual(["applied", "nothing_to_do"]);
    const waited = results.find((result) => result.status === "nothing_to_do");
    // The second push waited for the first one's lock (0001 sleeps 0.5 s), then found its work done.
    expect(waited?.status === "nothing_to_do" && waited.lockWaitMs).toBeGreaterThan(100);
    const counter = await db.query<{ n: number }>("select count(*)::int as n from slow_counter");
    expect(counter.rows[0]?.n).toBe(1);
    const ledger = await db.query<{ n: number }>("select count(*)::int as n from flux.flux_migrations");
    expect(ledger.rows[0]?.n).toBe(2);
  });

  test("first pushes of two tenants at once both create-or-reuse the ledger safely", async ({ db }) => {
    await db.query("create schema t_one_api; create schema t_two_api");
    const cwd = copyFixture("tenant");
    const results = await Promise.all(
      ["t_one_api", "t_two_api"].map((tenant) =>
        pushMigrations({
          target: databaseTarget(db.url, tenant),
          path: "migrations",
          cwd,
          reload: { skip: true },
        }),
      ),
    );
    expect(results.map((result) => result.status)).toEqual(["applied", "applied"]);
    const ledger = await db.query<{ n: number }>("select count(*)::int as n from flux.flux_migrations");
    expect(ledger.rows[0]?.n).toBe(4);
  });
});

async function listen(client: pg.Client, channel: string): Promise<pg.Notification[]> {
  const received: pg.Notification[] = [];
  client.on("notification", (message) => received.push(message));
  await client.query(`listen ${channel}`);
  return received;
}

async function settle(client: pg.Client): Promise<void> {
  // A round trip on the listening connection delivers notifications already sent.
  await new Promise((resolve) => setTimeout(resolve, 50));
  await client.query("select 1");
}

describe("PostgREST reload", () => {
  test("NOTIFY pgrst, 'reload schema' arrives on a listening connection after SQL runs", async ({ db }) => {
    const listener = await db.connect();
    const received = await listen(listener, "pgrst");
    const cwd = copyFixture("moods");
    const result = await pushMigrations({ target: databaseTarget(db.url), path: "migrations", cwd });
    expect(result.status).toBe("applied");
    if (result.status !== "applied") return;
    expect(result.reload.notified).toBe("pgrst");
    expect(result.reload.message).toContain("stale-shape errors");
    await settle(listener);
    expect(received.map((message) => [message.channel, message.payload])).toEqual([
      ["pgrst", "reload schema"],
    ]);

    // Nothing applied: no reload.
    await pushMigrations({ target: databaseTarget(db.url), path: "migrations", cwd });
    await settle(listener);
    expect(received).toHaveLength(1);
  });

  test("the channel is configurable and the reload can be skipped", async ({ db }) => {
    const listener = await db.connect();
    const custom = await listen(listener, "api_reload");
    const defaults = await listen(listener, "pgrst");
    const cwd = copyFixture("scripts");
    await pushMigrations({
      target: databaseTarget(db.url),
      path: "seed.sql",
      cwd,
      reload: { channel: "api_reload" },
    });
    await pushMigrations({ target: databaseTarget(db.url), path: "seed.sql", cwd, reload: { skip: true } });
    await settle(listener);
    expect(custom.filter((message) => message.channel === "api_reload")).toHaveLength(1);
    expect(defaults.filter((message) => message.channel === "pgrst")).toHaveLength(0);
  });

  test("SIGUSR1 reaches the API process named by --api-pid", async ({ db }) => {
    const api = spawn(
      process.execPath,
      [
        "-e",
        "process.on('SIGUSR1', () => { console.log('reload'); process.exit(0); }); console.log('ready'); setInterval(() => {}, 1000);",
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      const [ready] = await once(api.stdout!, "data");
      expect(String(ready)).toContain("ready");
      const cwd = copyFixture("scripts");
      const exited = once(api, "exit");
      const result = await pushMigrations({
        target: databaseTarget(db.url),
        path: "seed.sql",
        cwd,
        reload: { skip: true, apiPid: api.pid },
      });
      expect(result.status === "applied" && result.reload.signalled).toBe(api.pid);
      const [code] = await exited;
      expect(code).toBe(0);
    } finally {
      api.kill();
    }
  });

  test("an unreadable pid file is a warning, not a failure", async ({ db }) => {
    const cwd = copyFixture("scripts");
    const result = await pushMigrations({
      target: databaseTarget(db.url),
      path: "seed.sql",
      cwd,
      reload: { skip: true, apiPidFile: `${cwd}/no-such.pid` },
    });
    expect(result.status).toBe("applied");
    if (result.status !== "applied") return;
    expect(result.reload.signalled).toBeUndefined();
    expect(result.reload.warnings).toEqual([`could not read pid file ${cwd}/no-such.pid: ENOENT`]);
  });
});
