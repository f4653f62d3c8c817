import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { InvalidInputError } from "@pg-flux/core";
import { describe, expect, it } from "vitest";
import { resolvePushTarget } from "../src/target.js";
import { PUSH_FIXTURES } from "./helpers.js";

// Pure file reading: these need no database, but live beside the other push tests.
const env = {
  PERCEPT_DATABASE_URL: "postgres://app:s3cret@db.internal:5432/percept",
  LEDGER_DATABASE_URL: "postgres://app@db.internal:5432/ledger",
};
const configDir = path.join(PUSH_FIXTURES, "config");

async function failure(promise: Promise<unknown>): Promise<InvalidInputError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidInputError);
  return error as InvalidInputError;
}

describe("flux.json target selection", () => {
  it("selects a project by slug and hash, with its tenant schema and connection from urlEnv", async () => {
    const { target } = await resolvePushTarget({ cwd: configDir, env, project: "percept", hash: "b915ec8" });
    expect(target).toMatchObject({
      url: env.PERCEPT_DATABASE_URL,
      plan: "v2_shared",
      tenantSchema: "t_abc123_api",
      label: "percept (b915ec8)",
      connectionSource: "$PERCEPT_DATABASE_URL",
    });
    expect(target.project?.migrations).toBe(path.join(configDir, "migrations"));
    const other = await resolvePushTarget({ cwd: configDir, env, hash: "0c4f2aa" });
    expect(other.target.tenantSchema).toBe("t_def456_api");
    const v1 = await resolvePushTarget({ cwd: configDir, env, project: "ledger" });
    expect(v1.target).toMatchObject({ plan: "v1", tenantSchema: undefined });
  });

  it("an ambiguous slug asks for the hash; an unknown one lists what is configured", async () => {
    const ambiguous = await failure(resolvePushTarget({ cwd: configDir, env, project: "percept" }));
    expect(ambiguous.message).toContain("several projects match percept");
    expect(ambiguous.problems[0]?.hint).toContain("percept (b915ec8), percept (0c4f2aa)");
    const unknown = await failure(
      resolvePushTarget({ cwd: configDir, env, project: "nope", hash: "1234567" }),
    );
    expect(unknown.message).toContain("no project nope (1234567)");
    expect(unknown.problems[0]?.hint).toContain("ledger (1d2e3f4)");
    const none = await failure(resolvePushTarget({ cwd: configDir, env: {} }));
    expect(none.message).toContain("lists 3 projects; choose one");
  });

  it("--database-url and DATABASE_URL override the project's connection; --tenant-schema its tenant", async () => {
    const flag = await resolvePushTarget({
      cwd: configDir,
      env: { ...env, DATABASE_URL: "postgres://env@h/db" },
      project: "percept",
      hash: "b915ec8",
      databaseUrl: "postgres://flag@h/db",
      tenantSchema: "t_zzz_api",
    });
    expect(flag.target).toMatchObject({
      url: "postgres://flag@h/db",
      connectionSource: "--database-url",
      tenantSchema: "t_zzz_api",
    });
    const fromEnv = await resolvePushTarget({
      cwd: configDir,
      env: { ...env, DATABASE_URL: "postgres://env@h/db" },
      hash: "b915ec8",
    });
    expect(fromEnv.target.connectionSource).toBe("DATABASE_URL");
    const unset = await failure(resolvePushTarget({ cwd: configDir, env: {}, project: "ledger" }));
    expect(unset.problems[0]?.hint).toContain("set the environment variable LEDGER_DATABASE_URL");
  });

  it("without flux.json, DATABASE_URL alone is a v1 target; selecting a project needs the file", async () => {
    const cwd = PUSH_FIXTURES;
    const { target } = await resolvePushTarget({ cwd, env: { DATABASE_URL: "postgres://u:pw@h/db" } });
    expect(target).toMatchObject({ plan: "v1", label: "postgres://u:***@h/db", project: undefined });
    const missing = await failure(resolvePushTarget({ cwd, env, project: "percept", hash: "b915ec8" }));
    expect(missing.message).toBe(`${path.join(cwd, "flux.json")}: flux.json not found`);
    const explicit = await failure(resolvePushTarget({ cwd, env, configPath: "nowhere/flux.json" }));
    expect(explicit.message).toContain("nowhere/flux.json: flux.json not found");
  });

  it("a flux.json holding only migrate defaults (no projects) still lets DATABASE_URL target a push", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pgflux-config-"));
    writeFileSync(path.join(dir, "flux.json"), JSON.stringify({ migrate: { source: ["schema/"] } }));
    const { target } = await resolvePushTarget({ cwd: dir, env: { DATABASE_URL: env.LEDGER_DATABASE_URL } });
    expect(target).toMatchObject({ url: env.LEDGER_DATABASE_URL, plan: "v1" });
    const error = await failure(resolvePushTarget({ cwd: dir, env, project: "percept" }));
    expect(error.problems[0]?.message).toMatch(/percept/);
  });

  it("a top-level key that is not a flux.json section is an error naming the file and the key", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pgflux-config-"));
    writeFileSync(path.join(dir, "flux.json"), JSON.stringify({ projects: [], pushh: { reload: false } }));
    const error = await failure(
      resolvePushTarget({ cwd: dir, env: { DATABASE_URL: env.LEDGER_DATABASE_URL } }),
    );
    expect(error.problems.map((problem) => problem.message)).toEqual([
      `${path.join(dir, "flux.json")}: "pushh" is not a flux.json section`,
    ]);
    expect(error.problems[0]?.hint).toBe("the sections are projects, migrate, push, fleet");
  });

  it("invalid JSON points at the line and column", async () => {
    const error = await failure(resolvePushTarget({ cwd: path.join(PUSH_FIXTURES, "config-invalid"), env }));
    expect(error.message).toMatch(/^invalid JSON in flux.json/);
    expect(error.problems[0]?.location).toMatchObject({
      line: 3,
      file: path.join(PUSH_FIXTURES, "config-invalid/flux.json"),
    });
  });

  it("reports every problem of a project at once, and never repeats a password", async () => {
    const error = await failure(resolvePushTarget({ cwd: path.join(PUSH_FIXTURES, "config-secret"), env }));
    const messages = error.problems.map((problem) => problem.message).join("\n");
    expect(messages).toContain('projects[0] has unknown key "colour"');
    expect(messages).toContain('projects[0].hash must be 7 lowercase hex characters, got "B915EC8"');
    expect(messages).toContain('projects[0].plan must be "v1" or "v2_shared", got "v3"');
    expect(messages).toContain("projects[0].url holds a password (postgres://app:***@db.example.com/app)");
    expect(messages).not.toContain("hunter2");
  });
});
