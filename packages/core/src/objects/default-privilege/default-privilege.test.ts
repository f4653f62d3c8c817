import { describe, expect, it } from "vitest";
import { ids } from "../../model/ids.js";
import type { DefaultPrivilege, Privilege } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { makeState, schema } from "../testing.js";
import { renderGrantDefault, renderRevokeDefault } from "./default-privilege.render.js";

const entry = (
  schemaName: string | null,
  objectType: DefaultPrivilege["objectType"],
  privileges: readonly Privilege[],
): DefaultPrivilege => ({
  kind: "default_privilege",
  id: ids.defaultPrivilege("owner", schemaName, objectType),
  role: "owner",
  schema: schemaName,
  objectType,
  privileges,
});

describe("default privilege renderers", () => {
  it("renders ALTER DEFAULT PRIVILEGES", () => {
    const scope = { role: "owner", schema: "app", objectType: "tables" } as const;
    expect(renderGrantDefault(scope, ["SELECT"], "reader", false)).toBe(
      "ALTER DEFAULT PRIVILEGES FOR ROLE owner IN SCHEMA app GRANT SELECT ON TABLES TO reader;",
    );
    expect(
      renderRevokeDefault({ ...scope, schema: null, objectType: "functions" }, ["EXECUTE"], "PUBLIC", false),
    ).toBe("ALTER DEFAULT PRIVILEGES FOR ROLE owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;");
  });
});

describe("default privilege plans", () => {
  it("grants, revokes, and compares a missing global entry with PostgreSQL's defaults", () => {
    const reader = { grantee: "reader", privilege: "SELECT", grantable: false };
    const result = plan(
      makeState({ schemas: [schema("app")], defaultPrivileges: [entry("app", "tables", [reader])] }),
      makeState({ schemas: [schema("app")], defaultPrivileges: [entry(null, "functions", [])] }),
    );
    expect(result.steps.map((s) => s.sql)).toEqual([
      "ALTER DEFAULT PRIVILEGES FOR ROLE owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;",
      "ALTER DEFAULT PRIVILEGES FOR ROLE owner IN SCHEMA app REVOKE SELECT ON TABLES FROM reader;",
    ]);
  });
});
