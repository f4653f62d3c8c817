import { cpSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { findBinaries, startEmbeddedPostgres } from "../src/index.js";

/**
 * A project in a private folder (mode 0700, as `mktemp -d` makes, or /root): run as root, the server
 * runs as the OS user postgres, which cannot reach binaries there. The embedded server must still
 * start, from a copy the OS user can reach. Only root runs servers as another user.
 */
describe.runIf(process.getuid?.() === 0)(
  "embedded PostgreSQL installed in a private folder (as root)",
  () => {
    const privateDir = mkdtempSync(path.join(os.tmpdir(), "pgflux-private-"));
    const removals: string[] = [privateDir];
    afterAll(() => {
      for (const dir of removals) rmSync(dir, { recursive: true, force: true });
    });

    it("starts from a reachable copy and serves queries", async () => {
      expect(statSync(privateDir).mode & 0o777).toBe(0o700);
      const installed = path.join(privateDir, "native");
      cpSync(findBinaries(18).root, installed, { recursive: true, verbatimSymlinks: true });
      const saved = process.env.PGFLUX_PG_BIN_DIR;
      process.env.PGFLUX_PG_BIN_DIR = installed;
      try {
        const server = await startEmbeddedPostgres({ major: 18 });
        try {
          const client = new pg.Client({ connectionString: server.url });
          await client.connect();
          const { rows } = await client.query<{ n: number }>("select 41 + 1 as n");
          await client.end();
          expect(rows[0]?.n).toBe(42);
          const pid = readFileSync(path.join(server.dataDir, "postmaster.pid"), "utf8").split("\n")[0];
          const exe = readlinkSync(`/proc/${pid}/exe`);
          expect(exe.startsWith(privateDir)).toBe(false);
          expect(exe).toMatch(/pgflux-binaries\/18-[0-9a-f]{16}\/bin\/postgres$/);
          removals.push(path.dirname(path.dirname(exe)));
        } finally {
          await server.stop();
        }
      } finally {
        if (saved === undefined) delete process.env.PGFLUX_PG_BIN_DIR;
        else process.env.PGFLUX_PG_BIN_DIR = saved;
      }
    }, 120_000);
  },
);
