import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "../src/index.js";

const uid = process.getuid?.() ?? -1;
const folder = path.join(os.tmpdir(), uid === 0 ? "pgflux-initdb" : `pgflux-initdb-${uid}`);

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/**
 * initdb runs once per binaries, options and OS user (data-template.ts): later starts copy its
 * output. Each copy is a server of its own: its own data, its own superuser password.
 */
describe("embedded servers start from a copy of one initialized data directory", () => {
  it("two servers: a template folder exists, each has its own data and password, the template's does not log in", async () => {
    const first = await startEmbeddedPostgres({ major: 18 });
    const second = await startEmbeddedPostgres({ major: 18 });
    try {
      const templates = readdirSync(folder).filter((name) => /^18-[0-9a-f]{16}$/.test(name));
      expect(templates.length).toBeGreaterThan(0);
      for (const name of templates) {
        expect(existsSync(path.join(folder, name, "data", "PG_VERSION"))).toBe(true);
        expect(statSync(path.join(folder, name, "password")).mode & 0o077).toBe(0);
        // root's template is root's: no server (they run as postgres) can change it
        if (uid === 0) expect(statSync(path.join(folder, name, "data")).uid).toBe(0);
      }
      expect(statSync(folder).mode & 0o022).toBe(0);

      expect(first.dataDir).not.toBe(second.dataDir);
      await query(first.url, "create table only_here (id int)");
      expect(await query(second.url, "select to_regclass('only_here') is null as absent")).toEqual([
        { absent: true },
      ]);
      const password = (url: string) => new URL(url).password;
      expect(password(first.url)).not.toBe(password(second.url));
      // the other server's password does not open this one
      const crossed = new URL(second.url);
      crossed.password = password(first.url);
      await expect(query(crossed.toString(), "select 1")).rejects.toThrow(/password authentication failed/);
      // nor does the template's: each server changed it at start
      for (const name of templates) {
        const templated = new URL(first.url);
        templated.password = readFileSync(path.join(folder, name, "password"), "utf8").trim();
        await expect(query(templated.toString(), "select 1")).rejects.toThrow(
          /password authentication failed/,
        );
      }
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  }, 120_000);
});
