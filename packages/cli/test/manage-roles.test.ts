import { writeFileSync } from "node:fs";
import path from "node:path";
import { type TestDatabase, test, withTestRoles } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { cli, workdir } from "./helpers.js";

/**
 * `--manage-roles` from the command line and flux.json `migrate.manageRoles` (issue 15): roles are
 * cluster-wide and the worker's tests share the server, so every role is named from the test's own
 * prefix and dropped after it.
 */

const withRoles = (db: TestDatabase, work: (prefix: string) => Promise<void>) =>
  withTestRoles(db, "cr", work);

async function roleExists(db: TestDatabase, name: string): Promise<boolean> {
  return (await db.query("select 1 from pg_roles where rolname = $1", [name])).rowCount === 1;
}

describe("pg-flux migrate --manage-roles", { timeout: 300_000 }, () => {
  test("without it a missing role is refused (exit 3); with it the role is created; a saved plan keeps its roles", async ({
    db,
  }) =>
    withRoles(db, async (p) => {
      const dir = workdir({
        "schema/roles.sql": `DO $$ BEGIN CREATE ROLE ${p}_reader NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;\nCOMMENT ON ROLE ${p}_reader IS 'reads';\n`,
        "schema/t.sql": `CREATE TABLE t (id int PRIMARY KEY);\nGRANT SELECT ON t TO ${p}_reader;\n`,
      });
      const base = ["migrate", "--database-url", db.url, "--source", "schema/"];
      const [migrate, ...rest] = base;
      const args = (command: string, ...more: string[]) => [migrate as string, command, ...rest, ...more];

      const unmanaged = await cli(args("plan"), { cwd: dir });
      expect(unmanaged.code).toBe(3);
      expect(unmanaged.stderr).toContain(
        `a role the desired state names does not exist on the target's server: ${p}_reader`,
      );

      const planned = await cli(args("plan", "--manage-roles", "--out", "plan.json"), { cwd: dir });
      expect(planned.code, planned.stderr).toBe(0);
      expect(planned.stdout).toContain(
        `CREATE ROLE ${p}_reader NOLOGIN;\nCOMMENT ON ROLE ${p}_reader IS 'reads';`,
      );
      expect(planned.stdout).toContain(`GRANT SELECT ON TABLE t TO ${p}_reader;`);

      const applied = await cli(
        ["migrate", "apply", "--database-url", db.url, "--plan", "plan.json", "--yes"],
        {
          cwd: dir,
        },
      );
      expect(applied.code, applied.stderr).toBe(0);
      expect(await roleExists(db, `${p}_reader`)).toBe(true);
      const check = await cli(args("plan", "--manage-roles", "--check"), { cwd: dir });
      expect(check.code, check.stderr).toBe(0);
    }));

  test("flux.json manageRoles patterns: a matching role the files no longer create is dropped only with ROLE_DROP allowed", async ({
    db,
  }) =>
    withRoles(db, async (p) => {
      await db.query(`create role ${p}_app; create role ${p}_legacy;`);
      const dir = workdir({ "schema.sql": `CREATE ROLE ${p}_app;\n` });
      writeFileSync(
        path.join(dir, "flux.json"),
        JSON.stringify({ projects: [], migrate: { source: ["schema.sql"], manageRoles: [`${p}_*`] } }),
      );
      const apply = ["migrate", "apply", "--database-url", db.url];
      const refused = await cli(apply, { cwd: dir });
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain(`ROLE_DROP at step 1 (drop_role:role:${p}_legacy)`);
      expect(refused.stderr).toContain("To proceed: pass --allow-hazards=ROLE_DROP");
      expect(await roleExists(db, `${p}_legacy`)).toBe(true);

      // --no-manage-roles turns flux.json's off: nothing to do, nothing dropped
      const off = await cli(["migrate", "plan", "--database-url", db.url, "--no-manage-roles", "--check"], {
        cwd: dir,
      });
      expect(off.code, off.stderr).toBe(0);

      const allowed = await cli([...apply, "--allow-hazards=ROLE_DROP"], { cwd: dir });
      expect(allowed.code, allowed.stderr).toBe(0);
      expect(await roleExists(db, `${p}_legacy`)).toBe(false);
      expect(await roleExists(db, `${p}_app`)).toBe(true);
    }));

  test("a bad manageRoles in flux.json, or a pattern with --no-manage-roles, is a usage error (exit 2)", async ({
    db,
  }) => {
    const dir = workdir({ "schema.sql": "CREATE TABLE t (id int);\n" });
    writeFileSync(path.join(dir, "flux.json"), JSON.stringify({ projects: [], migrate: { manageRoles: 3 } }));
    const bad = await cli(["migrate", "plan", "--database-url", db.url, "--source", "schema.sql"], {
      cwd: dir,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      "migrate.manageRoles must be true, false, or a non-empty string or array of them",
    );
    writeFileSync(path.join(dir, "flux.json"), JSON.stringify({ projects: [] }));
    const contradiction = await cli(
      [
        "migrate",
        "plan",
        "--database-url",
        db.url,
        "--source",
        "schema.sql",
        "--no-manage-roles",
        "--manage-roles-pattern",
        "x_*",
      ],
      { cwd: dir },
    );
    expect(contradiction.code).toBe(2);
    expect(contradiction.stderr).toContain("--manage-roles-pattern contradicts --no-manage-roles");
  });
});
