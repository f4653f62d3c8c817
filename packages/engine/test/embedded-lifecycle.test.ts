import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { reapOrphans, startEmbeddedPostgres } from "../src/index.js";

const dist = fileURLToPath(new URL("../dist/index.js", import.meta.url));

/** A separate Node process that starts a server, prints its pid/url/dir, then waits to be killed. */
function startServerInChild(): Promise<{ child: ChildProcess; pid: number; url: string; dir: string }> {
  const script = `
    import { startEmbeddedPostgres } from ${JSON.stringify(dist)};
    const server = await startEmbeddedPostgres();
    const pid = (await import("node:fs")).readFileSync(server.dataDir + "/postmaster.pid", "utf8").split("\\n")[0];
    console.log(JSON.stringify({ pid: Number(pid), url: server.url, dir: server.dataDir }));
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve({ child, ...(JSON.parse(line) as { pid: number; url: string; dir: string }) });
    });
    child.on("exit", (code) => reject(new Error(`child exited early with ${code}`)));
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(condition: () => boolean, ms = 15_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

describe("embedded PostgreSQL lifecycle", () => {
  it.runIf(existsSync(dist))(
    "Ctrl-C on the owning process stops the server and removes its data",
    async () => {
      const { child, pid, url, dir } = await startServerInChild();
      const client = new pg.Client(url);
      await client.connect();
      expect((await client.query("select 1 as one")).rows[0]).toEqual({ one: 1 });
      await client.end();
      child.kill("SIGINT");
      expect(await waitFor(() => !processAlive(pid))).toBe(true);
      expect(await waitFor(() => !existsSync(path.dirname(dir)))).toBe(true);
    },
  );

  it.runIf(existsSync(dist))("a server whose owner was SIGKILLed is reaped by the next start", async () => {
    const { child, pid, dir } = await startServerInChild();
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    expect(processAlive(pid)).toBe(true); // nothing could stop it: the owner died instantly
    expect(reapOrphans()).toBeGreaterThanOrEqual(1);
    expect(await waitFor(() => !processAlive(pid))).toBe(true);
    expect(existsSync(path.dirname(dir))).toBe(false);
  });

  it("the package must be built for the lifecycle tests above (npm test builds first)", () => {
    expect(existsSync(dist), `run \`npm run build\` first: ${dist} is missing`).toBe(true);
  });

  it("starts a second server on another port and stops it cleanly", async () => {
    const server = await startEmbeddedPostgres();
    expect(server.url).not.toContain("@localhost");
    const client = new pg.Client(server.url);
    await client.connect();
    const { rows } = await client.query<{ v: number }>(
      "select current_setting('server_version_num')::int as v",
    );
    expect(Math.floor(rows[0]!.v / 10000)).toBe(server.major);
    await client.end();
    await server.stop();
    expect(existsSync(server.dataDir)).toBe(false);
    await server.stop(); // idempotent
  });
});
