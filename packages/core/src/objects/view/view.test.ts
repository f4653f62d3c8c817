import { describe, expect, it } from "vitest";
import { ids } from "../../model/ids.js";
import type { Privilege } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { foreignKey, index, makeState, table, view } from "../testing.js";
import { selectList, viewNeedsRecreate } from "./view.compare.js";
import { renderGrants } from "./view.grants.js";

/** Routines are created with EXECUTE for PUBLIC. */
const ROUTINE_DEFAULTS = [{ grantee: "PUBLIC", privilege: "EXECUTE", grantable: false }] as const;

import { renderAlterViewOptions, renderCreateView, renderDropView } from "./view.render.js";

const select = (p: string): Privilege => ({ grantee: "reader", privilege: p, grantable: false });

describe("view renderers", () => {
  it("renders CREATE [OR REPLACE] VIEW with options and check option", () => {
    const v = view(
      "public",
      "active_users",
      ["id"],
      " SELECT users.id\n   FROM users\n  WHERE users.active;",
      {
        options: ["security_barrier=true"],
        checkOption: "cascaded",
      },
    );
    expect(renderCreateView(v, { orReplace: false })).toBe(
      "CREATE VIEW active_users WITH (security_barrier=true) AS\nSELECT users.id\n   FROM users\n  WHERE users.active\nWITH CASCADED CHECK OPTION;",
    );
    expect(renderCreateView({ ...v, schema: "App" }, { orReplace: true })).toMatch(
      /^CREATE OR REPLACE VIEW "App".active_users /,
    );
    expect(renderDropView({ schema: "app", name: "v" })).toBe("DROP VIEW app.v;");
  });

  it("renders option changes as SET and RESET", () => {
    expect(
      renderAlterViewOptions(
        "VIEW",
        { schema: "public", name: "v" },
        ["security_barrier=true"],
        ["check_option=local", "security_invoker=true"],
      ),
    ).toEqual([
      "ALTER VIEW v SET (check_option=local, security_invoker=true);",
      "ALTER VIEW v RESET (security_barrier);",
    ]);
  });

  it("renders grants grouped per grantee, revoking creation defaults not desired", () => {
    expect(
      renderGrants({ object: "TABLE v", defaults: [] }, [
        select("UPDATE"),
        select("SELECT"),
        { grantee: "Admin", privilege: "SELECT", grantable: true },
        { grantee: "PUBLIC", privilege: "SELECT", grantable: false },
      ]),
    ).toEqual([
      'GRANT SELECT ON TABLE v TO "Admin" WITH GRANT OPTION;',
      "GRANT SELECT ON TABLE v TO PUBLIC;",
      "GRANT SELECT, UPDATE ON TABLE v TO reader;",
    ]);
    expect(renderGrants({ object: "FUNCTION f()", defaults: ROUTINE_DEFAULTS }, [])).toEqual([
      "REVOKE EXECUTE ON FUNCTION f() FROM PUBLIC;",
    ]);
    expect(
      renderGrants({ object: "FUNCTION f()", defaults: ROUTINE_DEFAULTS }, [
        { grantee: "PUBLIC", privilege: "EXECUTE", grantable: false },
      ]),
    ).toEqual([]);
    // a creation ACL from default privileges, with a grant option the desired state does not keep
    expect(
      renderGrants(
        { object: "TABLE v", defaults: [{ grantee: "auditor", privilege: "SELECT", grantable: true }] },
        [select("SELECT"), { grantee: "auditor", privilege: "SELECT", grantable: false }],
      ),
    ).toEqual([
      "GRANT SELECT ON TABLE v TO reader;",
      "REVOKE GRANT OPTION FOR SELECT ON TABLE v FROM auditor;",
    ]);
  });
});

describe("CREATE OR REPLACE VIEW compatibility", () => {
  const before = view("public", "v", ["id", "email"], " SELECT users.id,\n    users.email\n   FROM users;");
  it("reads the select list of a deparsed view", () => {
    expect(
      selectList(" SELECT users.id,\n    lower(users.email, 'a,b') AS e\n   FROM users\n  WHERE x;"),
    ).toEqual(["users.id", "lower(users.email, 'a,b') AS e"]);
    expect(selectList(" SELECT 1 AS a\nUNION\n SELECT 2 AS a;")).toBeNull();
    expect(selectList(" WITH x AS (SELECT 1) SELECT * FROM x;")).toBeNull();
  });
  it("replaces when columns are only appended or the FROM/WHERE changes", () => {
    const appended = view(
      "public",
      "v",
      ["id", "email", "name"],
      " SELECT users.id,\n    users.email,\n    users.name\n   FROM users;",
    );
    expect(viewNeedsRecreate(before, appended)).toBe(false);
    const filtered = view(
      "public",
      "v",
      ["id", "email"],
      " SELECT users.id,\n    users.email\n   FROM users\n  WHERE users.active;",
    );
    expect(viewNeedsRecreate(before, filtered)).toBe(false);
  });
  it("recreates when a column is removed, renamed, reordered or its expression changes", () => {
    expect(viewNeedsRecreate(before, view("public", "v", ["id"], " SELECT users.id\n   FROM users;"))).toBe(
      true,
    );
    expect(
      viewNeedsRecreate(
        before,
        view("public", "v", ["email", "id"], " SELECT users.email,\n    users.id\n   FROM users;"),
      ),
    ).toBe(true);
    expect(
      viewNeedsRecreate(
        before,
        view(
          "public",
          "v",
          ["id", "email"],
          " SELECT users.id::text AS id,\n    users.email\n   FROM users;",
        ),
      ),
    ).toBe(true);
  });
});

describe("view plans", () => {
  const users = table("public", "users", [
    ["id", "bigint"],
    ["email", "character varying(100)"],
    ["active", "integer"],
  ]);
  const definition = " SELECT users.id,\n    users.email\n   FROM users\n  WHERE users.active = 1;";
  const activeUsers = view("public", "active_users", ["id", "email"], definition, {
    comment: "users that can log in",
    columnComments: { email: "login" },
    privileges: [select("SELECT")],
  });
  const onColumns = (viewId: string, columns: readonly string[]) =>
    columns.map((c) => ({ dependent: viewId, referenced: ids.column("public", "users", c) }));

  it("drops a view early around a column type change, then recreates it with comments and grants", () => {
    const deps = onColumns(activeUsers.id, ["id", "email", "active"]);
    const current = makeState({ tables: [users], views: [activeUsers] }, { dependencies: deps });
    const widened = table("public", "users", [
      ["id", "bigint"],
      ["email", "text"],
      ["active", "integer"],
    ]);
    const desired = makeState({ tables: [widened], views: [activeUsers] }, { dependencies: deps });
    const result = plan(current, desired);
    expect(result.steps.map((s) => s.sql)).toEqual([
      "DROP VIEW active_users;",
      "ALTER TABLE users ALTER COLUMN email TYPE text;",
      `CREATE VIEW active_users AS\n${definition.trim().slice(0, -1)};`,
      "GRANT SELECT ON TABLE active_users TO reader;",
      "COMMENT ON VIEW active_users IS 'users that can log in';",
      "COMMENT ON COLUMN active_users.email IS 'login';",
    ]);
    expect(result.steps[0]?.kind).toBe("drop_view_early");
    expect(result.steps[0]?.priority).toBe(3);
    expect(result.steps[2]?.priority).toBe(40);
    expect(result.groups).toHaveLength(1);
  });

  it("drops views on views transitively, dependents first, and recreates them in reverse", () => {
    const outer = view("public", "outer_v", ["id"], " SELECT active_users.id\n   FROM active_users;");
    const deps = [
      ...onColumns(activeUsers.id, ["id", "email", "active"]),
      { dependent: outer.id, referenced: activeUsers.id },
    ];
    const current = makeState({ tables: [users], views: [activeUsers, outer] }, { dependencies: deps });
    const changed = table("public", "users", [
      ["id", "bigint"],
      ["email", "text"],
      ["active", "integer"],
    ]);
    const desired = makeState({ tables: [changed], views: [activeUsers, outer] }, { dependencies: deps });
    const sql = plan(current, desired).steps.map((s) => s.sql.split("\n")[0]);
    expect(sql.slice(0, 5)).toEqual([
      "DROP VIEW outer_v;",
      "DROP VIEW active_users;",
      "ALTER TABLE users ALTER COLUMN email TYPE text;",
      "CREATE VIEW active_users AS",
      "GRANT SELECT ON TABLE active_users TO reader;",
    ]);
    expect(sql).toContain("CREATE VIEW outer_v AS");
    expect(sql.indexOf("CREATE VIEW outer_v AS")).toBeGreaterThan(sql.indexOf("CREATE VIEW active_users AS"));
  });

  describe("a view dropped early is never missing across a commit (no autocommit step in between)", () => {
    const widened = table("public", "users", [
      ["id", "bigint"],
      ["email", "text"],
      ["active", "integer", { notNull: true }],
    ]);
    const deps = onColumns(activeUsers.id, ["id", "email", "active"]);
    const stats = { "table:public.users": { reltuples: 5_000_000, relpages: 1 } };
    const small = { "table:public.users": { reltuples: 10, relpages: 1 } };
    const windowOf = (steps: readonly { sql: string }[]) => {
      const drop = steps.findIndex((s) => s.sql === "DROP VIEW active_users;");
      const create = steps.findIndex((s) => s.sql.startsWith("CREATE VIEW active_users"));
      return { drop, create };
    };

    it("the NOT NULL pattern's VALIDATE on a column the view reads runs before the drop", () => {
      const result = plan(
        makeState({ tables: [users], views: [activeUsers] }, { dependencies: deps, stats }),
        makeState({ tables: [widened], views: [activeUsers] }, { dependencies: deps }),
      );
      expect(result.steps.map((s) => s.sql.split("\n")[0])).toEqual([
        "ALTER TABLE users",
        "ALTER TABLE users VALIDATE CONSTRAINT chk_users_active_notnull;",
        "DROP VIEW active_users;",
        "ALTER TABLE users ALTER COLUMN email TYPE text;",
        "ALTER TABLE users ALTER COLUMN active SET NOT NULL;",
        "ALTER TABLE users DROP CONSTRAINT chk_users_active_notnull;",
        "CREATE VIEW active_users AS",
        "GRANT SELECT ON TABLE active_users TO reader;",
        "COMMENT ON VIEW active_users IS 'users that can log in';",
        "COMMENT ON COLUMN active_users.email IS 'login';",
      ]);
      const { drop, create } = windowOf(result.steps);
      const group = result.groups.find((g) => g.steps.includes(drop));
      expect(group?.transaction).toBe("transactional");
      expect(group?.steps).toContain(create);
      expect(result.warnings).toEqual([]);
    });

    it("an index built concurrently and a VALIDATE that need nothing of the window run after it", () => {
      const orders = table("public", "orders", [["user_id", "bigint"]]);
      const fk = foreignKey(
        "public",
        "orders",
        "orders_user_fk",
        ["user_id"],
        { schema: "public", name: "users" },
        ["id"],
      );
      const emailIndex = index("public", "users", "users_email_idx", ["email"]);
      const result = plan(
        makeState({ tables: [users, orders], views: [activeUsers] }, { dependencies: deps, stats: small }),
        makeState(
          { tables: [widened, orders], views: [activeUsers], constraints: [fk], indexes: [emailIndex] },
          { dependencies: deps },
        ),
      );
      const { drop, create } = windowOf(result.steps);
      expect(drop).toBeGreaterThanOrEqual(0);
      const autocommit = result.steps.flatMap((s, i) => (s.transaction === "autocommit" ? [i] : []));
      expect(autocommit.map((i) => result.steps[i]?.sql.split("\n")[0])).toEqual([
        "CREATE INDEX CONCURRENTLY users_email_idx",
        "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;",
      ]);
      expect(autocommit.every((i) => i > create)).toBe(true);
      expect(result.groups.find((g) => g.steps.includes(drop))?.steps).toContain(create);
    });

    it("a value added to an enum the view uses is committed before the drop", () => {
      const status = {
        kind: "enum" as const,
        id: ids.type("public", "status"),
        schema: "public",
        name: "status",
        labels: ["a", "b"],
        owner: "postgres",
        comment: null,
        privileges: [],
      };
      const withC = { ...status, labels: ["a", "b", "c"] };
      const onType = [...deps, { dependent: activeUsers.id, referenced: status.id }];
      const result = plan(
        makeState(
          { types: [status], tables: [users], views: [activeUsers] },
          { dependencies: onType, stats: small },
        ),
        makeState({ types: [withC], tables: [widened], views: [activeUsers] }, { dependencies: onType }),
      );
      const sql = result.steps.map((s) => s.sql.split("\n")[0]);
      expect(sql.slice(0, 4)).toEqual([
        "ALTER TYPE status ADD VALUE 'c';",
        "DROP VIEW active_users;",
        "ALTER TABLE users ALTER COLUMN email TYPE text;",
        "ALTER TABLE users ALTER COLUMN active SET NOT NULL;",
      ]);
      const { drop, create } = windowOf(result.steps);
      expect(result.groups.find((g) => g.steps.includes(drop))?.steps).toContain(create);
    });
  });

  it("replaces a compatible view in place and alters options with AUTHZ_UPDATE", () => {
    const current = makeState({
      tables: [users],
      views: [view("public", "v", ["id"], " SELECT users.id\n   FROM users;")],
    });
    const appended = view(
      "public",
      "v",
      ["id", "email"],
      " SELECT users.id,\n    users.email\n   FROM users;",
    );
    expect(plan(current, makeState({ tables: [users], views: [appended] })).steps.map((s) => s.sql)).toEqual([
      "CREATE OR REPLACE VIEW v AS\nSELECT users.id,\n    users.email\n   FROM users;",
    ]);
    const invoker = view("public", "v", ["id"], " SELECT users.id\n   FROM users;", {
      options: ["security_invoker=true"],
    });
    const steps = plan(current, makeState({ tables: [users], views: [invoker] })).steps;
    expect(steps.map((s) => s.sql)).toEqual(["ALTER VIEW v SET (security_invoker=true);"]);
    expect(steps[0]?.hazards.map((h) => h.kind)).toEqual(["AUTHZ_UPDATE"]);
  });

  it("drops and creates a view whose columns change incompatibly", () => {
    const current = makeState({ tables: [users], views: [activeUsers] });
    const narrowed = view("public", "active_users", ["email"], " SELECT users.email\n   FROM users;", {
      privileges: activeUsers.privileges,
    });
    expect(plan(current, makeState({ tables: [users], views: [narrowed] })).steps.map((s) => s.sql)).toEqual([
      "DROP VIEW active_users;",
      "CREATE VIEW active_users AS\nSELECT users.email\n   FROM users;",
      "GRANT SELECT ON TABLE active_users TO reader;",
    ]);
  });

  it("creates new views after their tables and drops removed ones", () => {
    const v = view("public", "v", ["id"], " SELECT users.id\n   FROM users;");
    const desired = makeState(
      { tables: [users], views: [v] },
      { dependencies: [{ dependent: v.id, referenced: users.id }] },
    );
    expect(plan(makeState({}), desired).steps.map((s) => s.kind)).toEqual(["create_table", "create_view"]);
    expect(
      plan(makeState({ tables: [users], views: [v] }), makeState({ tables: [users] })).steps.map(
        (s) => s.sql,
      ),
    ).toEqual(["DROP VIEW v;"]);
  });

  it("drops a table before a view takes its name, recreating views that read the old table", () => {
    const data = table("x", "data", [["id", "bigint"]]);
    const tData = table("x", "t_data", [["id", "bigint"]]);
    const q = view("x", "q", ["id"], " SELECT data.id\n   FROM x.data;");
    const dataView = view("x", "data", ["id"], " SELECT t_data.id\n   FROM x.t_data;");
    const schemaX = {
      kind: "schema" as const,
      id: "schema:x",
      name: "x",
      owner: "postgres",
      comment: null,
      privileges: [],
    };
    const current = makeState(
      { schemas: [schemaX], tables: [data], views: [q] },
      { dependencies: [{ dependent: q.id, referenced: ids.column("x", "data", "id") }] },
    );
    const desired = makeState(
      { schemas: [schemaX], tables: [tData], views: [dataView, q] },
      {
        dependencies: [
          { dependent: dataView.id, referenced: tData.id },
          { dependent: q.id, referenced: dataView.id },
        ],
      },
    );
    expect(plan(current, desired).steps.map((s) => s.sql.split("\n")[0])).toEqual([
      "DROP VIEW x.q;",
      "CREATE TABLE x.t_data (",
      "DROP TABLE x.data;",
      "CREATE VIEW x.data AS",
      "CREATE VIEW x.q AS",
    ]);
  });
});
