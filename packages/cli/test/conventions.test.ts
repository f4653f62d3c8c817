import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { cli, REPO, spawnCli, workdir } from "./helpers.js";

const run = promisify(execFile);
const VERSION = (
  JSON.parse(readFileSync(path.join(REPO, "packages/cli/package.json"), "utf8")) as { version: string }
).version;

/**
 * Runs the built CLI's main() in a fresh node process with the given arguments and reports which
 * heavy modules it loaded: `--help`, `--version` and completion must answer without pg, libpg-query
 * or TypeScript (CommonJS modules, so they appear in require.cache once loaded).
 */
async function loadedModules(argv: readonly string[]): Promise<{ code: number; heavy: string[] }> {
  const script = `
    const { main } = await import(${JSON.stringify(path.join(REPO, "packages/cli/dist/main.js"))});
    const quiet = () => {};
    const code = await main(${JSON.stringify(argv)}, { stdout: quiet, stderr: quiet, isTTY: false, env: {}, cwd: process.cwd() });
    const { createRequire } = await import("node:module");
    const cache = Object.keys(createRequire(import.meta.url).cache);
    const heavy = ["/node_modules/pg/", "/node_modules/libpg-query/", "/node_modules/typescript/"]
      .filter((name) => cache.some((file) => file.includes(name)));
    console.log(JSON.stringify({ code, heavy }));
  `;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: REPO });
  return JSON.parse(stdout) as { code: number; heavy: string[] };
}

describe("CLI conventions", () => {
  it("--version and -V print the version, in-process and from the binary", async () => {
    for (const flag of ["--version", "-V"]) {
      expect(await cli([flag])).toMatchObject({ code: 0, stdout: `${VERSION}\n`, stderr: "" });
      expect(await spawnCli([flag])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: "" });
    }
  });

  it("help, version, completion and usage errors do not load pg, libpg-query or TypeScript", async () => {
    const cases: [string[], number][] = [
      [["--help"], 0],
      [["help"], 0],
      [["--version"], 0],
      [["migrate", "plan", "--help"], 0],
      [["completion"], 0],
      [["diff", "--frmat", "sql", "--from", "a.sql", "--to", "b.sql"], 2],
    ];
    for (const [argv, code] of cases)
      expect(await loadedModules(argv), argv.join(" ")).toEqual({ code, heavy: [] });
    // and a command that runs does load them (the probe can see them)
    const listing = await loadedModules(["list", "--config", "/nonexistent/flux.json"]);
    expect(listing.code).toBe(2);
    expect(listing.heavy).toContain("/node_modules/pg/");
  }, 60_000);

  it("completion prints a shell script, and completes commands and options", async () => {
    const script = await cli(["completion"]);
    expect(script.code).toBe(0);
    expect(script.stdout).toContain("###-begin-pg-flux-completions-###");
    expect(script.stdout).toContain("pg-flux --get-yargs-completions");
    const commands = await cli(["--get-yargs-completions", "pg-flux", "mig"]);
    expect(commands.stdout.split("\n")).toEqual(expect.arrayContaining(["migrate", "migrations"]));
    const options = await cli(["--get-yargs-completions", "pg-flux", "migrate", "plan", "--"]);
    expect(options.stdout.split("\n")).toEqual(expect.arrayContaining(["--check", "--source", "--format"]));
  });

  it("an unknown option is exit 2 with the option meant", async () => {
    const typo = await cli(["diff", "--frmat", "sql", "--from", "a.sql", "--to", "b.sql"]);
    expect(typo).toMatchObject({ code: 2, stdout: "" });
    expect(typo.stderr).toBe(
      "Error: unknown option --frmat; did you mean --format?\nRun pg-flux --help for usage.\n",
    );
    const kebab = await cli(["migrate", "apply", "--alow-hazards=DATA_LOSS", "--source", "schema/"]);
    expect(kebab.stderr).toContain("unknown option --alow-hazards; did you mean --allow-hazards?\n");
    const negated = await cli(["diff", "--no-colr", "--from", "a.sql", "--to", "b.sql"]);
    expect(negated.stderr).toContain("unknown option --no-colr; did you mean --no-color?\n");
    const far = await cli(["diff", "--zzzzzz", "--from", "a.sql", "--to", "b.sql"]);
    expect(far.stderr).toContain("Error: unknown option --zzzzzz\n");
  });

  it("a malformed connection string is exit 2 with a hint, not a host name looked up", async () => {
    const cwd = workdir({ "schema.sql": "CREATE TABLE t (id int);\n" });
    const plan = await cli(["migrate", "plan", "--database-url", "not-a-url", "--source", "schema.sql"], {
      cwd,
    });
    expect(plan.code).toBe(2);
    expect(plan.stderr).toContain(
      'Error: not a connection string "not-a-url": expected a postgresql:// URL or keyword=value pairs\n  hint: e.g. postgresql://app@localhost:5432/app',
    );
    expect(plan.stderr).not.toContain("ENOTFOUND");
    // a value that may hold a password is not echoed
    const dump = await cli(["dump"], { env: { DATABASE_URL: "app:s3cret@db/prod" } });
    expect(dump.code).toBe(2);
    expect(dump.stderr).toContain("Error: not a connection string: expected");
    expect(dump.stderr).not.toContain("s3cret");
  });

  it("an unknown command is exit 2 with the command meant", async () => {
    expect(await cli(["dif"])).toMatchObject({
      code: 2,
      stderr: 'Error: unknown command "dif"; did you mean diff?\nRun pg-flux --help for usage.\n',
    });
    expect((await cli(["migrate", "plna"])).stderr).toContain('unknown command "plna"; did you mean plan?');
    expect((await cli(["migrate", "plan", "extra"])).stderr).toContain('unexpected argument "extra"');
  });
});
