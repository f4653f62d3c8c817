import path from "node:path";
import { formatError, ids, MissingRolesError } from "@pg-flux/core";
import {
  dropStaleScratchDatabases,
  LOADER_PREFIX,
  loadDesiredState,
  loaderName,
  scratchName,
} from "@pg-flux/engine";
import { scratchHostForFile, test, testServer } from "@pg-flux/testkit";
import { afterAll, describe, expect } from "vitest";
import {
  errorText,
  FIXTURES,
  leftoverLoaderRoles,
  leftoverScratchDatabases,
  loaderRoles,
  scratchDatabases,
} from "./support.js";

afterAll(async () => {
  expect(await leftoverScratchDatabases(testServer().adminUrl)).toEqual([]);
});

/** Members of `role`: the loader is made one, so none is left once it is dropped. */
async function membersOf(
  db: { query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }> },
  role: string,
) {
  const { rows } = await db.query(
    "select member::regrole::text as member from pg_auth_members where roleid = $1::regrole",
    [role],
  );
  return rows;
}

describe("loadDesiredState on an embedded server of the target's major", () => {
  // one embedded server for the tests below that do not test opening one
  const scratch = scratchHostForFile();

  test("a directory in reverse dependency order loads (by default: nothing on the target's server)", async ({
    db,
  }) => {
    const desired = await loadDesiredState([path.join(FIXTURES, "reverse-order")], { targetUrl: db.url });
    expect(desired.placement).toBe("embedded");
    expect(desired.state.server.major).toBe(db.server.major);
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
      loadDesiredState([path.join(FIXTURES, "broken")], {
        host: scratch(),
        targetUrl: db.url,
        cwd: FIXTURES,
      }),
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

  test("invalid files are rejected before any database is touched, every problem at once", async ({ db }) => {
    const text = await errorText(
      loadDesiredState(
        [
          {
            name: "bad.sql",
            text: "CREATE TABLE t (a int,, b int);\nINSERT INTO t VALUES (1);\n\\connect x\n",
          },
        ],
        { host: scratch(), targetUrl: db.url },
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
      { host: scratch(), targetUrl: db.url },
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
      { host: scratch(), targetUrl: db.url },
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
  test("stale pgflux_shadow_* databases and pgflux_load_* roles (older than an hour) are dropped; fresh ones stay", async ({
    db,
  }) => {
    const hourAgo = Date.now() - 2 * 60 * 60 * 1000;
    const [old, fresh, oldRole, freshRole] = [
      scratchName(hourAgo),
      scratchName(),
      loaderName(hourAgo),
      loaderName(),
    ];
    await db.query(`create role ${oldRole}`);
    await db.query(`create role ${freshRole}`);
    await db.query(`create database ${old} owner ${oldRole}`);
    await db.query(`create database ${fresh}`);
    try {
      // other tests on this server may have scratch databases of their own: look only at ours
      const dropped = await dropStaleScratchDatabases(db.server.adminUrl);
      expect(dropped).toEqual(expect.arrayContaining([old, oldRole]));
      expect(dropped).not.toContain(fresh);
      expect(dropped).not.toContain(freshRole);
      const remaining = await scratchDatabases(db.server.adminUrl);
      expect(remaining.filter((name) => name === old || name === fresh)).toEqual([fresh]);
      const roles = await loaderRoles(db.server.adminUrl);
      expect(roles.filter((name) => name === oldRole || name === freshRole)).toEqual([freshRole]);
    } finally {
      await db.query(`drop database if exists ${old}`);
      await db.query(`drop database if exists ${fresh}`);
      await db.query(`drop role if exists ${oldRole}`);
      await db.query(`drop role if exists ${freshRole}`);
    }
  });
});

describe("embedded scratch server", () => {
  test("creates the roles the files name and loads as the target's user", async ({ db }) => {
    const role = `pgflux_t_${Math.random().toString(36).slice(2, 8)}`;
    await db.query(`create role ${role} login password 'x'`);
    try {
      const url = new URL(db.url);
      url.username = role;
      url.password = "x";
      const desired = await loadDesiredState(
        [path.join(FIXTURES, "roles"), { name: "mine.sql", text: "CREATE TABLE mine (id int);\n" }],
        { targetUrl: url.toString(), cwd: FIXTURES },
      );
      expect(desired.placement).toBe("embedded");
      // the embedded server runs the target's major: nothing to warn about
      expect(desired.warnings).toEqual([]);
      const table = desired.state.tables["table:public.reports"];
      expect(table?.owner).toBe("pgflux_report_owner");
      expect(table?.privileges).toEqual([
        { grantee: "pgflux_report_reader", privilege: "SELECT", grantable: false },
      ]);
      expect(desired.state.tables["table:public.mine"]?.owner).toBe(role);
      // the target's server got none of these roles
      const { rows } = await db.query(
        "select rolname from pg_roles where rolname like 'pgflux\\_report\\_%'",
      );
      expect(rows).toEqual([]);
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

describe("loadDesiredState on a shadow server", () => {
  const roles = ["pgflux_report_owner", "pgflux_report_reader"];

  test("a role missing there is refused, listing each role where the files declare it and the statements to run", async ({
    db,
  }) => {
    const error = await loadDesiredState([path.join(FIXTURES, "roles")], {
      shadowUrl: db.server.adminUrl,
      targetUrl: db.url,
      cwd: FIXTURES,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MissingRolesError);
    expect(formatError(error)).toBe(
      [
        "2 roles the desired state names do not exist on the shadow server: pgflux_report_owner, pgflux_report_reader",
        "",
        "roles/roles.sql:5:1: role pgflux_report_owner is declared here",
        "  5 | GRANT pgflux_report_reader TO pgflux_report_owner;",
        "      ^",
        "",
        "roles/roles.sql:1:1: role pgflux_report_reader is declared here",
        "  1 | DO $$ BEGIN",
        "      ^",
        "",
        "hint: pg-flux does not create roles (they belong to the whole server): run once on the shadow server, as a role with CREATEROLE, then plan again:",
        "    CREATE ROLE pgflux_report_owner NOLOGIN;",
        "    CREATE ROLE pgflux_report_reader NOLOGIN CONNECTION LIMIT 10;",
        "    GRANT pgflux_report_reader TO pgflux_report_owner;",
      ].join("\n"),
    );
    expect(await leftoverLoaderRoles(db.server.adminUrl)).toEqual([]);
  });

  test("the load runs as a throwaway role, whose objects read as the target role's; it is dropped after", async ({
    db,
  }) => {
    for (const role of roles) await db.query(`create role ${role} nologin`);
    try {
      // as on a production server, the new owner must be allowed to create in the schema: the
      // files grant it in a schema of their own (the loader owns it)
      const sql = [
        "CREATE SCHEMA reporting;",
        "GRANT CREATE ON SCHEMA reporting TO pgflux_report_owner;",
        "CREATE TABLE reporting.reports (id int PRIMARY KEY);",
        "ALTER TABLE reporting.reports OWNER TO pgflux_report_owner;",
        "GRANT SELECT ON reporting.reports TO pgflux_report_reader;",
        "CREATE TABLE reporting.mine (id int);",
        "ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO pgflux_report_reader;",
        "CREATE FUNCTION reporting.who() RETURNS text LANGUAGE sql AS 'select current_user';",
      ].join("\n");
      const desired = await loadDesiredState([{ name: "reporting.sql", text: sql }], {
        shadowUrl: db.server.adminUrl,
        targetUrl: db.url,
      });
      expect(desired.placement).toBe("shadow");
      // OWNER TO a role that holds no server-wide power works (the loader is made its member)
      const reports = desired.state.tables["table:reporting.reports"];
      expect(reports?.owner).toBe("pgflux_report_owner");
      expect(reports?.privileges).toEqual([
        { grantee: "pgflux_report_reader", privilege: "SELECT", grantable: false },
      ]);
      // what the loader made itself reads as made by the target's role (postgres here)
      expect(desired.state.schemas["schema:reporting"]?.owner).toBe("postgres");
      expect(desired.state.schemas["schema:reporting"]?.privileges).toEqual([
        { grantee: "pgflux_report_owner", privilege: "CREATE", grantable: false },
      ]);
      expect(desired.state.tables["table:reporting.mine"]?.owner).toBe("postgres");
      expect(desired.state.functions["function:reporting.who()"]?.owner).toBe("postgres");
      expect(Object.keys(desired.state.defaultPrivileges)).toEqual(["default_privilege:postgres.*.tables"]);
      expect(JSON.stringify(desired.state)).not.toContain(LOADER_PREFIX);
      // the loader was a member of the owner role while it loaded: dropped, it is a member no more
      expect(await membersOf(db, "pgflux_report_owner")).toEqual([]);
    } finally {
      for (const role of roles) await db.query(`drop role if exists ${role}`);
    }
  });

  test("it may not act as a superuser the files name: OWNER TO one fails at its statement", async ({
    db,
  }) => {
    const text = await errorText(
      loadDesiredState(
        [{ name: "owner.sql", text: "CREATE TABLE t (id int);\nALTER TABLE t OWNER TO postgres;\n" }],
        { shadowUrl: db.server.adminUrl, targetUrl: db.url },
      ),
    );
    expect(text.split("\n").slice(0, 3)).toEqual([
      expect.stringMatching(/^owner\.sql:2:1: must be (able to SET ROLE|member of role) "postgres"$/),
      "  2 | ALTER TABLE t OWNER TO postgres;",
      "      ^",
    ]);
    expect(await leftoverLoaderRoles(db.server.adminUrl)).toEqual([]);
  });
});
