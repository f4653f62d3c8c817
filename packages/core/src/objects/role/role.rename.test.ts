import { emptyState, type SchemaState } from "@pg-flux/core";
import { describe, expect, test } from "vitest";
import { renameRole } from "./role.rename.js";

const LOADER = "pgflux_load_abc_123";

/** A state as a shadow load reads it back (lists sorted): the loader owns what it made and is named in grants. */
function loaded(): SchemaState {
  const base = emptyState({ serverVersionNum: 180004, major: 18 });
  return {
    ...base,
    schemas: {
      "schema:app": {
        kind: "schema",
        id: "schema:app",
        name: "app",
        owner: LOADER,
        comment: null,
        privileges: [
          { grantee: LOADER, privilege: "CREATE", grantable: true },
          { grantee: "zed", privilege: "USAGE", grantable: false },
        ],
      },
    },
    policies: {
      "policy:app.t.p": {
        kind: "policy",
        id: "policy:app.t.p",
        schema: "app",
        name: "p",
        table: "t",
        command: "all",
        permissive: true,
        roles: ["admin", LOADER],
        using: "true",
        withCheck: null,
        comment: null,
      },
    },
    defaultPrivileges: {
      [`default_privilege:${LOADER}.*.tables`]: {
        kind: "default_privilege",
        id: `default_privilege:${LOADER}.*.tables`,
        role: LOADER,
        schema: null,
        objectType: "tables",
        privileges: [{ grantee: "reader", privilege: "SELECT", grantable: false }],
      },
      "default_privilege:reader.app.tables": {
        kind: "default_privilege",
        id: "default_privilege:reader.app.tables",
        role: "reader",
        schema: "app",
        objectType: "tables",
        privileges: [],
      },
    },
  };
}

describe("renameRole: a shadow load read as the target's role made it", () => {
  test("owners, grantees, policy roles and default privileges (ids too), lists in the inspector's order", () => {
    const renamed = renameRole(loaded(), LOADER, "app_user");
    expect(renamed.schemas["schema:app"]).toEqual({
      ...loaded().schemas["schema:app"],
      owner: "app_user",
      privileges: [
        { grantee: "app_user", privilege: "CREATE", grantable: true },
        { grantee: "zed", privilege: "USAGE", grantable: false },
      ],
    });
    expect(renamed.policies["policy:app.t.p"]?.roles).toEqual(["admin", "app_user"]);
    expect(Object.keys(renamed.defaultPrivileges)).toEqual([
      "default_privilege:app_user.*.tables",
      "default_privilege:reader.app.tables",
    ]);
    expect(renamed.defaultPrivileges["default_privilege:app_user.*.tables"]).toMatchObject({
      id: "default_privilege:app_user.*.tables",
      role: "app_user",
    });
    expect(JSON.stringify(renamed)).not.toContain(LOADER);
    // a new name sorts where the inspector would put it
    const last = renameRole(loaded(), LOADER, "zz_owner");
    expect(last.schemas["schema:app"]?.privileges.map((p) => p.grantee)).toEqual(["zed", "zz_owner"]);
    expect(last.policies["policy:app.t.p"]?.roles).toEqual(["admin", "zz_owner"]);
  });

  test("names outside role fields stay, and the reverse rename gives the state back", () => {
    const state = loaded();
    const withComment: SchemaState = {
      ...state,
      schemas: {
        "schema:app": { ...(state.schemas["schema:app"] as SchemaState["schemas"][string]), comment: LOADER },
      },
    };
    const there = renameRole(withComment, LOADER, "app_user");
    expect(there.schemas["schema:app"]?.comment).toBe(LOADER);
    expect(renameRole(there, "app_user", LOADER)).toEqual(withComment);
    expect(renameRole(state, "nobody", "x")).toEqual(state);
  });
});
