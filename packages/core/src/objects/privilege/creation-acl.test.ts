import { describe, expect, it } from "vitest";
import { ids } from "../../model/ids.js";
import type { DefaultPrivilege, Privilege, SchemaState } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { makeState, routine, schema, sequence, table, view } from "../testing.js";
import { creationAcl } from "./creation-acl.js";

const p = (grantee: string, privilege: string, grantable = false): Privilege => ({
  grantee,
  privilege,
  grantable,
});
const entry = (
  role: string,
  schemaName: string | null,
  objectType: DefaultPrivilege["objectType"],
  privileges: readonly Privilege[],
): DefaultPrivilege => ({
  kind: "default_privilege",
  id: ids.defaultPrivilege(role, schemaName, objectType),
  role,
  schema: schemaName,
  objectType,
  privileges,
});
/** A state read as `app` (the role the plan runs as), with these default privileges. */
const asApp = (state: SchemaState): SchemaState => ({
  ...state,
  server: { ...state.server, currentUser: "app" },
});
const sql = (state: { steps: readonly { sql: string }[] }) => state.steps.map((step) => step.sql);
const fn = { kind: "routine", routine: "function", schema: "public", name: "one", arguments: "" } as const;

describe("creationAcl: what an object gets when the plan creates it", () => {
  it("built-in defaults without entries, or without the creating role", () => {
    const noEntries = asApp(makeState({}));
    expect(creationAcl(noEntries, fn)).toEqual([p("PUBLIC", "EXECUTE")]);
    expect(creationAcl(noEntries, { kind: "table", schema: "public", name: "t" })).toEqual([]);
    const unknownCreator = makeState({ defaultPrivileges: [entry("app", null, "functions", [])] });
    expect(creationAcl(unknownCreator, fn)).toEqual([p("PUBLIC", "EXECUTE")]);
  });

  it("the creating role's global entry replaces the built-ins; a schema entry adds; options merge", () => {
    const state = asApp(
      makeState({
        defaultPrivileges: [
          entry("app", null, "functions", [p("reader", "EXECUTE")]),
          entry("app", null, "tables", [p("reader", "SELECT")]),
          entry("app", "reports", "tables", [p("reader", "SELECT", true), p("writer", "INSERT")]),
          entry("other", null, "tables", [p("spy", "SELECT")]),
          entry("app", null, "schemas", [p("reader", "USAGE")]),
        ],
      }),
    );
    expect(creationAcl(state, fn)).toEqual([p("reader", "EXECUTE")]);
    expect(creationAcl(state, { kind: "view", schema: "public", name: "v" })).toEqual([
      p("reader", "SELECT"),
    ]);
    expect(creationAcl(state, { kind: "materialized_view", schema: "reports", name: "m" })).toEqual([
      p("reader", "SELECT", true),
      p("writer", "INSERT"),
    ]);
    expect(creationAcl(state, { kind: "schema", name: "reports" })).toEqual([p("reader", "USAGE")]);
    expect(creationAcl(state, { kind: "sequence", schema: "public", name: "s" })).toEqual([]);
    expect(creationAcl(state, { kind: "column", schema: "public", table: "t", name: "c" })).toEqual([]);
  });
});

describe("grants on new objects under default privileges (issue 15, class 7)", () => {
  const revokedFromPublic = [entry("app", null, "functions", [])];

  it("ADP REVOKE EXECUTE FROM PUBLIC in both states: a desired GRANT TO PUBLIC is planned", () => {
    const current = asApp(makeState({ defaultPrivileges: revokedFromPublic }));
    const desired = makeState({
      functions: [routine("public", "one")],
      defaultPrivileges: revokedFromPublic,
    });
    expect(sql(plan(current, desired))).toEqual([
      "CREATE OR REPLACE FUNCTION public.one()\n RETURNS integer\n LANGUAGE sql\nAS $function$SELECT 1$function$;",
      "GRANT EXECUTE ON FUNCTION one() TO PUBLIC;",
    ]);
    // and nothing when the desired function has no PUBLIC EXECUTE either
    const without = makeState({
      functions: [routine("public", "one", { privileges: [] })],
      defaultPrivileges: revokedFromPublic,
    });
    expect(sql(plan(current, without)).filter((s) => /GRANT|REVOKE/.test(s))).toEqual([]);
  });

  it("ADP GRANT SELECT in both states: a table without it is revoked after its CREATE", () => {
    const adp = [entry("app", "public", "tables", [p("reader", "SELECT"), p("auditor", "SELECT", true)])];
    const current = asApp(makeState({ defaultPrivileges: adp }));
    const desired = makeState({
      tables: [table("public", "t", [["id", "bigint"]], { privileges: [p("auditor", "SELECT")] })],
      sequences: [sequence("public", "s", { privileges: [p("reader", "USAGE")] })],
      defaultPrivileges: adp,
    });
    expect(sql(plan(current, desired))).toEqual([
      "CREATE SEQUENCE s;",
      "CREATE TABLE t (\n  id bigint\n);",
      "REVOKE GRANT OPTION FOR SELECT ON TABLE t FROM auditor;",
      "REVOKE SELECT ON TABLE t FROM reader;",
      "GRANT USAGE ON SEQUENCE s TO reader;",
    ]);
  });

  it("a default-privilege change waits for the objects it would apply to, planned from the current entries", () => {
    const current = asApp(makeState({ schemas: [schema("reports")] }));
    const adp = entry("app", "reports", "tables", [p("reader", "SELECT")]);
    const desired = makeState({
      schemas: [schema("reports")],
      views: [view("reports", "v", ["one"], " SELECT 1 AS one;", { privileges: [p("reader", "SELECT")] })],
      defaultPrivileges: [adp],
    });
    const result = plan(current, desired);
    expect(sql(result)).toEqual([
      "CREATE VIEW reports.v AS\nSELECT 1 AS one;",
      "GRANT SELECT ON TABLE reports.v TO reader;",
      "ALTER DEFAULT PRIVILEGES FOR ROLE app IN SCHEMA reports GRANT SELECT ON TABLES TO reader;",
    ]);
    const adpStep = result.steps[2];
    expect(adpStep?.dependsOn).toContain(result.steps[0]?.id);
  });

  it("a recreated view takes back what its creation ACL gives and the desired state does not hold", () => {
    // both sides: no grant on v, although app's default privileges give reader SELECT on new tables
    const adp = [entry("app", null, "tables", [p("reader", "SELECT")])];
    const before = view("public", "v", ["one"], " SELECT 1 AS one;");
    const after = view("public", "v", ["two"], " SELECT 2 AS two;");
    const result = plan(
      asApp(makeState({ views: [before], defaultPrivileges: adp })),
      makeState({ views: [after], defaultPrivileges: adp }),
    );
    expect(sql(result).filter((s) => /^(GRANT|REVOKE)/.test(s))).toEqual([
      "REVOKE SELECT ON TABLE v FROM reader;",
    ]);
  });
});
