import path from "node:path";
import { formatError, ids, MissingRolesError } from "@pg-flux/core";
import { dropStaleScratchDatabases, loadDesiredState, scratchName } from "@pg-flux/engine";
import { test, testServer } from "@pg-flux/testkit";
import { afterAll, describe, expect } from "vitest";
import { errorText, FIXTURES, leftoverScratchDatabases, scratchDatabases } from "./support.js";

afterAll(async () => {
  expect(await leftoverScratchDatabases(testServer().adminUrl)).toEqual([]);
});

describe("loadDesiredState on the target's server", () => {
  test("a directory in reverse dependency order loads", async ({ db }) => {
    const desired = await loadDesiredState([path.join(FIXTURES, "reverse-order")], { targetUrl: db.url });
    expect(desired.placement).toBe("target");
    expect(desired.warnings).toEqual([]);
    expect(Object.keys(desired.state.tables).sort()).toEqual(["table:app.teams", "table:app.users"]);
    expect(Object.keys(desired.state.views)).toEqual(["view:app.active_users"]);
    expect(desired.state.views["view:app.active_users"]?.comment).toBe("users whose status is active");
    expect(Object.keys(desired.state.functions).sort()).toEqual([
      "function:app.is_active(s app.status)",
      "function:app.user_count()",
    ]);
    const relative = (file: string) =>
      path.relative(process.cwd(), path.join(FIXTURES, "reverse-order", file));
    expect(desired.locations[ids.table("app", "users")]).toEqual({
      file: relative("3_tables/users.sql"),
      line: 1,
      column: 1,
    });
    expect(desired.locations[ids.column("app", "users", "email")]).toEqual({
      file: relative("3_tables/users.sql"),
      line: 3,
      column: 3,
    });
    expect(desired.locations["function:app.is_active(s app.status)"]).toEqual({
      file: relative("2_functions.sql"),
      line: 1,
      column: 1,
    });
    // nothing of the scratch load reached the target database
    const { rows } = await db.query("select count(*)::int as n from pg_namespace where nspname = 'app'");
    expect(rows[0]?.n).toBe(0);
  });

  test("a statement that never loads is reported at the server's error position", async ({ db }) => {
    const text = await errorText(
      loadDesiredState([path.join(FIXTURES, "broken")], { targetUrl: db.url, cwd: FIXTURES }),
    );
    expect(text).toBe(
      [
        'broken/schema.sql:4:14: column "nmae" does not exist',
        "  4 |   SELECT id, nmae FROM items;",
        "                   ^",
        '  hint: Perhaps you meant to reference the column "items.name".',
      ].join("\n"),
    );
  });

  test("a role missing on a shared server is refused, listing each role and the statements to run", async ({
    db,
  }) => {
    const error = await loadDesiredState([path.join(FIXTURES, "roles")], {
      targetUrl: db.url,
      cwd: FIXTURES,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MissingRolesError);
    expect((error as MissingRolesError).code).toBe("refused");
    expect(formatError(error)).toBe(
      [
        "2 roles the desired state names do not exist on the target's server: pgflux_report_owner, pgflux_report_reader",
        "",
        "roles/roles.sql:5:1: role pgflux_report_owner is declared here",
        "  5 | GRANT pgflux_report_reader TO pgflux_report_owner;",
        "      ^",
        "",
        "roles/roles.sql:1:1: role pgflux_report_reader is declared here",
        "  1 | DO $$ BEGIN",
        "      ^",
        "",
        "hint: pg-flux does not create roles (they belong to the whole server): run once on the target's server, as a role with CREATEROLE, then plan again:",
        "    CREATE ROLE pgflux_report_owner NOLOGIN;",
        "    CREATE ROLE pgflux_report_reader NOLOGIN CONNECTION LIMIT 10;",
        "    GRANT pgflux_report_reader TO pgflux_report_owner;",
      ].join("\n"),
    );
  });

  test("invalid files are rejected before any database is touched, every problem at once", async ({ db }) => {
    const text = await errorText(
      loadDesiredState(
        [
          {
            name: "bad.sql",
            text: "CREATE TABLE t (a int,, b int);\nINSERT INTO t VALUES (1);\n\\connect x\n",
          },
        ],
        {
          targetUrl: db.url,
        },
      ),
    );
    expect(text.split("\n").filter((line) => line.startsWith("bad.sql"))).toEqual([
      'bad.sql:1:23: syntax error at or near ","',
      "bad.sql:2:1: desired state is schema, not data: move this INSERT into a versioned migration (pg-flux push)",
      "bad.sql:3:1: psql meta-command \\connect switches databases; the desired state describes one database",
    ]);
  });

  test("session SETs in the files apply where they were written", async ({ db }) => {
    const desired = await loadDesiredState(
      [
        { name: "a.sql", text: "SET search_path = app;\nCREATE VIEW v AS SELECT a FROM t;\n" },
        { name: "b.sql", text: "CREATE SCHEMA app;\nSET search_path = app;\nCREATE TABLE t (a int);\n" },
      ],
      { targetUrl: db.url },
    );
    expect(Object.keys(desired.state.views)).toEqual(["view:app.v"]);
    expect(desired.state.views["view:app.v"]?.definition).toContain("app.t");
  });

  test("hints come back with server ids", async ({ db }) => {
    const desired = await loadDesiredState(
      [
        {
          name: "h.sql",
          text: [
            "-- @renamed-table from=user_accounts",
            "CREATE TABLE users (",
            "  id bigint PRIMARY KEY,",
            "  email text NOT NULL -- @renamed from=email_address",
            ");",
            "-- @renamed-function from=old_fn",
            "CREATE FUNCTION fn(a int4, b varchar) RETURNS int LANGUAGE sql AS 'select 1';",
          ].join("\n"),
        },
      ],
      { targetUrl: db.url },
    );
    expect(desired.hints.map((hint) => [hint.kind, hint.targetId, hint.fromId])).toEqual([
      ["table", "table:public.users", "table:public.user_accounts"],
      ["column", "column:public.users.email", "column:public.users.email_address"],
      [
        "function",
        "function:public.fn(a integer, b character varying)",
        "function:public.old_fn(a integer, b character varying)",
      ],
    ]);
  });
});

describe("scratch databases", () => {
  test("stale pgflux_shadow_* databases (older than an hour) are dropped; fresh ones stay", async ({
    db,
  }) => {
    const old = scratchName(Date.now() - 2 * 60 * 60 * 1000);
    const fresh = scratchName();
    await db.query(`create database ${old}`);
    await db.query(`create database ${fresh}`);
    try {
      // other tests on this server may have scratch databases of their own: look only at ours
      const dropped = await dropStaleScratchDatabases(db.server.adminUrl);
      expect(dropped).toContain(old);
      expect(dropped).not.toContain(fresh);
      const remaining = await scratchDatabases(db.server.adminUrl);
      expect(remaining.filter((name) => name === old || name === fresh)).toEqual([fresh]);
    } finally {
      await db.query(`drop database if exists ${old}`);
      await db.query(`drop database if exists ${fresh}`);
    }
  });
});

describe("embedded scratch server", () => {
  test("creates the roles the files name and loads as the target's user", async ({ db }) => {
    const role = `pgflux_t_${Math.random().toString(36).slice(2, 8)}`;
    await db.query(`create role ${role} login password 'x' createdb`);
    try {
      // a role that may not create databases on the target: the load moves to an embedded server
      await db.query(`alter role ${role} nocreatedb`);
      const url = new URL(db.url);
      url.username = role;
      url.password = "x";
      const desired = await loadDesiredState([path.join(FIXTURES, "roles")], {
        targetUrl: url.toString(),
        cwd: FIXTURES,
      });
      expect(desired.placement).toBe("embedded");
      // the embedded server runs the target's major: nothing to warn about
      expect(desired.warnings).toEqual([]);
      const table = desired.state.tables["table:public.reports"];
      expect(table?.owner).toBe("pgflux_report_owner");
      expect(table?.privileges).toEqual([
        { grantee: "pgflux_report_reader", privilege: "SELECT", grantable: false },
      ]);
    } finally {
      await db.query(`drop role ${role}`);
    }
  });

  test("requireTargetRoles: the target must have the roles, though the embedded server would take placeholders", async ({
    db,
  }) => {
    const suffix = Math.random().toString(36).slice(2, 8);
    const [login, owner, reader] = ["t", "owner", "reader"].map((name) => `pgflux_${name}_${suffix}`) as [
      string,
      string,
      string,
    ];
    await db.query(`create role ${login} login password 'x' nocreatedb`);
    const sources = [
      {
        name: "roles.sql",
        text: `DO $$ BEGIN CREATE ROLE ${reader} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;\nGRANT ${reader} TO ${owner};\n`,
      },
      {
        name: "schema.sql",
        text: `CREATE TABLE reports (id int);\nALTER TABLE reports OWNER TO ${owner};\nGRANT SELECT ON reports TO ${reader};\n`,
      },
    ];
    try {
      const url = new URL(db.url);
      url.username = login;
      url.password = "x";
      const load = () => loadDesiredState(sources, { targetUrl: url.toString(), requireTargetRoles: true });
      const error = await load().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MissingRolesError);
      expect((error as MissingRolesError).roles).toEqual([owner, reader]);
      expect((error as MissingRolesError).statements).toEqual([
        `CREATE ROLE ${owner} NOLOGIN;`,
        `CREATE ROLE ${reader} NOLOGIN;`,
        `GRANT ${reader} TO ${owner};`,
      ]);
      // once they are there (as the error says), the same load goes through on the embedded server
      for (const statement of (error as MissingRolesError).statements) await db.query(statement);
      const desired = await load();
      expect(desired.placement).toBe("embedded");
      expect(desired.state.tables["table:public.reports"]?.owner).toBe(owner);
    } finally {
      await db.query(`drop role if exists ${login}, ${owner}, ${reader}`);
    }
  });
});
