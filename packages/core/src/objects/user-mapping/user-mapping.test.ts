import { describe, expect, it } from "vitest";
import type { SchemaState } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { parseOptions } from "../foreign-data-wrapper/foreign-options.js";
import { type ForeignServer, foreignServerId } from "../foreign-server/foreign-server.model.js";
import { makeState } from "../testing.js";
import { isSecretOption, type UserMapping, userMappingId } from "./user-mapping.model.js";
import {
  renderAlterUserMapping,
  renderCreateUserMapping,
  renderDropUserMapping,
} from "./user-mapping.render.js";

const server: ForeignServer = {
  kind: "foreign_server",
  id: foreignServerId("remote"),
  name: "remote",
  wrapper: "dummy",
  type: null,
  version: null,
  options: [],
  owner: "postgres",
  privileges: [],
  comment: null,
};

function mapping(extra: Partial<UserMapping> = {}): UserMapping {
  const base = {
    kind: "user_mapping" as const,
    user: "app",
    server: "remote",
    options: [],
    comment: null,
    ...extra,
  };
  return { ...base, id: userMappingId(base.user, base.server) };
}

const state = (mappings: readonly UserMapping[]): SchemaState =>
  makeState({ foreignServers: [server], userMappings: mappings });
const sql = (current: SchemaState, desired: SchemaState) => plan(current, desired).steps.map((s) => s.sql);

describe("user mapping render", () => {
  it("CREATE, ALTER … OPTIONS, DROP; PUBLIC is the keyword, a role an identifier", () => {
    expect(mapping().id).toBe("user_mapping:app.remote");
    expect(renderCreateUserMapping(mapping({ options: parseOptions(["user=reporting"]) }))).toBe(
      "CREATE USER MAPPING FOR app SERVER remote OPTIONS (\"user\" 'reporting');",
    );
    expect(renderCreateUserMapping(mapping({ user: "PUBLIC" }))).toBe(
      "CREATE USER MAPPING FOR PUBLIC SERVER remote;",
    );
    expect(renderDropUserMapping(mapping({ user: "Data Team" }))).toBe(
      'DROP USER MAPPING FOR "Data Team" SERVER remote;',
    );
    expect(
      renderAlterUserMapping(
        mapping({ options: parseOptions(["user=a"]) }),
        mapping({ options: parseOptions(["user=b"]) }),
      ),
    ).toBe("ALTER USER MAPPING FOR app SERVER remote OPTIONS (SET \"user\" 'b');");
    expect(renderAlterUserMapping(mapping(), mapping())).toBeNull();
  });

  it("credentials are secret options; password_required and plain settings are not", () => {
    for (const name of [
      "password",
      "passfile",
      "sslpassword",
      "PASSWORD",
      "api_key",
      "secret",
      "auth_token",
      "key",
    ])
      expect(isSecretOption(name), name).toBe(true);
    for (const name of ["user", "password_required", "sslmode", "host", "keep_connections", "fetch_size"])
      expect(isSecretOption(name), name).toBe(false);
  });
});

describe("user mapping plans", () => {
  it("created after its server, dropped before it; options changed in place", () => {
    expect(sql(makeState({}), state([mapping()]))).toEqual([
      "CREATE SERVER remote FOREIGN DATA WRAPPER dummy;",
      "CREATE USER MAPPING FOR app SERVER remote;",
    ]);
    expect(sql(state([mapping()]), makeState({}))).toEqual([
      "DROP USER MAPPING FOR app SERVER remote;",
      "DROP SERVER remote;",
    ]);
    const dropped = plan(state([mapping()]), makeState({})).steps.map((s) => [s.sql, s.hazards]);
    expect(dropped).toEqual([
      [
        "DROP USER MAPPING FOR app SERVER remote;",
        [
          {
            kind: "AUTHZ_UPDATE",
            reason:
              "role app loses its mapping to server remote; a password or other credential set on it by hand is dropped with it and is not in the plan to set again",
          },
        ],
      ],
      ["DROP SERVER remote;", []],
    ]);
    expect(sql(state([mapping()]), state([mapping({ options: parseOptions(["user=r"]) })]))).toEqual([
      "ALTER USER MAPPING FOR app SERVER remote OPTIONS (ADD \"user\" 'r');",
    ]);
  });
});
