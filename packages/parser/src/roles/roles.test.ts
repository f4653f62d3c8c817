import { describe, expect, test } from "vitest";
import { analyzeText, messages } from "../testing/analyze-text.js";

const at = (line: number, column = 1) => ({ file: "schema.sql", line, column });

describe("role declarations", () => {
  test("plain, CREATE USER and the idempotent DO idioms are read into declarations and not run", async () => {
    const desired = await analyzeText(
      [
        "CREATE ROLE app_owner NOLOGIN;",
        "CREATE USER app_login CONNECTION LIMIT 5 VALID UNTIL 'infinity';",
        "DO $$ BEGIN CREATE ROLE app_reader NOLOGIN NOINHERIT; EXCEPTION WHEN duplicate_object THEN NULL; END $$;",
        "DO $$",
        "BEGIN",
        "  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'app_writer') THEN",
        "    EXECUTE 'CREATE ROLE app_writer BYPASSRLS';",
        "  ELSE",
        "    RAISE NOTICE 'app_writer exists';",
        "  END IF;",
        "END $$;",
        "DO $$ DECLARE n int; BEGIN",
        "  SELECT count(*) INTO n FROM pg_roles WHERE rolname = 'auditor';",
        "  IF n = 0 THEN CREATE GROUP auditor; END IF;",
        "END $$;",
        "CREATE TABLE t (a int);",
        "ALTER TABLE t OWNER TO app_owner;",
        "GRANT SELECT ON t TO app_reader;",
      ].join("\n"),
    );
    expect(messages(desired)).toEqual([]);
    expect(desired.roleDeclarations.roles).toEqual([
      { name: "app_owner", location: at(1), created: true, attributes: { login: false }, settings: [] },
      {
        name: "app_login",
        location: at(2),
        created: true,
        attributes: { connectionLimit: 5, validUntil: "infinity", login: true },
        settings: [],
      },
      {
        name: "app_reader",
        location: at(3),
        created: true,
        attributes: { login: false, inherit: false },
        settings: [],
      },
      { name: "app_writer", location: at(4), created: true, attributes: { bypassrls: true }, settings: [] },
      { name: "auditor", location: at(12), created: true, attributes: {}, settings: [] },
    ]);
    expect(desired.roles).toEqual(["app_login", "app_owner", "app_reader", "app_writer", "auditor"]);
    // role statements and the role-only DO blocks are declarations: the scratch server never runs them
    expect(desired.steps.map((step) => step.statement.type)).toEqual([
      "CreateStmt",
      "AlterTableStmt",
      "GrantStmt",
    ]);
  });

  test("ALTER ROLE, settings, comments and memberships merge in file order", async () => {
    const desired = await analyzeText(
      [
        "CREATE ROLE app NOLOGIN IN ROLE base ROLE member1 ADMIN boss;",
        "ALTER ROLE app WITH LOGIN CREATEDB;",
        'ALTER ROLE app SET search_path TO "$user", public;',
        "ALTER ROLE app IN DATABASE other SET work_mem = 64;",
        "ALTER ROLE app SET statement_timeout = '5s';",
        "ALTER ROLE app SET search_path TO app;",
        "ALTER ROLE app RESET statement_timeout;",
        "COMMENT ON ROLE app IS 'the application';",
        "GRANT base TO member1 WITH ADMIN OPTION;",
        "GRANT base, app TO other_member WITH INHERIT FALSE, SET TRUE;",
        "ALTER GROUP base ADD USER late;",
        "ALTER USER postgres SET search_path TO public;",
      ].join("\n"),
    );
    expect(messages(desired)).toEqual([]);
    expect(desired.roleDeclarations).toEqual({
      roles: [
        {
          name: "app",
          location: at(1),
          created: true,
          attributes: { login: true, createdb: true },
          settings: [
            { name: "work_mem", database: "other", value: [64] },
            { name: "search_path", database: null, value: ["app"] },
            { name: "statement_timeout", database: null, value: null },
          ],
          comment: "the application",
        },
        // ALTER GROUP … ADD USER is the first statement about base itself (IN ROLE only names it)
        { name: "base", location: at(11), created: false, attributes: {}, settings: [] },
        {
          name: "postgres",
          location: at(12),
          created: false,
          attributes: {},
          settings: [{ name: "search_path", database: null, value: ["public"] }],
        },
      ],
      memberships: [
        { role: "base", member: "app", location: at(1) },
        { role: "app", member: "member1", location: at(1) },
        { role: "app", member: "boss", admin: true, location: at(1) },
        { role: "base", member: "member1", admin: true, location: at(9) },
        { role: "base", member: "other_member", inherit: false, set: true, location: at(10) },
        { role: "app", member: "other_member", inherit: false, set: true, location: at(10) },
        { role: "base", member: "late", location: at(11) },
      ],
    });
    expect(desired.roles).toEqual(["app", "base", "boss", "late", "member1", "other_member", "postgres"]);
  });

  test("ALTER ROLE alone declares a role the files do not create (it must already exist)", async () => {
    const desired = await analyzeText("ALTER ROLE existing NOINHERIT;\n");
    expect(desired.roleDeclarations.roles).toEqual([
      { name: "existing", location: at(1), created: false, attributes: { inherit: false }, settings: [] },
    ]);
  });

  test("every role the files name is listed, where it is first declared or else first named", async () => {
    const desired = await analyzeText(
      [
        "CREATE SCHEMA app AUTHORIZATION schema_owner;",
        "CREATE TABLE app.t (a int);",
        "ALTER TABLE app.t ENABLE ROW LEVEL SECURITY;",
        "CREATE POLICY p ON app.t TO policy_role USING (true);",
        "ALTER DEFAULT PRIVILEGES FOR ROLE definer IN SCHEMA app GRANT SELECT ON TABLES TO reader;",
        "SET ROLE creator;",
        "CREATE TABLE app.u (a int);",
        "RESET ROLE;",
        "GRANT SELECT ON app.t TO PUBLIC, CURRENT_USER;",
        "DO $$ BEGIN CREATE ROLE reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;",
      ].join("\n"),
    );
    expect(messages(desired)).toEqual([]);
    expect(
      desired.roleMentions.map(({ name, declared, location }) => [name, declared, location.line]),
    ).toEqual([
      ["creator", false, 6],
      ["definer", false, 5],
      ["policy_role", false, 4],
      ["reader", true, 10],
      ["schema_owner", false, 1],
    ]);
    expect(desired.roleMentions[3]?.sourceLine).toBe(
      "DO $$ BEGIN CREATE ROLE reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;",
    );
  });

  test("pg_dumpall's DROP ROLE IF EXISTS before the files' own CREATE ROLE is a no-op", async () => {
    const desired = await analyzeText("DROP ROLE IF EXISTS anon;\nCREATE ROLE anon;\n");
    expect(messages(desired)).toEqual([]);
    expect(desired.roles).toEqual(["anon"]);
  });

  test("passwords are refused, and neither the statement nor the secret is shown", async () => {
    const secret = "s3cr3t-value";
    const desired = await analyzeText(
      [
        `CREATE USER app PASSWORD '${secret}';`,
        `ALTER ROLE app WITH ENCRYPTED PASSWORD '${secret}';`,
        `DO $$ BEGIN CREATE ROLE other LOGIN PASSWORD '${secret}'; EXCEPTION WHEN duplicate_object THEN NULL; END $$;`,
        `CREATE ROLE broken PASSWORD ${secret} LOGIN;`,
        "CREATE ROLE fine PASSWORD NULL;",
      ].join("\n"),
    );
    const shown = messages(desired);
    expect(shown.join("\n")).not.toContain(secret);
    expect(shown.join("\n")).not.toContain("3cr3t");
    expect(desired.problems.map((p) => [p.location?.line, p.sourceLine])).toEqual([
      [1, undefined],
      [2, undefined],
      [3, undefined],
      [4, undefined],
    ]);
    expect(shown[0]).toBe(
      [
        "schema.sql:1:1: CREATE ROLE app: a password in the desired state is refused: schema files are committed, reviewed and copied, so a secret does not belong in them, and pg-flux never manages passwords",
        "  hint: remove the PASSWORD clause (its text is not shown here) and set the password once on the server, outside the schema files: \\password <role> in psql, or your secret manager",
      ].join("\n"),
    );
    expect(shown[3]).toContain("syntax error in a statement with a PASSWORD");
  });

  test.each([
    [
      "DROP ROLE gone;",
      "DROP ROLE in desired state: the files describe the roles that should exist, and pg-flux does not drop roles (they belong to the whole server)",
    ],
    [
      "DROP ROLE IF EXISTS gone;",
      "DROP ROLE in desired state: the files describe the roles that should exist, and pg-flux does not drop roles (they belong to the whole server)",
    ],
    [
      "ALTER ROLE a RENAME TO b;",
      "renaming a role acts on the whole server, outside the database pg-flux manages",
    ],
    [
      "REVOKE a FROM b;",
      "REVOKE of a role membership in desired state: the files describe the memberships that should exist",
    ],
    [
      "ALTER GROUP g DROP USER u;",
      "ALTER GROUP … DROP USER in desired state: the files describe the memberships that should exist",
    ],
    [
      "ALTER ROLE ALL SET work_mem = 1;",
      "ALTER ROLE ALL acts on every role of the whole server, outside the database pg-flux manages: remove it from the desired state",
    ],
    [
      "ALTER ROLE CURRENT_USER SET work_mem = 1;",
      "the statement acts on CURRENT_USER, SESSION_USER or CURRENT_ROLE: whoever loads the files, not a role of the schema",
    ],
    [
      "GRANT a TO CURRENT_USER;",
      "the statement acts on CURRENT_USER, SESSION_USER or CURRENT_ROLE: whoever loads the files, not a role of the schema",
    ],
    [
      "ALTER ROLE a SET search_path FROM CURRENT;",
      "ALTER ROLE a SET search_path FROM CURRENT takes the value of whoever loads the files",
    ],
    [
      "DO $$ BEGIN CREATE ROLE a; CREATE TABLE t (x int); END $$;",
      "DO block running CREATE ROLE also runs other statements: pg-flux reads role statements as declarations and does not run them (roles belong to the whole server)",
    ],
    [
      "DO $$ BEGIN CREATE ROLE a; EXECUTE format('GRANT %I TO b', 'a'); END $$;",
      "DO block running CREATE ROLE also runs SQL built at run time: pg-flux reads role statements as declarations and does not run them (roles belong to the whole server)",
    ],
  ])("refused: %s", async (sql, message) => {
    const desired = await analyzeText(sql);
    expect(desired.problems.map((p) => p.message)).toEqual([message]);
    expect(desired.problems[0]?.location).toEqual(at(1));
  });
});
