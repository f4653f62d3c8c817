import { describe, expect, it } from "vitest";
import { ids } from "../../model/ids.js";
import type { Policy } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { makeState, table } from "../testing.js";
import { renderAlterPolicy, renderCreatePolicy, renderDropPolicy } from "./policy.render.js";

const documents = (rowSecurity: boolean) =>
  table("public", "documents", [["owner_id", "bigint"]], { rowSecurity });

function policy(name: string, extra: Partial<Policy> = {}): Policy {
  return {
    kind: "policy",
    id: ids.policy("public", "documents", name),
    schema: "public",
    name,
    table: ids.table("public", "documents"),
    command: "all",
    permissive: true,
    roles: ["public"],
    using: null,
    withCheck: null,
    comment: null,
    ...extra,
  };
}

const read = policy("documents_read", {
  command: "select",
  roles: ["authenticated"],
  using: "(owner_id = (current_setting('app.user_id'::text))::bigint)",
});
const admin = policy("documents_admin", { roles: ["admin"], using: "true", withCheck: "true" });
const doc = { schema: "public", name: "documents" };

describe("policy renderers", () => {
  it("renders the seed's CREATE POLICY statements, one clause per line", () => {
    expect(renderCreatePolicy(doc, read)).toBe(
      "CREATE POLICY documents_read ON documents\nFOR SELECT TO authenticated\nUSING (owner_id = (current_setting('app.user_id'::text))::bigint);",
    );
    expect(renderCreatePolicy(doc, admin)).toBe(
      "CREATE POLICY documents_admin ON documents\nTO admin\nUSING (true)\nWITH CHECK (true);",
    );
    expect(
      renderCreatePolicy(
        doc,
        policy("p", { permissive: false, command: "insert", withCheck: "(owner_id > 0)" }),
      ),
    ).toBe("CREATE POLICY p ON documents\nAS RESTRICTIVE FOR INSERT\nWITH CHECK (owner_id > 0);");
    expect(renderAlterPolicy(doc, admin, { roles: true, using: false, withCheck: true })).toBe(
      "ALTER POLICY documents_admin ON documents\nTO admin\nWITH CHECK (true);",
    );
    expect(renderDropPolicy(doc, admin)).toBe("DROP POLICY documents_admin ON documents;");
  });
});

describe("policy plans", () => {
  it("creates both policies before ENABLE ROW LEVEL SECURITY (the seed's order)", () => {
    const result = plan(
      makeState({ tables: [documents(false)] }),
      makeState({ tables: [documents(true)], policies: [read, admin] }),
    );
    expect(result.steps.map((s) => s.kind)).toEqual(["create_policy", "create_policy", "enable_rls"]);
    expect(result.steps[2]?.sql).toBe("ALTER TABLE documents ENABLE ROW LEVEL SECURITY;");
    expect(result.steps.every((s) => s.hazards.some((h) => h.kind === "AUTHZ_UPDATE"))).toBe(true);
  });

  it("creates policies of a new table after the table and before ENABLE", () => {
    const result = plan(makeState({}), makeState({ tables: [documents(true)], policies: [admin] }));
    expect(result.steps.map((s) => s.kind)).toEqual(["create_table", "create_policy", "enable_rls"]);
  });

  it("disables RLS before dropping the policies on the way out", () => {
    const result = plan(
      makeState({ tables: [documents(true)], policies: [read, admin] }),
      makeState({ tables: [documents(false)] }),
    );
    expect(result.steps.map((s) => s.kind)).toEqual(["disable_rls", "drop_policy", "drop_policy"]);
  });

  it("alters roles and expressions in place; a command or permissiveness change replaces", () => {
    const altered = plan(
      makeState({ tables: [documents(true)], policies: [admin] }),
      makeState({
        tables: [documents(true)],
        policies: [{ ...admin, roles: ["admin", "auditor"], using: "false" }],
      }),
    );
    expect(altered.steps.map((s) => s.sql)).toEqual([
      "ALTER POLICY documents_admin ON documents\nTO admin, auditor\nUSING (false);",
    ]);
    const replaced = plan(
      makeState({ tables: [documents(true)], policies: [admin] }),
      makeState({ tables: [documents(true)], policies: [{ ...admin, permissive: false }] }),
    );
    expect(replaced.steps.map((s) => s.sql)).toEqual([
      "DROP POLICY documents_admin ON documents;",
      "CREATE POLICY documents_admin ON documents\nAS RESTRICTIVE TO admin\nUSING (true)\nWITH CHECK (true);",
    ]);
  });

  it("drops no policy of a dropped table", () => {
    const result = plan(makeState({ tables: [documents(true)], policies: [admin] }), makeState({}));
    expect(result.steps.map((s) => s.kind)).toEqual(["drop_table"]);
  });
});
