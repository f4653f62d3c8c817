import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { inspect } from "../src/index.js";
import { loadFixture } from "./fixtures.js";

describe("policies and default privileges", () => {
  test("every policy field", async ({ db }) => {
    await loadFixture(db, "policies");
    const state = await inspect(db.url);
    expect(state.tables["table:sec.docs"]?.rowSecurity).toBe(true);
    expect(state.policies["policy:sec.docs.docs_read"]).toEqual({
      kind: "policy",
      id: "policy:sec.docs.docs_read",
      schema: "sec",
      name: "docs_read",
      table: "table:sec.docs",
      command: "select",
      permissive: true,
      roles: ["inspector_reader", "inspector_writer"],
      using: "published",
      withCheck: null,
      comment: "published only",
    });
    expect(state.policies["policy:sec.docs.docs_own"]).toMatchObject({
      command: "update",
      permissive: false,
      roles: ["inspector_writer"],
      using: "(owner_name = CURRENT_USER)",
      withCheck: "(owner_name = CURRENT_USER)",
    });
    expect(state.policies["policy:sec.docs.docs_all"]).toMatchObject({
      command: "all",
      roles: ["public"],
      using: "true",
    });
    expect(state.policies["policy:sec.docs.docs_insert"]).toMatchObject({
      command: "insert",
      using: null,
      withCheck: "(id > 0)",
    });
    expect(state.policies["policy:sec.docs.docs_delete"]).toMatchObject({
      command: "delete",
      using: "false",
    });
  });

  test("default privileges per role, schema and object type", async ({ db }) => {
    await loadFixture(db, "policies");
    const state = await inspect(db.url);
    expect(state.defaultPrivileges).toEqual({
      "default_privilege:inspector_writer.sec.functions": {
        kind: "default_privilege",
        id: "default_privilege:inspector_writer.sec.functions",
        role: "inspector_writer",
        schema: "sec",
        objectType: "functions",
        privileges: [{ grantee: "inspector_reader", privilege: "EXECUTE", grantable: true }],
      },
      // EXECUTE revoked from PUBLIC: the entry exists and grants nobody anything.
      "default_privilege:postgres.*.functions": {
        kind: "default_privilege",
        id: "default_privilege:postgres.*.functions",
        role: "postgres",
        schema: null,
        objectType: "functions",
        privileges: [],
      },
      "default_privilege:postgres.*.schemas": {
        kind: "default_privilege",
        id: "default_privilege:postgres.*.schemas",
        role: "postgres",
        schema: null,
        objectType: "schemas",
        privileges: [{ grantee: "inspector_writer", privilege: "CREATE", grantable: false }],
      },
      "default_privilege:postgres.*.sequences": {
        kind: "default_privilege",
        id: "default_privilege:postgres.*.sequences",
        role: "postgres",
        schema: null,
        objectType: "sequences",
        privileges: [{ grantee: "inspector_reader", privilege: "USAGE", grantable: false }],
      },
      "default_privilege:postgres.*.types": {
        kind: "default_privilege",
        id: "default_privilege:postgres.*.types",
        role: "postgres",
        schema: null,
        objectType: "types",
        privileges: [
          { grantee: "PUBLIC", privilege: "USAGE", grantable: false },
          { grantee: "inspector_writer", privilege: "USAGE", grantable: false },
        ],
      },
      "default_privilege:postgres.sec.tables": {
        kind: "default_privilege",
        id: "default_privilege:postgres.sec.tables",
        role: "postgres",
        schema: "sec",
        objectType: "tables",
        privileges: [{ grantee: "inspector_reader", privilege: "SELECT", grantable: false }],
      },
    });
  });
});
