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

  it("drops the policies that read a retyped column before ALTER COLUMN … TYPE and creates them after, in one transaction", () => {
    const tenant = (type: string) =>
      table("public", "documents", [["owner_id", type]], { rowSecurity: true });
    const notes = table("public", "notes", [["doc_id", "bigint"]], { rowSecurity: true });
    const fromNotes = {
      ...policy("notes_read", {
        using: "(EXISTS ( SELECT 1 FROM public.documents d WHERE (d.owner_id = notes.doc_id)))",
      }),
      id: ids.policy("public", "notes", "notes_read"),
      table: notes.id,
    };
    const unrelated = policy("documents_all", { using: "true" });
    const dependencies = [
      { dependent: read.id, referenced: "column:public.documents.owner_id" },
      { dependent: fromNotes.id, referenced: "column:public.documents.owner_id" },
    ];
    const result = plan(
      makeState(
        { tables: [tenant("integer"), notes], policies: [read, fromNotes, unrelated] },
        { dependencies },
      ),
      makeState(
        { tables: [tenant("bigint"), notes], policies: [read, fromNotes, unrelated] },
        { dependencies },
      ),
    );
    expect(result.steps.map((s) => s.sql)).toEqual([
      "DROP POLICY documents_read ON documents;",
      "DROP POLICY notes_read ON notes;",
      "ALTER TABLE documents ALTER COLUMN owner_id TYPE bigint;",
      "CREATE POLICY documents_read ON documents\nFOR SELECT TO authenticated\nUSING (owner_id = (current_setting('app.user_id'::text))::bigint);",
      "CREATE POLICY notes_read ON notes\nUSING (EXISTS ( SELECT 1 FROM public.documents d WHERE (d.owner_id = notes.doc_id)));",
    ]);
    expect(result.groups).toHaveLength(1);
  });

  it("drops no policy of a dropped table", () => {
    const result = plan(makeState({ tables: [documents(true)], policies: [admin] }), makeState({}));
    expect(result.steps.map((s) => s.kind)).toEqual(["drop_table"]);
  });
});
