import { describe, expect, test } from "vitest";
import type { ManagedRole, RoleDeclarations, RoleState } from "../../model/role.js";
import { planFingerprint } from "../../plan/fingerprint.js";
import { plan } from "../../plan/planner.js";
import { makeState } from "../testing.js";
import { desiredRoleState, newRole, settingText } from "./role.desired.js";
import { resolveRoleRenames } from "./role.diff.js";
import { type ManagedRolesPlanInput, roleDropProblems, rolePatternMatches } from "./role.plan.js";

const at = { file: "roles.sql", line: 1, column: 1 };

function role(name: string, extra: Partial<ManagedRole> = {}): ManagedRole {
  return { ...newRole(name), ...extra };
}

function roles(...list: ManagedRole[]): RoleState {
  return { roles: Object.fromEntries(list.map((r) => [r.id, r])), dependents: {} };
}

function declared(declarations: Partial<RoleDeclarations>): RoleDeclarations {
  return { roles: [], memberships: [], ...declarations };
}

/** The SQL of a plan of role changes only (the database part is empty on both sides). */
function roleSql(
  current: RoleState,
  declarations: RoleDeclarations,
  extra: Partial<ManagedRolesPlanInput> = {},
  major = 17,
) {
  const { state: desired, problems } = desiredRoleState({
    declarations,
    current,
    renames: extra.renames ?? [],
    validUntil: new Map([["2030-01-01", "2030-01-01 00:00:00+00"]]),
    major,
  });
  expect(problems).toEqual([]);
  const db = makeState({}, { major });
  const planned = plan(db, db, {
    roles: { current, desired, renames: extra.renames ?? [], scope: { names: [], patterns: [] } },
  });
  return planned.steps.map((step) => step.sql);
}

describe("managed roles: desired state and plan", () => {
  test("a created role is described whole: unstated attributes are PostgreSQL's defaults", () => {
    expect(
      roleSql(
        roles(),
        declared({
          roles: [
            {
              name: "app",
              location: at,
              created: true,
              attributes: { login: true, connectionLimit: 5, validUntil: "2030-01-01" },
              settings: [
                { name: "search_path", database: null, value: ["$user", "app"] },
                { name: "work_mem", database: "shop", value: ["64MB"] },
              ],
              comment: "the app",
            },
            { name: "reader", location: at, created: true, attributes: {}, settings: [] },
          ],
          memberships: [{ role: "reader", member: "app", admin: true, location: at }],
        }),
      ),
    ).toEqual([
      "CREATE ROLE app LOGIN CONNECTION LIMIT 5 VALID UNTIL '2030-01-01 00:00:00+00';",
      "ALTER ROLE app SET search_path TO '$user', 'app';",
      "ALTER ROLE app IN DATABASE shop SET work_mem TO '64MB';",
      "COMMENT ON ROLE app IS 'the app';",
      "CREATE ROLE reader NOLOGIN;",
      "GRANT reader TO app WITH ADMIN OPTION;",
    ]);
  });

  test("attribute changes, a setting changed and one reset, a comment removed, a membership revoked", () => {
    const current = roles(
      role("app", {
        login: true,
        inherit: true,
        connectionLimit: 5,
        validUntil: "2030-01-01 00:00:00+00",
        settings: [
          { database: null, name: "search_path", value: "app" },
          { database: null, name: "work_mem", value: "4MB" },
        ],
        comment: "old",
        memberOf: [{ role: "old_group", admin: false, inherit: true, set: true }],
      }),
    );
    expect(
      roleSql(
        current,
        declared({
          roles: [
            {
              name: "app",
              location: at,
              created: true,
              attributes: { login: true, inherit: false, createdb: true },
              settings: [{ name: "search_path", database: null, value: ["app", "public"] }],
            },
          ],
        }),
      ),
    ).toEqual([
      "ALTER ROLE app CREATEDB NOINHERIT CONNECTION LIMIT -1 VALID UNTIL 'infinity';",
      "ALTER ROLE app RESET work_mem;",
      "ALTER ROLE app SET search_path TO 'app', 'public';",
      "COMMENT ON ROLE app IS NULL;",
      "REVOKE old_group FROM app;",
    ]);
  });

  test("a converged role plans nothing; unstated INHERIT/SET options are not compared", () => {
    const current = roles(
      role("app", {
        login: true,
        settings: [{ database: null, name: "search_path", value: '"$user", app' }],
        memberOf: [{ role: "reader", admin: false, inherit: false, set: true }],
      }),
      role("reader"),
    );
    expect(
      roleSql(
        current,
        declared({
          roles: [
            {
              name: "app",
              location: at,
              created: true,
              attributes: { login: true },
              settings: [{ name: "search_path", database: null, value: ["$user", "app"] }],
            },
            { name: "reader", location: at, created: true, attributes: {}, settings: [] },
          ],
          memberships: [{ role: "reader", member: "app", location: at }],
        }),
      ),
    ).toEqual([]);
  });

  test("membership options: ADMIN taken away by REVOKE ADMIN OPTION FOR, INHERIT/SET by GRANT (16+)", () => {
    const current = roles(
      role("app", { memberOf: [{ role: "base", admin: true, inherit: true, set: true }] }),
    );
    expect(
      roleSql(
        current,
        declared({
          roles: [{ name: "app", location: at, created: true, attributes: {}, settings: [] }],
          memberships: [{ role: "base", member: "app", inherit: false, location: at }],
        }),
      ),
    ).toEqual(["REVOKE ADMIN OPTION FOR base FROM app;", "GRANT base TO app WITH INHERIT FALSE;"]);
  });

  test("a role the files only alter keeps what they leave unsaid; memberships are only added", () => {
    const current = roles(
      role("alice", { login: true, memberOf: [{ role: "ops", admin: false, inherit: null, set: null }] }),
    );
    expect(
      roleSql(
        current,
        declared({
          roles: [
            {
              name: "alice",
              location: at,
              created: false,
              attributes: { connectionLimit: 2 },
              settings: [],
              comment: "a person",
            },
          ],
          memberships: [{ role: "reader", member: "alice", location: at }],
        }),
        {},
        14,
      ),
    ).toEqual([
      "ALTER ROLE alice CONNECTION LIMIT 2;",
      "COMMENT ON ROLE alice IS 'a person';",
      "GRANT reader TO alice;",
    ]);
  });

  test("SUPERUSER is never changed; INHERIT/SET options before 16 are problems", () => {
    const { problems } = desiredRoleState({
      declarations: declared({
        roles: [
          { name: "boss", location: at, created: true, attributes: { superuser: true }, settings: [] },
          { name: "app", location: at, created: true, attributes: {}, settings: [] },
        ],
        memberships: [{ role: "base", member: "app", set: false, location: { ...at, line: 7 } }],
      }),
      current: roles(),
      renames: [],
      validUntil: new Map(),
      major: 15,
    });
    expect(problems.map((p) => [p.message, p.location?.line])).toEqual([
      [
        "role boss: pg-flux does not grant SUPERUSER (a superuser bypasses every privilege and policy the schema describes)",
        1,
      ],
      [
        "GRANT base TO app: the INHERIT and SET options of a membership need PostgreSQL 16 (the server is 15)",
        7,
      ],
    ]);
  });

  test("a role no longer created (pattern scope) is dropped last under ROLE_DROP", () => {
    const current = roles(role("app_old"), role("app"));
    const { state: desired } = desiredRoleState({
      declarations: declared({
        roles: [{ name: "app", location: at, created: true, attributes: {}, settings: [] }],
      }),
      current,
      renames: [],
      validUntil: new Map(),
      major: 17,
    });
    const db = makeState({});
    const planned = plan(db, db, {
      roles: { current, desired, renames: [], scope: { names: ["app"], patterns: ["app_*"] } },
    });
    expect(planned.steps.map((s) => s.sql)).toEqual(["DROP ROLE app_old;"]);
    expect(planned.steps[0]?.hazards).toEqual([
      {
        kind: "ROLE_DROP",
        reason:
          "role app_old is dropped from the whole cluster: sessions can no longer log in as it or inherit its privileges; it owns nothing in this database",
      },
    ]);
    expect(planned.roleScope).toEqual({ names: ["app"], patterns: ["app_*"] });
    expect(planned.currentFingerprint).toBe(planFingerprint(db, current));
    expect(planned.currentFingerprint).not.toBe(planFingerprint(db, roles(role("app"))));
  });

  test("drops refused: a role that owns objects, one with objects elsewhere, one the files still name", () => {
    const current: RoleState = {
      roles: roles(role("app_owner"), role("app_far"), role("app_named")).roles,
      dependents: {
        app_owner: { owned: ["table public.orders"], privileges: [], otherDatabases: [] },
        app_far: { owned: [], privileges: [], otherDatabases: ["analytics"] },
      },
    };
    const problems = roleDropProblems(
      current,
      roles(),
      [],
      new Map([["app_named", { location: { file: "g.sql", line: 3, column: 1 }, sourceLine: "GRANT …" }]]),
    );
    expect(problems.map((p) => p.message)).toEqual([
      "role app_owner is no longer created by the files and matches a --manage-roles pattern, but cannot be dropped: it owns table public.orders",
      "role app_far is no longer created by the files and matches a --manage-roles pattern, but cannot be dropped: it owns objects or holds privileges in database analytics",
      "role app_named matches a --manage-roles pattern and the files name it, but do not create it: it would be dropped",
    ]);
  });

  test("rename by hint: ALTER ROLE … RENAME TO, and grants in the database follow the new name", () => {
    const current = roles(role("old_app", { login: true }));
    const hints = [{ from: "old_app", to: "app", location: at }];
    const resolved = resolveRoleRenames(hints, current, new Set(["app"]));
    expect(resolved).toEqual({ renames: [{ from: "old_app", to: "app" }], problems: [] });
    const declarations = declared({
      roles: [{ name: "app", location: at, created: true, attributes: { login: true }, settings: [] }],
    });
    expect(roleSql(current, declarations, { renames: resolved.renames })).toEqual([
      "ALTER ROLE old_app RENAME TO app;",
    ]);
  });

  test("rename hints that match nothing, conflict, or name a role the files do not create are problems", () => {
    const current = roles(role("both_old"), role("both_new"));
    const { renames, problems } = resolveRoleRenames(
      [
        { from: "typo", to: "app", location: at },
        { from: "both_old", to: "both_new", location: at },
        { from: "x", to: "not_created", location: at },
      ],
      current,
      new Set(["app", "both_new"]),
    );
    expect(renames).toEqual([]);
    expect(problems.map((p) => p.message)).toEqual([
      "rename hint matches nothing: the server has neither role typo (the old name) nor app",
      "rename hint conflicts with the server: both roles both_old and both_new exist",
      "rename hint target role not_created is not created by the files",
    ]);
  });

  test("settings are compared as pg_db_role_setting stores them; patterns match whole names", () => {
    expect(settingText("search_path", ["$user", "public", "My Schema"])).toBe('"$user", public, "My Schema"');
    expect(settingText("work_mem", [65536])).toBe("65536");
    expect(settingText("statement_timeout", ["5s"])).toBe("5s");
    expect(rolePatternMatches("app_*", "app_reader")).toBe(true);
    expect(rolePatternMatches("app_*", "xapp_reader")).toBe(false);
    expect(rolePatternMatches("*_ro", "orders_ro")).toBe(true);
    expect(rolePatternMatches("a*b*c", "abc")).toBe(true);
    expect(rolePatternMatches("a*b*c", "acb")).toBe(false);
    expect(rolePatternMatches("app", "app")).toBe(true);
  });

  test("a superuser the files create is only overlaid: a plain CREATE ROLE postgres takes nothing away", () => {
    const current = roles(
      role("postgres", {
        superuser: true,
        login: true,
        createdb: true,
        memberOf: [{ role: "ops", admin: false, inherit: null, set: null }],
      }),
    );
    expect(
      roleSql(
        current,
        declared({
          roles: [{ name: "postgres", location: at, created: true, attributes: {}, settings: [] }],
        }),
      ),
    ).toEqual([]);
  });

  test("a role that loses LOGIN is blocked like a drop (ROLE_DROP), besides AUTHZ_UPDATE", () => {
    const current = roles(role("app", { login: true }));
    const { state: desired } = desiredRoleState({
      declarations: declared({
        roles: [{ name: "app", location: at, created: true, attributes: {}, settings: [] }],
      }),
      current,
      renames: [],
      validUntil: new Map(),
      major: 17,
    });
    const db = makeState({});
    const planned = plan(db, db, {
      roles: { current, desired, renames: [], scope: { names: ["app"], patterns: [] } },
    });
    expect(planned.steps.map((s) => [s.sql, s.hazards.map((h) => h.kind)])).toEqual([
      ["ALTER ROLE app NOLOGIN;", ["AUTHZ_UPDATE", "ROLE_DROP"]],
    ]);
  });
});
