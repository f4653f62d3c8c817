import { writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "@pg-flux/testkit";
import { createTenants, TENANT_V1, TENANT_V2 } from "@pg-flux/testkit/fleet";
import { describe, expect } from "vitest";
import { cli, passwordOf, workdir } from "./helpers.js";

describe("pg-flux fleet", { timeout: 300_000 }, () => {
  test("list, plan (text, json, markdown), apply with a final table, re-run nothing to do", async ({
    db,
  }) => {
    await createTenants(db, ["a", "b", "c"]);
    await db.query("alter table fleet_c_api.items add column note text");
    const dir = workdir({ "tenant.sql": TENANT_V2 });
    const env = { DATABASE_URL: db.url };
    const targets = ["--schemas", "fleet_%_api"];

    const list = await cli(["fleet", "list", ...targets], { cwd: dir, env });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^fleet_a_api\t1\tfnv1a64:/m);
    expect(list.stdout).toMatch(/^fleet_c_api\t2\tfnv1a64:/m);
    expect(list.stdout).toContain("3 targets in 2 groups");

    const plan = await cli(["fleet", "plan", "--source", "tenant.sql", ...targets], { cwd: dir, env });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain("3 targets in 2 groups of identical schemas");
    expect(plan.stdout).toMatch(
      /Group 1: 2 targets, 3 steps, hazards INDEX_BUILD\n\s+targets: fleet_a_api, fleet_b_api/,
    );
    expect(plan.stdout).toMatch(/Group 2: 1 target, 4 steps, hazards INDEX_BUILD, DATA_LOSS/);
    expect(plan.stdout).toContain("__tenant__.items");

    const json = await cli(["fleet", "plan", "--source", "tenant.sql", ...targets, "--format", "json"], {
      cwd: dir,
      env,
    });
    const parsed = JSON.parse(json.stdout);
    expect(parsed.groups.map((g: { targets: string[] }) => g.targets)).toEqual([
      ["fleet_a_api", "fleet_b_api"],
      ["fleet_c_api"],
    ]);
    expect(parsed.targets[0]).toEqual({
      id: "fleet_a_api",
      database: expect.any(String),
      schema: "fleet_a_api",
      group: 1,
      error: null,
    });

    const markdown = await cli(
      ["fleet", "plan", "--source", "tenant.sql", ...targets, "--format", "markdown"],
      {
        cwd: dir,
        env,
      },
    );
    expect(markdown.stdout).toContain("## pg-flux fleet plan");
    expect(markdown.stdout).toContain("### Group 2: 1 target");

    // the drifted group drops a column: refused for the whole fleet (exit 3), nothing applied
    const refused = await cli(["fleet", "apply", "--source", "tenant.sql", ...targets], { cwd: dir, env });
    expect(refused.code, refused.stderr).toBe(3);
    expect(refused.stdout).toMatch(/fleet_c_api\s+REFUSED/);
    expect(refused.stdout).toContain("refused: blocking hazards (nothing was applied)");

    const apply = await cli(
      [
        "fleet",
        "apply",
        "--source",
        "tenant.sql",
        ...targets,
        "--allow-hazards=DATA_LOSS",
        "--concurrency",
        "2",
      ],
      { cwd: dir, env },
    );
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout).toMatch(/^TARGET\tSTATUS\tSTEPS\tTIME\tMESSAGE$/m);
    expect(apply.stdout).toMatch(/^fleet_a_api\tapplied\t3\t/m);
    expect(apply.stdout).toMatch(/^fleet_c_api\tapplied\t4\t/m);
    expect(apply.stdout).toMatch(/Fleet \S+: applied 3 in /);
    // without a TTY: one progress line per target on stderr
    expect(apply.stderr).toMatch(/^fleet_b_api: applied$/m);

    const again = await cli(["fleet", "apply", "--source", "tenant.sql", ...targets, "--format", "json"], {
      cwd: dir,
      env,
    });
    expect(again.code, again.stderr).toBe(0);
    const result = JSON.parse(again.stdout);
    expect(result.status).toBe("nothing_to_do");
    expect(result.counts.nothing_to_do).toBe(3);
    const recorded = await db.query("select count(distinct run_id)::int as n from flux.fleet_outcomes");
    expect(recorded.rows).toEqual([{ n: 3 }]); // every run records: refused, applied, nothing to do
  });

  test("a failing tenant: exit 1, the report names it, markdown for the incident channel", async ({ db }) => {
    await createTenants(db, ["a", "b", "c"]);
    await db.query("insert into fleet_b_api.items values (3, -5, 'bad')");
    const dir = workdir({ "tenant.sql": TENANT_V2 });
    const env = { DATABASE_URL: db.url };
    const argv = [
      "fleet",
      "apply",
      "--source",
      "tenant.sql",
      "--schemas",
      "fleet_a_api,fleet_b_api,fleet_c_api",
    ];
    const result = await cli([...argv, "--max-failures", "3", "--format", "markdown"], { cwd: dir, env });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain("## pg-flux fleet apply: failed");
    expect(result.stdout).toMatch(/\| fleet_b_api \| FAILED \| 2 \| \S+ \| step 3 failed: .*items_qty_check/);
    expect(result.stdout).toContain("Run pg-flux fleet apply again to finish");
    await db.query("delete from fleet_b_api.items where qty < 0");
    const rerun = await cli([...argv, "--format", "json"], { cwd: dir, env });
    expect(rerun.code, rerun.stderr).toBe(0);
    const json = JSON.parse(rerun.stdout);
    expect(json.targets.map((t: { id: string; status: string }) => `${t.id} ${t.status}`)).toEqual([
      "fleet_a_api nothing_to_do",
      "fleet_b_api applied",
      "fleet_c_api nothing_to_do",
    ]);
  });

  test("bad input is exit 2 before anything connects; a targets file never prints a password", async ({
    db,
  }) => {
    const dir = workdir({ "tenant.sql": TENANT_V1 });
    const env = { DATABASE_URL: db.url };
    const none = await cli(["fleet", "plan", "--source", "tenant.sql", "--schemas", "nope_%"], {
      cwd: dir,
      env,
    });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("matches no schema");
    const zero = await cli(["fleet", "apply", "--source", "tenant.sql", "--concurrency", "0"], {
      cwd: dir,
      env,
    });
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain("--concurrency: expected a whole number ≥ 1");
    const withPassword = db.url.replace("://", "://app:Sup3rSecret@");
    writeFileSync(
      path.join(dir, "targets.json"),
      JSON.stringify({ databases: [{ name: "eu", url: withPassword }] }),
    );
    const file = await cli(["fleet", "list", "--targets", "targets.json"], { cwd: dir, env });
    expect(file.code).toBe(2);
    expect(file.stderr).toContain("holds a password");
    expect(file.stderr).not.toContain("Sup3rSecret");
    const both = await cli(["fleet", "list", "--targets", "targets.json", "--schemas", "x"], {
      cwd: dir,
      env,
    });
    expect(both.code).toBe(2);
    const password = passwordOf(db.url);
    for (const output of [none, zero, file, both]) {
      if (password) expect(output.stdout + output.stderr).not.toContain(password);
    }
  });

  test("--targets: several databases, each a group member under <name>/<schema>", async ({ db }) => {
    const other = `${db.name}_us`;
    await db.query(`create database ${other}`);
    try {
      await db.query(`create schema t_x_api; create table t_x_api.items (id bigint primary key)`);
      const dir = workdir({
        "tenant.sql": "create table items (id bigint primary key, title text);\n",
        "targets.json": JSON.stringify({
          databases: [
            { name: "eu", urlEnv: "EU_URL", schemas: "t_%_api" },
            { name: "us", urlEnv: "US_URL" },
          ],
        }),
      });
      const env = { EU_URL: db.url, US_URL: db.urlFor(other) };
      // the us database's public schema has no items table yet: its own group
      const plan = await cli(
        ["fleet", "plan", "--source", "tenant.sql", "--targets", "targets.json", "--format", "json"],
        {
          cwd: dir,
          env,
        },
      );
      expect(plan.code, plan.stderr).toBe(0);
      const parsed = JSON.parse(plan.stdout);
      expect(parsed.targets.map((t: { id: string; database: string }) => [t.id, t.database])).toEqual([
        ["eu/t_x_api", "eu"],
        ["us/public", "us"],
      ]);
      expect(parsed.groups).toHaveLength(2);
      const apply = await cli(
        ["fleet", "apply", "--source", "tenant.sql", "--targets", "targets.json", "--canary", "0"],
        {
          cwd: dir,
          env,
        },
      );
      expect(apply.code, apply.stdout + apply.stderr).toBe(0);
      expect(apply.stdout).toMatch(/^eu\/t_x_api\tapplied\t1\t/m);
      expect(apply.stdout).toMatch(/^us\/public\tapplied\t1\t/m);
    } finally {
      await db.query(`drop database if exists ${other} with (force)`);
    }
  });

  test("flux.json's fleet section names the targets; flags win; its mistakes are exit 2 naming the file", async ({
    db,
  }) => {
    await createTenants(db, ["a", "b", "c"]);
    const dir = workdir({
      "tenant.sql": TENANT_V1,
      "flux.json": JSON.stringify({
        migrate: { source: ["tenant.sql"] },
        fleet: { schemas: "fleet_a_api,fleet_b_api" },
      }),
    });
    const env = { DATABASE_URL: db.url, EU_URL: db.url };
    const ids = (stdout: string) => (JSON.parse(stdout) as { id: string }[]).map((target) => target.id);

    const list = await cli(["fleet", "list", "--format", "json"], { cwd: dir, env });
    expect(list.code, list.stderr).toBe(0);
    expect(ids(list.stdout)).toEqual(["fleet_a_api", "fleet_b_api"]);
    const flags = await cli(["fleet", "list", "--schemas", "fleet_%_api", "--format", "json"], {
      cwd: dir,
      env,
    });
    expect(ids(flags.stdout)).toEqual(["fleet_a_api", "fleet_b_api", "fleet_c_api"]);
    // no flag at all: the targets and the desired schema (migrate.source) both from flux.json
    const plan = await cli(["fleet", "plan", "--format", "json"], { cwd: dir, env });
    expect(plan.code, plan.stderr).toBe(0);
    expect(JSON.parse(plan.stdout).groups).toEqual([
      expect.objectContaining({ targets: ["fleet_a_api", "fleet_b_api"] }),
    ]);

    // several entries (a query, a list); two on the same URL are still read in one inspection
    const fluxJson = (fleet: unknown) =>
      writeFileSync(path.join(dir, "flux.json"), JSON.stringify({ fleet }));
    fluxJson({
      databases: [
        {
          name: "eu",
          urlEnv: "EU_URL",
          query: "select nspname from pg_namespace where nspname = 'fleet_c_api'",
        },
        { name: "eu2", urlEnv: "EU_URL", schemas: "fleet_a_api" },
      ],
    });
    const several = await cli(["fleet", "list", "--format", "json"], { cwd: dir, env });
    expect(several.code, several.stderr).toBe(0);
    expect(ids(several.stdout)).toEqual(["eu/fleet_c_api", "eu2/fleet_a_api"]);

    fluxJson({ schemas: "fleet_%_api", databases: [{ name: "eu", urlEnv: "EU_URL" }], tenants: "x" });
    const mixed = await cli(["fleet", "list"], { cwd: dir, env });
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain(`${path.join(dir, "flux.json")}: fleet.tenants is not a known key`);
    expect(mixed.stderr).toContain("fleet.databases: each database names its own schemas");
    fluxJson({ databases: [{ name: "eu", url: db.url.replace("://", "://app:Sup3rSecret@") }] });
    const secret = await cli(["fleet", "list"], { cwd: dir, env });
    expect(secret.code).toBe(2);
    expect(secret.stderr).toContain("flux.json: fleet: databases[0]: url");
    expect(secret.stderr).toContain("holds a password");
    expect(secret.stderr).not.toContain("Sup3rSecret");
  });
});
