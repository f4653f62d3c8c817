import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type TestDatabase, test, testServer } from "@pg-flux/testkit";
import pg from "pg";
import { afterAll, describe, expect } from "vitest";

const dist = fileURLToPath(new URL("../../dist/index.js", import.meta.url));

/**
 * The scratch databases and loader roles this file's children made on the test server. Only these
 * are checked at the end: other files may share the server and have loads of their own in flight,
 * and waiting a fixed time for theirs to finish would make this check depend on timing.
 */
const ours = { databases: new Set<string>(), roles: new Set<string>() };

afterAll(async () => {
  const client = new pg.Client({ connectionString: testServer().adminUrl });
  await client.connect();
  try {
    const { rows: databases } = await client.query<{ name: string }>(
      "select datname as name from pg_database where datname = any($1)",
      [[...ours.databases]],
    );
    const { rows: roles } = await client.query<{ name: string }>(
      "select rolname as name from pg_roles where rolname = any($1)",
      [[...ours.roles]],
    );
    expect([...databases, ...roles]).toEqual([]);
  } finally {
    await client.end();
  }
});

/** Tables, then a DO block that sleeps far longer than any test, then more tables. */
const SLOW_SQL = [
  "CREATE TABLE before_sleep (id int);",
  "DO $$ BEGIN PERFORM pg_sleep(600); END $$;",
  "CREATE TABLE after_sleep (id int);",
].join("\n");

/**
 * A separate Node process loading the slow desired state with the BUILT engine (a real process gets
 * the signal, not a vitest worker), with `options` (JSON) as loadDesiredState's options.
 */
function loadInChild(options: Record<string, string>): { child: ChildProcess; output: () => string } {
  const script = `
    import { loadDesiredState } from ${JSON.stringify(dist)};
    await loadDesiredState([{ name: "slow.sql", text: ${JSON.stringify(SLOW_SQL)} }], JSON.parse(process.env.LOAD_OPTIONS));
    console.log("loaded");
  `;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, LOAD_OPTIONS: JSON.stringify(options) },
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  return { child, output: () => output };
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

/**
 * Polls `probe` until it returns a value. The deadline is generous on purpose: under heavy load a
 * child may take a long time to get going; it is an outer limit, not a timing the test relies on.
 */
async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, ms = 120_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The embedded server a process started, from the registry the engine keeps for reaping. */
function embeddedServerOf(ownerPid: number): { serverPid: number; baseDir: string } | undefined {
  const registry = path.join(os.tmpdir(), "pgflux-embedded");
  if (!existsSync(registry)) return undefined;
  for (const name of readdirSync(registry)) {
    try {
      const entry = JSON.parse(readFileSync(path.join(registry, name), "utf8")) as {
        ownerPid: number;
        serverPid: number;
        baseDir: string;
      };
      if (entry.ownerPid === ownerPid) return entry;
    } catch {
      // a file being written or removed right now
    }
  }
  return undefined;
}

/** Whether a backend of the server `serverPid` is running a DO block in a scratch database (its process title says so). */
function backendInDoBlock(serverPid: number): boolean {
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (parent !== serverPid) continue;
      const title = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (title.includes("pgflux_shadow_") && /\bDO\b/.test(title)) return true;
    } catch {
      // the process ended while being read
    }
  }
  return false;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The loader's session of a shadow load, once it sleeps inside the DO block. */
interface LoaderSession {
  readonly pid: number;
  readonly datname: string;
  readonly usename: string;
}

/**
 * A shadow load in a child process, interrupted by SIGINT while its loader sleeps in the DO block.
 * `beforeSignal` runs just before the signal is sent and returns what runs once it is sent. Whichever
 * way the child ends (it dies of the signal once its hook dropped the scratch database and the role,
 * or of the load failing when the drop terminated its session), the child's databases and role are
 * gone when it has exited.
 */
async function interruptShadowLoad(
  db: TestDatabase,
  beforeSignal: (session: LoaderSession) => () => Promise<void>,
): Promise<void> {
  expect(existsSync(dist), `run \`npm run build\` first: ${dist} is missing`).toBe(true);
  const { child, output } = loadInChild({ shadowUrl: db.server.adminUrl, targetUrl: db.url });
  const exited = exitOf(child);
  try {
    const session = await waitFor(async () => {
      const { rows } = await db.query<LoaderSession>(
        "select pid, datname, usename from pg_stat_activity where datname like 'pgflux\\_shadow\\_%' and usename like 'pgflux\\_load\\_%' and query like '%pg_sleep(600)%' and state = 'active'",
      );
      return rows[0];
    });
    expect(session, `the child never reached the DO block:\n${output()}`).toBeDefined();
    if (!session) return;
    // every database the child made belongs to its loader role
    const { rows: owned } = await db.query<{ datname: string }>(
      "select datname from pg_database where datdba = (select oid from pg_roles where rolname = $1)",
      [session.usename],
    );
    for (const { datname } of owned) ours.databases.add(datname);
    ours.databases.add(session.datname);
    ours.roles.add(session.usename);
    const duringCleanup = beforeSignal(session);
    child.kill("SIGINT");
    await duringCleanup();
    const exit = await exited;
    expect(exit.signal === "SIGINT" || (exit.code !== null && exit.code !== 0)).toBe(true);
    expect(output()).not.toContain("loaded");
    const { rows: databases } = await db.query<{ datname: string }>(
      "select datname from pg_database where datname = any($1)",
      [[...owned.map((row) => row.datname), session.datname]],
    );
    expect(databases, output()).toEqual([]);
    const { rows: roles } = await db.query("select 1 from pg_roles where rolname = $1", [session.usename]);
    expect(roles, output()).toEqual([]);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
}

/** The session running pg-flux's DROP DATABASE of `datname`, if one is running it now. */
async function dropAttempt(
  db: TestDatabase,
  datname: string,
): Promise<{ pid: number; started: string } | null> {
  const { rows } = await db.query<{ pid: number; started: string }>(
    "select pid, query_start::text as started from pg_stat_activity where state = 'active' and query like $1",
    [`drop database if exists ${datname} %`],
  );
  return rows[0] ?? null;
}

describe("scratch cleanup on Ctrl-C", () => {
  test("in the middle of a load on a shadow server: its scratch database and throwaway role are dropped", {
    timeout: 300_000,
  }, async ({ db }) => {
    await interruptShadowLoad(db, () => async () => undefined);
  });

  test("on a shadow server whose loader backend is slow to leave: the drop waits for it instead of leaving the database", {
    timeout: 300_000,
  }, async ({ db }) => {
    // DROP DATABASE … WITH (FORCE) waits 5 s for the sessions it terminates, then fails: under load
    // a backend may take longer. Stopped (SIGSTOP), the loader's backend cannot leave at all until
    // the first drop attempt has given up; then it is let go.
    await interruptShadowLoad(db, (session) => {
      process.kill(session.pid, "SIGSTOP");
      return async () => {
        try {
          const first = await waitFor(async () => (await dropAttempt(db, session.datname)) ?? undefined);
          expect(first, "the hook never tried to drop the scratch database").toBeDefined();
          const over = await waitFor(async () => {
            const now = await dropAttempt(db, session.datname);
            return now?.pid === first?.pid && now?.started === first?.started ? undefined : true;
          });
          expect(over, "the first drop attempt never ended").toBe(true);
        } finally {
          process.kill(session.pid, "SIGCONT");
        }
      };
    });
  });

  test("in the middle of a load on the embedded server: the server stops, its files go, the target is untouched", {
    timeout: 300_000,
  }, async ({ db }) => {
    expect(existsSync(dist), `run \`npm run build\` first: ${dist} is missing`).toBe(true);
    const { child, output } = loadInChild({ targetUrl: db.url });
    const exited = exitOf(child);
    try {
      const server = await waitFor(() => (child.pid ? embeddedServerOf(child.pid) : undefined));
      expect(server, `the child never started an embedded server:\n${output()}`).toBeDefined();
      const serverPid = server?.serverPid ?? 0;
      const inBlock = await waitFor(() => (backendInDoBlock(serverPid) ? true : undefined));
      expect(inBlock, `the child never reached the DO block:\n${output()}`).toBe(true);
      child.kill("SIGINT");
      const exit = await exited;
      expect(exit.signal === "SIGINT" || (exit.code !== null && exit.code !== 0)).toBe(true);
      expect(output()).not.toContain("loaded");
      expect(await waitFor(() => (alive(serverPid) ? undefined : true))).toBe(true);
      expect(existsSync(server?.baseDir ?? "")).toBe(false);
      const { rows } = await db.query(
        "select relname from pg_class where relname in ('before_sleep', 'after_sleep')",
      );
      expect(rows).toEqual([]);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  });
});
