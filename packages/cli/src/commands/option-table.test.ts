import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEFAULT_PLAN_OPTIONS, formatError } from "@pg-flux/core";
import { DEFAULT_RUN_LIMITS } from "@pg-flux/engine";
import { DEFAULT_READ_LOCK_TIMEOUT } from "@pg-flux/inspector";
import { beforeAll, describe, expect, it } from "vitest";
import { loadEngine } from "../engine.js";
import { main } from "../main.js";
import { loadMigrateDefaults } from "./config.js";
import { CONFIG_KEYS, OPTION_COMMANDS, OPTION_ROWS, OPTIONS } from "./option-table.js";
import { planOptionsOf } from "./options.js";

const DOCS = path.resolve(import.meta.dirname, "../../../../docs/cli.md");

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
    expect([...CONFIG_KEYS.keys()].sort()).toEqual([...keys].sort());
  });

  it("docs/cli.md mentions every flag and every flux.json key of the table", () => {
    const docs = readFileSync(DOCS, "utf8");
    for (const [name, spec] of OPTION_ROWS) {
      if (spec.flag) expect(docs, `--${spec.flag} (${name})`).toMatch(new RegExp(`--(no-)?${spec.flag}\\b`));
      if (spec.key) expect(docs, `flux.json migrate.${spec.key}`).toContain(`"${spec.key}"`);
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
