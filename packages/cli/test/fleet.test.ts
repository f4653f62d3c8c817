import { writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { cli, passwordOf, workdir } from "./helpers.js";

const TENANT =
  "create table items (id bigint primary key, qty int not null default 0, title text not null);\n";
const CHANGE = `${TENANT}alter table items add constraint items_qty_check check (qty >= 0);\ncreate index items_title on items (title);\n`;

async function tenants(
  db: { query(sql: string): Promise<unknown> },
  names: readonly string[],
): Promise<void> {
  for (const name of names) {
    // test constants of [a-z_]
    await db.query(`create schema ${name}; set search_path to ${name}; ${TENANT} reset search_path`);
    await db.query(`insert into ${name}.items values (1, 1, 'one')`);
  }
}

describe("pg-flux fleet", { timeout: 300_000 }, () => {
  test("list, plan (text, json, markdown), apply with a final table, re-run nothing to do", async ({
    db,
  }) => {
    await tenants(db, ["fleet_a_api", "fleet_b_api", "fleet_c_api"]);
    await db.query("alter table fleet_c_api.items add column note text");
    const dir = workdir({ "tenant.sql": `${CHANGE}` });
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
    await tenants(db, ["fleet_a_api", "fleet_b_api", "fleet_c_api"]);
    await db.query("insert into fleet_b_api.items values (2, -5, 'bad')");
    const dir = workdir({ "tenant.sql": CHANGE });
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
    const dir = workdir({ "tenant.sql": TENANT });
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
});
