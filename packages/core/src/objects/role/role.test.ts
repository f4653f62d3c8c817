import { describe, expect, test } from "vitest";
import { formatError, MissingRolesError } from "../../errors.js";
import type { RoleDeclarations } from "../../model/role.js";
import {
  renderCreateRole,
  renderGrantMembership,
  renderMissingRoles,
  renderRoleComment,
  renderRoleSetting,
} from "./role.render.js";

const location = { file: "roles.sql", line: 1, column: 1 };

describe("role statements", () => {
  test("CREATE ROLE spells out NOLOGIN and the stated attributes in synopsis order", () => {
    expect(renderCreateRole("app_reader")).toBe("CREATE ROLE app_reader NOLOGIN;");
    expect(
      renderCreateRole("App User", {
        bypassrls: true,
        login: true,
        inherit: false,
        connectionLimit: 5,
        validUntil: "2030-01-01 00:00:00+00",
        superuser: false,
      }),
    ).toBe(
      `CREATE ROLE "App User" NOSUPERUSER NOINHERIT LOGIN BYPASSRLS CONNECTION LIMIT 5 VALID UNTIL '2030-01-01 00:00:00+00';`,
    );
  });

  test("settings, comments", () => {
    expect(
      renderRoleSetting("app", { name: "search_path", database: null, value: ["$user", "public"] }),
    ).toBe("ALTER ROLE app SET search_path TO '$user', 'public';");
    expect(renderRoleSetting("app", { name: "work_mem", database: "my db", value: [65536] })).toBe(
      `ALTER ROLE app IN DATABASE "my db" SET work_mem TO 65536;`,
    );
    expect(renderRoleSetting("app", { name: "work_mem", database: null, value: null })).toBe(
      "ALTER ROLE app RESET work_mem;",
    );
    expect(renderRoleSetting("app", { name: null, database: null, value: null })).toBe(
      "ALTER ROLE app RESET ALL;",
    );
    expect(renderRoleComment("app", "it's")).toBe("COMMENT ON ROLE app IS 'it''s';");
  });

  test("memberships: ADMIN OPTION as every major reads it, the PostgreSQL 16 options when stated", () => {
    expect(renderGrantMembership({ role: "base", member: "app", location })).toBe("GRANT base TO app;");
    expect(renderGrantMembership({ role: "base", member: "app", admin: true, location })).toBe(
      "GRANT base TO app WITH ADMIN OPTION;",
    );
    expect(renderGrantMembership({ role: "base", member: "app", inherit: false, set: true, location })).toBe(
      "GRANT base TO app WITH INHERIT FALSE, SET TRUE;",
    );
  });

  test("missing roles: declared ones as declared, named ones NOLOGIN, then their memberships", () => {
    const declarations: RoleDeclarations = {
      roles: [
        {
          name: "writer",
          location,
          created: true,
          attributes: { login: true },
          settings: [{ name: "search_path", database: null, value: ["app"] }],
          comment: "writes",
        },
        { name: "present", location, created: true, attributes: {}, settings: [] },
      ],
      memberships: [
        { role: "reader", member: "writer", location },
        { role: "present", member: "other_present", location },
      ],
    };
    expect(renderMissingRoles(["writer", "reader"], declarations)).toEqual([
      "CREATE ROLE reader NOLOGIN;",
      "CREATE ROLE writer LOGIN;",
      "ALTER ROLE writer SET search_path TO 'app';",
      "COMMENT ON ROLE writer IS 'writes';",
      "GRANT reader TO writer;",
    ]);
  });

  test("the missing-roles error lists each role where it is named, then what to run (exit 3)", () => {
    const error = new MissingRolesError(
      "the target's server",
      [
        {
          message: "role reader is declared here",
          location: { file: "roles.sql", line: 3, column: 1 },
          sourceLine: "CREATE ROLE reader;",
        },
      ],
      ["reader"],
      ["CREATE ROLE reader NOLOGIN;"],
    );
    expect(error.code).toBe("refused");
    expect(formatError(error)).toBe(
      [
        "a role the desired state names does not exist on the target's server: reader",
        "",
        "roles.sql:3:1: role reader is declared here",
        "  3 | CREATE ROLE reader;",
        "      ^",
        "",
        "hint: pg-flux does not create roles (they belong to the whole server): run once on the target's server, as a role with CREATEROLE, then plan again:",
        "    CREATE ROLE reader NOLOGIN;",
      ].join("\n"),
    );
  });
});
