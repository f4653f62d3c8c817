import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEFAULT_PLAN_OPTIONS, formatError } from "@pg-flux/core";
import { DEFAULT_RUN_LIMITS } from "@pg-flux/engine";
import { DEFAULT_READ_LOCK_TIMEOUT } from "@pg-flux/inspector";
import { beforeAll, describe, expect, it } from "vitest";
import { ledger, loadEngine } from "../engine.js";
import { main } from "../main.js";
import { loadMigrateDefaults, loadPushDefaults } from "./config.js";
import { CONFIG_KEYS, configKeys, OPTION_COMMANDS, OPTION_ROWS, OPTIONS } from "./option-table.js";
import { planOptionsOf } from "./options.js";

const DOCS = path.resolve(import.meta.dirname, "../../../../docs");

/** The ledger commands are documented in docs/push.md, the others in docs/cli.md. */
const LEDGER_COMMANDS: readonly string[] = ["push", "migrations list", "ledger upgrade"];

function fluxJson(content: unknown): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pg-flux-options-"));
  writeFileSync(path.join(dir, "flux.json"), JSON.stringify(content));
  return dir;
}

async function problemOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    return formatError(error);
  }
  throw new Error("expected an error");
}

describe("the option table", () => {
  beforeAll(() => loadEngine());

  it("states the defaults the library applies", () => {
    expect(OPTIONS.autoNotValid.default).toBe(DEFAULT_PLAN_OPTIONS.autoNotValid ? "on" : "off");
    expect(OPTIONS.verify.default).toBe(DEFAULT_PLAN_OPTIONS.verify ? "on" : "off");
    expect(Number(OPTIONS.setNotNullReltuplesHint.default)).toBe(
      DEFAULT_PLAN_OPTIONS.setNotNullReltuplesHint,
    );
    expect(OPTIONS.lockTimeout.default).toBe(DEFAULT_RUN_LIMITS.lockTimeout);
    expect(OPTIONS.statementTimeout.default).toBe(DEFAULT_RUN_LIMITS.statementTimeout);
    expect(OPTIONS.readLockTimeout.default).toBe(DEFAULT_READ_LOCK_TIMEOUT);
    expect(OPTIONS.reloadChannel.default).toBe(ledger().DEFAULT_RELOAD_CHANNEL);
  });

  it("names each flag and each flux.json key once per command", () => {
    for (const command of OPTION_COMMANDS) {
      const flags = OPTION_ROWS.filter(([, spec]) => spec.commands.includes(command)).flatMap(([, spec]) => [
        ...(spec.flag ? [spec.flag] : []),
        ...(spec.deprecatedFlags ?? []),
      ]);
      expect(new Set(flags).size, command).toBe(flags.length);
    }
    const keys = OPTION_ROWS.flatMap(([, spec]) => (spec.key ? [spec.key] : []));
    expect(new Set(keys).size).toBe(keys.length);
    expect([...CONFIG_KEYS.keys(), ...configKeys("push").keys()].sort()).toEqual([...keys].sort());
    expect([...configKeys("push").keys()]).toEqual(["reload", "reloadChannel", "apiPidFile"]);
  });

  it("docs/cli.md and docs/push.md mention every flag and every flux.json key of their commands", () => {
    const cli = readFileSync(path.join(DOCS, "cli.md"), "utf8");
    const push = readFileSync(path.join(DOCS, "push.md"), "utf8");
    for (const [name, spec] of OPTION_ROWS) {
      const docs = [
        ...(spec.commands.some((command) => !LEDGER_COMMANDS.includes(command)) ? [["cli.md", cli]] : []),
        ...(spec.commands.some((command) => LEDGER_COMMANDS.includes(command)) ? [["push.md", push]] : []),
      ];
      for (const [file, text] of docs) {
        if (spec.flag)
          expect(text, `${file}: --${spec.flag} (${name})`).toMatch(new RegExp(`--(no-)?${spec.flag}\\b`));
        if (spec.key)
          expect(text, `${file}: flux.json ${spec.block ?? "migrate"}.${spec.key}`).toContain(
            `"${spec.key}"`,
          );
      }
    }
  });

  it("--help shows each option with its default and its flux.json key", async () => {
    const chunks: string[] = [];
    const io = { stdout: (t: string) => chunks.push(t), stderr: () => {}, isTTY: false, env: {}, cwd: "/" };
    expect(await main(["migrate", "apply", "--help"], io)).toBe(0);
    const out = chunks.join("");
    expect(out).toContain("--lock-timeout");
    expect(out).toMatch(/then the run stops \(default 5s; flux\.json\s+migrate\.lockTimeout\)/);
    expect(out).toContain("--set-not-null-reltuples-hint");
    expect(out).not.toContain("--set-not-null-reltuple-hint ");
  });

  it("push --help shows its table options with their defaults and push block keys", async () => {
    const chunks: string[] = [];
    const io = { stdout: (t: string) => chunks.push(t), stderr: () => {}, isTTY: false, env: {}, cwd: "/" };
    expect(await main(["push", "--help"], io)).toBe(0);
    const out = chunks.join("");
    for (const flag of [
      "--config",
      "--project",
      "--hash",
      "--database-url",
      "--tenant-schema",
      "--api-pid-file",
    ])
      expect(out).toContain(flag);
    expect(out).toMatch(
      /schema cache after SQL runs \(default on,\s+--no-reload; flux\.json\s+push\.reload\)/,
    );
    expect(out).toMatch(/listens on \(default pgrst; flux\.json\s+push\.reloadChannel\)/);
  });

  it("push refuses --api-pid with --api-pid-file (exit 2) before touching a database", async () => {
    const errors: string[] = [];
    const io = { stdout: () => {}, stderr: (t: string) => errors.push(t), isTTY: false, env: {}, cwd: "/" };
    const argv = [
      "push",
      "m/",
      "--api-pid",
      "1",
      "--api-pid-file",
      "p",
      "--database-url",
      "postgres://x@nowhere/db",
    ];
    expect(await main(argv, io)).toBe(2);
    expect(errors.join("")).toContain("mutually exclusive");
  });
});

describe("flux.json push block", () => {
  beforeAll(() => loadEngine());

  it("reads the table's push keys, apiPidFile against the file's folder", async () => {
    const dir = fluxJson({ push: { reload: false, reloadChannel: "api_reload", apiPidFile: "run/api.pid" } });
    expect(await loadPushDefaults(dir)).toEqual({
      reload: false,
      reloadChannel: "api_reload",
      apiPidFile: path.join(dir, "run/api.pid"),
    });
    expect(await loadPushDefaults(fluxJson({ projects: [] }))).toEqual({});
  });

  it("an unknown key or a wrong type is an error naming the file and the key; all are reported", async () => {
    const dir = fluxJson({ push: { reloadChanel: "x", reload: "no", apiPidFile: 3 } });
    const message = await problemOf(() => loadPushDefaults(dir));
    const file = path.join(dir, "flux.json");
    expect(message).toContain(
      `${file}: push.reloadChanel is not a known key (known: reload, reloadChannel, apiPidFile)`,
    );
    expect(message).toContain(`${file}: push.reload must be true or false`);
    expect(message).toContain(`${file}: push.apiPidFile must be a string`);
  });
});

describe("flux.json migrate block", () => {
  beforeAll(() => loadEngine());

  it("reads every key of the table, paths against the file's folder", async () => {
    const dir = fluxJson({
      migrate: {
        source: "schema/",
        schemas: ["public", "app"],
        shadowUrlEnv: "SHADOW_URL",
        autoNotValid: false,
        setNotNullReltuplesHint: 5,
        lockTimeout: "2s",
        statementTimeout: "1000",
        readLockTimeout: "0",
        out: "db/migrations",
        allowHazards: ["DATA_LOSS"],
      },
    });
    expect((await loadMigrateDefaults(dir)).defaults).toEqual({
      source: [path.join(dir, "schema")],
      schemas: ["public", "app"],
      shadowUrlEnv: "SHADOW_URL",
      autoNotValid: false,
      setNotNullReltuplesHint: 5,
      lockTimeout: "2s",
      statementTimeout: "1000ms",
      readLockTimeout: "0ms",
      out: path.join(dir, "db/migrations"),
      allowHazards: ["DATA_LOSS"],
    });
  });

  it("an unknown key is an error naming the file and the key", async () => {
    const dir = fluxJson({ migrate: { lockTimout: "5s" } });
    const message = await problemOf(() => loadMigrateDefaults(dir));
    expect(message).toContain(`${path.join(dir, "flux.json")}: migrate.lockTimout is not a known key`);
    expect(message).toContain("lockTimeout");
  });

  it("a value of the wrong type is an error naming the file, the key and the type; all are reported", async () => {
    const dir = fluxJson({
      migrate: { autoNotValid: "yes", setNotNullReltuplesHint: -1, lockTimeout: "soon", schemas: [1] },
    });
    const message = await problemOf(() => loadMigrateDefaults(dir));
    const file = path.join(dir, "flux.json");
    expect(message).toContain(`${file}: migrate.autoNotValid must be true or false`);
    expect(message).toContain(`${file}: migrate.setNotNullReltuplesHint must be a whole number`);
    expect(message).toContain(`${file}: migrate.lockTimeout: invalid duration "soon"`);
    expect(message).toContain(`${file}: migrate.schemas must be a string or an array of strings`);
  });

  it("a misspelled section is an error naming the file and the section", async () => {
    const dir = fluxJson({ migrat: { source: "schema/" } });
    const message = await problemOf(() => loadMigrateDefaults(dir));
    expect(message).toContain(`${path.join(dir, "flux.json")}: "migrat" is not a flux.json section`);
    expect(message).toContain("the sections are projects, migrate, push");
  });

  it("the older flag --set-not-null-reltuple-hint still works, and the new one wins", () => {
    expect(planOptionsOf({ "set-not-null-reltuple-hint": 7 }, {})).toEqual({ setNotNullReltuplesHint: 7 });
    expect(planOptionsOf({ "set-not-null-reltuples-hint": 8, "set-not-null-reltuple-hint": 7 }, {})).toEqual({
      setNotNullReltuplesHint: 8,
    });
    expect(planOptionsOf({}, { setNotNullReltuplesHint: 9 })).toEqual({ setNotNullReltuplesHint: 9 });
  });

  it("main accepts the older flag, with a warning naming the new one", async () => {
    const errors: string[] = [];
    const io = { stdout: () => {}, stderr: (t: string) => errors.push(t), isTTY: false, env: {}, cwd: "/" };
    const argv = [
      "migrate",
      "plan",
      "--set-not-null-reltuple-hint",
      "5",
      "--config",
      "/nonexistent/flux.json",
    ];
    // parsed (no "unknown option"), then stopped by the missing --config file
    expect(await main(argv, io)).toBe(2);
    expect(errors.join("")).toBe(
      "warning: --set-not-null-reltuple-hint is deprecated; use --set-not-null-reltuples-hint\n" +
        "Error: /nonexistent/flux.json: flux.json not found\n" +
        "  hint: create flux.json listing your projects (see docs/push.md), pass --config, or pass --database-url\n",
    );
  });
});
