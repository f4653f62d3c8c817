import { describe, expect, it } from "vitest";
import { PgFluxError } from "../../errors.js";
import type { Dependency, SchemaState } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import {
  type ForeignDataWrapper,
  foreignDataWrapperId,
} from "../foreign-data-wrapper/foreign-data-wrapper.model.js";
import { parseOptions } from "../foreign-data-wrapper/foreign-options.js";
import { makeState } from "../testing.js";
import { type ForeignServer, foreignServerId } from "./foreign-server.model.js";
import {
  renderAlterForeignServer,
  renderCreateForeignServer,
  renderDropForeignServer,
} from "./foreign-server.render.js";

const wrapper: ForeignDataWrapper = {
  kind: "foreign_data_wrapper",
  id: foreignDataWrapperId("dummy"),
  name: "dummy",
  handler: null,
  validator: null,
  functionIds: [],
  options: [],
  owner: "postgres",
  privileges: [],
  comment: null,
};

function server(extra: Partial<ForeignServer> = {}): ForeignServer {
  const base = {
    kind: "foreign_server" as const,
    name: "remote",
    wrapper: "dummy",
    type: null,
    version: null,
    options: [],
    owner: "postgres",
    privileges: [],
    comment: null,
    ...extra,
  };
  return { ...base, id: foreignServerId(base.name) };
}

const state = (servers: readonly ForeignServer[], dependencies: readonly Dependency[] = []): SchemaState =>
  makeState({ foreignDataWrappers: [wrapper], foreignServers: servers }, { dependencies });
const sql = (current: SchemaState, desired: SchemaState) => plan(current, desired).steps.map((s) => s.sql);

describe("foreign server render", () => {
  it("CREATE SERVER with TYPE, VERSION and OPTIONS", () => {
    expect(renderCreateForeignServer(server())).toBe("CREATE SERVER remote FOREIGN DATA WRAPPER dummy;");
    expect(
      renderCreateForeignServer(
        server({
          name: "Old DB",
          type: "oracle",
          version: "19c",
          options: parseOptions(["port=1521", "host=db1"]),
        }),
      ),
    ).toBe(
      `CREATE SERVER "Old DB" TYPE 'oracle' VERSION '19c' FOREIGN DATA WRAPPER dummy OPTIONS (host 'db1', port '1521');`,
    );
    expect(renderDropForeignServer(server())).toBe("DROP SERVER remote;");
  });

  it("ALTER SERVER: VERSION (NULL to remove) and options; null for another TYPE or wrapper", () => {
    const from = server({ version: "1", options: parseOptions(["host=a"]) });
    expect(renderAlterForeignServer(from, server({ options: parseOptions(["host=b"]) }))).toBe(
      "ALTER SERVER remote VERSION NULL OPTIONS (SET host 'b');",
    );
    expect(renderAlterForeignServer(server(), server({ version: "2" }))).toBe(
      "ALTER SERVER remote VERSION '2';",
    );
    expect(renderAlterForeignServer(server(), server({ type: "pg" }))).toBeNull();
    expect(renderAlterForeignServer(server(), server({ wrapper: "other" }))).toBeNull();
  });
});

describe("foreign server plans", () => {
  it("created after its wrapper, commented, USAGE granted as FOREIGN SERVER", () => {
    const desired = server({
      comment: "reporting replica",
      privileges: [{ grantee: "app", privilege: "USAGE", grantable: false }],
    });
    expect(sql(makeState({}), state([desired]))).toEqual([
      "CREATE FOREIGN DATA WRAPPER dummy;",
      "CREATE SERVER remote FOREIGN DATA WRAPPER dummy;",
      "COMMENT ON SERVER remote IS 'reporting replica';",
      "GRANT USAGE ON FOREIGN SERVER remote TO app;",
    ]);
    expect(sql(state([desired]), makeState({}))).toEqual([
      "DROP SERVER remote;",
      "DROP FOREIGN DATA WRAPPER dummy;",
    ]);
  });

  it("another TYPE: dropped and created again when nothing uses it, refused naming users when something does", () => {
    expect(sql(state([server()]), state([server({ type: "pg" })]))).toEqual([
      "DROP SERVER remote;",
      "CREATE SERVER remote TYPE 'pg' FOREIGN DATA WRAPPER dummy;",
    ]);
    const used: Dependency = { dependent: "foreign_table:public.remote_users", referenced: server().id };
    const run = () => plan(state([server()], [used]), state([server({ type: "pg" })]));
    expect(run).toThrow(PgFluxError);
    expect(run).toThrow(/cannot change SERVER remote: foreign_table:public.remote_users uses it/);
  });

  it("options changed in place", () => {
    expect(sql(state([server({ options: parseOptions(["a=1"]) })]), state([server()]))).toEqual([
      "ALTER SERVER remote OPTIONS (DROP a);",
    ]);
  });
});
