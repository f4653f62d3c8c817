import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { test, testServer } from "@pg-flux/testkit";
import { afterAll, describe, expect } from "vitest";
import { leftoverScratchDatabases, scratchDatabases } from "./support.js";

const dist = fileURLToPath(new URL("../../dist/index.js", import.meta.url));

afterAll(async () => {
  expect(await leftoverScratchDatabases(testServer().adminUrl)).toEqual([]);
});

/**
 * A separate Node process loading a desired state with the BUILT engine (a real process gets the
 * signal, not a vitest worker): tables, then a DO block that sleeps, then more tables. Its scratch
 * database lives on the target's server.
 */
function loadInChild(targetUrl: string): ChildProcess {
  const sql = [
    "CREATE TABLE before_sleep (id int);",
    "DO $$ BEGIN PERFORM pg_sleep(60); END $$;",
    "CREATE TABLE after_sleep (id int);",
  ].join("\n");
  const script = `
    import { loadDesiredState } from ${JSON.stringify(dist)};
    await loadDesiredState([{ name: "slow.sql", text: ${JSON.stringify(sql)} }], { targetUrl: process.env.TARGET_URL });
    console.log("loaded");
  `;
  return spawn(process.execPath, ["--input-type=module", "-e", script], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, TARGET_URL: targetUrl },
  });
}

async function waitFor<T>(probe: () => Promise<T | undefined>, ms = 30_000): Promise<T | undefined> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("scratch database cleanup", () => {
  test("Ctrl-C in the middle of a load drops the scratch database", { timeout: 60_000 }, async ({ db }) => {
    expect(existsSync(dist), `run \`npm run build\` first: ${dist} is missing`).toBe(true);
    const child = loadInChild(db.url);
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once("exit", (code, signal) => resolve({ code, signal })),
    );
    try {
      // the load is under way: its session sleeps inside the DO block, in a pgflux_shadow_* database
      const scratch = await waitFor(async () => {
        const { rows } = await db.query<{ datname: string }>(
          "select datname from pg_stat_activity where datname like 'pgflux\\_shadow\\_%' and query like '%pg_sleep(60)%' and state = 'active'",
        );
        return rows[0]?.datname;
      });
      expect(scratch, `the child never reached the DO block:\n${output}`).toBeDefined();
      child.kill("SIGINT");
      // the process does not finish the load: it dies of the signal, or of the load failing once its
      // hook force-dropped the scratch database under it (whichever comes first)
      const exit = await exited;
      expect(exit.signal === "SIGINT" || (exit.code !== null && exit.code !== 0)).toBe(true);
      expect(output).not.toContain("loaded");
      const { rows } = await db.query("select 1 from pg_database where datname = $1", [scratch]);
      expect(rows).toEqual([]);
      expect(await scratchDatabases(db.server.adminUrl)).toEqual([]);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  });
});
