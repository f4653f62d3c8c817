import { describe, expect, it } from "vitest";
import type { Change } from "../../diff/change.js";
import { diffContext } from "../../diff/diff.js";
import { ids } from "../../model/ids.js";
import type {
  Aggregate,
  EventTrigger,
  MaterializedView,
  Privilege,
  Function as Routine,
  TypeDefinition,
  View,
} from "../../model/state.js";
import { renderAlterOwner } from "../owner/owner.render.js";
import { makeState, schema, sequence, table } from "../testing.js";
import { diffAuthorization } from "./authorization.diff.js";
import { renderGrant, renderRevoke } from "./privilege.render.js";

const p = (grantee: string, privilege: string): Privilege => ({ grantee, privilege, grantable: false });
const EXECUTE_PUBLIC = p("PUBLIC", "EXECUTE");

/** Every kind that has an owner, in `app`, owned by `owner`; the grants are the caller's. */
function objects(owner: string, grants: (id: string) => readonly Privilege[]) {
  const relation = (id: string, name: string) => ({
    id,
    schema: "app",
    name,
    definition: " SELECT 1 AS one;",
    columns: ["one"],
    options: [],
    owner,
    comment: null,
    columnComments: {},
    privileges: grants(id),
  });
  const view: View = { ...relation(ids.view("app", "v"), "v"), kind: "view", checkOption: null };
  const matview: MaterializedView = {
    ...relation(ids.materializedView("app", "mv"), "mv"),
    kind: "materialized_view",
    populated: true,
  };
  const routine = (kind: "function" | "procedure", name: string, args: string): Routine => {
    const id = ids.function("app", name, args);
    return {
      kind,
      id,
      schema: "app",
      name,
      identityArguments: args,
      argumentTypes: args,
      arguments: args,
      returns: kind === "function" ? "integer" : null,
      language: "sql",
      definition: `CREATE OR REPLACE ${kind.toUpperCase()} app.${name}(${args}) LANGUAGE sql AS $$ SELECT 1 $$`,
      calls: [],
      volatility: "volatile",
      strict: false,
      securityDefiner: false,
      leakproof: false,
      parallel: "unsafe",
      config: [],
      cost: 100,
      rows: 0,
      owner,
      comment: null,
      privileges: grants(id),
    };
  };
  const aggregate: Aggregate = {
    kind: "aggregate",
    id: ids.aggregate("app", "cnt", ""),
    schema: "app",
    name: "cnt",
    identityArguments: "",
    definition: "CREATE AGGREGATE app.cnt(*) (SFUNC = int8inc, STYPE = bigint)",
    owner,
    comment: null,
    privileges: grants(ids.aggregate("app", "cnt", "")),
  };
  const typeBase = (name: string) => ({
    id: ids.type("app", name),
    schema: "app",
    name,
    owner,
    comment: null,
    privileges: grants(ids.type("app", name)),
  });
  const domain: TypeDefinition = {
    ...typeBase("email"),
    kind: "domain",
    baseType: "text",
    default: null,
    notNull: false,
    collation: null,
    checks: [],
  };
  const mood: TypeDefinition = { ...typeBase("mood"), kind: "enum", labels: ["happy", "sad"] };
  const eventTrigger: EventTrigger = {
    kind: "event_trigger",
    id: ids.eventTrigger("audit"),
    name: "audit",
    event: "ddl_command_end",
    tags: [],
    function: ids.function("app", "f", "integer"),
    enabled: "origin",
    owner,
    comment: null,
  };
  const t = table(
    "app",
    "t",
    [
      ["id", "bigint", { privileges: grants(ids.column("app", "t", "id")) }],
      ["name", "text", { privileges: grants(ids.column("app", "t", "name")) }],
    ],
    { owner, privileges: grants(ids.table("app", "t")) },
  );
  return {
    schemas: [{ ...schema("app"), owner, privileges: grants(ids.schema("app")) }],
    tables: [t],
    sequences: [
      sequence("app", "free", { owner, privileges: grants(ids.sequence("app", "free")) }),
      // Owned by a column: it follows its table's owner, so it has no owner change of its own.
      sequence("app", "t_id_seq", {
        owner,
        ownedBy: ids.column("app", "t", "id"),
        privileges: grants(ids.sequence("app", "t_id_seq")),
      }),
    ],
    views: [view],
    materializedViews: [matview],
    functions: [routine("function", "f", "integer"), routine("procedure", "p", "")],
    aggregates: [aggregate],
    types: [domain, mood],
    eventTriggers: [eventTrigger],
  };
}

/** Each change as the SQL it renders to, in the differ's order. */
function sql(changes: readonly Change[]): string[] {
  return changes.map((c) => {
    switch (c.kind) {
      case "alter_owner":
        return renderAlterOwner(c.target, c.owner);
      case "grant_privileges":
        return renderGrant(c.target, c.privileges, c.grantee, c.grantable);
      case "revoke_privileges":
        return renderRevoke(c.target, c.privileges, c.grantee, c.grantOptionOnly);
      default:
        return c.kind;
    }
  });
}

describe("authorization differ", () => {
  it("walks every owned kind: owners first, then grants, in one order", () => {
    const current = objects("a", (id) =>
      id.startsWith("function:") || id.startsWith("aggregate:") ? [EXECUTE_PUBLIC] : [p("x", "SELECT")],
    );
    const desired = objects("b", (id) => {
      if (id === ids.column("app", "t", "name")) return [p("y", "UPDATE")];
      if (id.startsWith("function:") || id.startsWith("aggregate:")) return [];
      if (id.startsWith("type:") || id.startsWith("schema:")) return [p("x", "USAGE")];
      return [p("x", "SELECT"), p("y", "SELECT")];
    });
    const changes = diffAuthorization(diffContext(makeState(current), makeState(desired)));
    expect(changes.every((c) => c.deps.requires.length > 0)).toBe(true);
    expect(sql(changes)).toEqual([
      "ALTER SCHEMA app OWNER TO b;",
      "ALTER TABLE app.t OWNER TO b;",
      "ALTER SEQUENCE app.free OWNER TO b;",
      "ALTER VIEW app.v OWNER TO b;",
      "ALTER MATERIALIZED VIEW app.mv OWNER TO b;",
      "ALTER FUNCTION app.f(integer) OWNER TO b;",
      "ALTER PROCEDURE app.p() OWNER TO b;",
      "ALTER AGGREGATE app.cnt(*) OWNER TO b;",
      "ALTER DOMAIN app.email OWNER TO b;",
      "ALTER TYPE app.mood OWNER TO b;",
      "ALTER EVENT TRIGGER audit OWNER TO b;",
      "REVOKE SELECT ON SCHEMA app FROM x;",
      "GRANT USAGE ON SCHEMA app TO x;",
      "GRANT SELECT ON TABLE app.t TO y;",
      "GRANT SELECT (id) ON TABLE app.t TO y;",
      "REVOKE SELECT (name) ON TABLE app.t FROM x;",
      "GRANT UPDATE (name) ON TABLE app.t TO y;",
      "GRANT SELECT ON SEQUENCE app.free TO y;",
      "GRANT SELECT ON SEQUENCE app.t_id_seq TO y;",
      "GRANT SELECT ON TABLE app.v TO y;",
      "GRANT SELECT ON TABLE app.mv TO y;",
      "REVOKE EXECUTE ON FUNCTION app.f(integer) FROM PUBLIC;",
      "REVOKE EXECUTE ON PROCEDURE app.p() FROM PUBLIC;",
      "REVOKE EXECUTE ON FUNCTION app.cnt() FROM PUBLIC;",
      "REVOKE SELECT ON DOMAIN app.email FROM x;",
      "GRANT USAGE ON DOMAIN app.email TO x;",
      "REVOKE SELECT ON TYPE app.mood FROM x;",
      "GRANT USAGE ON TYPE app.mood TO x;",
    ]);
  });

  it("starts new objects and recreated types from PostgreSQL's creation defaults", () => {
    const desired = objects("postgres", (id) => (id.startsWith("type:") ? [p("x", "USAGE")] : []));
    const fromNothing = diffAuthorization(diffContext(makeState({}), makeState(desired)));
    expect(sql(fromNothing)).toEqual([
      // new objects get an owner change too: whoever runs the CREATE would own them
      "ALTER SCHEMA app OWNER TO postgres;",
      "ALTER TABLE app.t OWNER TO postgres;",
      "ALTER SEQUENCE app.free OWNER TO postgres;",
      "ALTER VIEW app.v OWNER TO postgres;",
      "ALTER MATERIALIZED VIEW app.mv OWNER TO postgres;",
      "ALTER FUNCTION app.f(integer) OWNER TO postgres;",
      "ALTER PROCEDURE app.p() OWNER TO postgres;",
      "ALTER AGGREGATE app.cnt(*) OWNER TO postgres;",
      "ALTER DOMAIN app.email OWNER TO postgres;",
      "ALTER TYPE app.mood OWNER TO postgres;",
      "ALTER EVENT TRIGGER audit OWNER TO postgres;",
      "REVOKE EXECUTE ON FUNCTION app.f(integer) FROM PUBLIC;",
      "REVOKE EXECUTE ON PROCEDURE app.p() FROM PUBLIC;",
      "REVOKE EXECUTE ON FUNCTION app.cnt() FROM PUBLIC;",
      "REVOKE USAGE ON DOMAIN app.email FROM PUBLIC;",
      "GRANT USAGE ON DOMAIN app.email TO x;",
      "REVOKE USAGE ON TYPE app.mood FROM PUBLIC;",
      "GRANT USAGE ON TYPE app.mood TO x;",
    ]);

    // mood turns from an enum into a composite type: recreated, so its grants start over.
    const grants = (id: string) => (id.startsWith("type:") ? [p("PUBLIC", "USAGE"), p("x", "USAGE")] : []);
    const before = objects("postgres", grants);
    const after = objects("postgres", grants);
    const composite: TypeDefinition = {
      ...after.types[1]!,
      kind: "composite",
      attributes: [{ name: "a", type: "integer", collation: null }],
    };
    const recreated = diffAuthorization(
      diffContext(makeState(before), makeState({ ...after, types: [after.types[0]!, composite] })),
    );
    expect(sql(recreated)).toEqual(["GRANT USAGE ON TYPE app.mood TO x;"]);
  });
});
