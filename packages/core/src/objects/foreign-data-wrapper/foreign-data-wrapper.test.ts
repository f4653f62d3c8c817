import { describe, expect, it } from "vitest";
import type { Dependency, SchemaState } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { foreignServerId } from "../foreign-server/foreign-server.model.js";
import { makeState, routine } from "../testing.js";
import { type ForeignDataWrapper, foreignDataWrapperId } from "./foreign-data-wrapper.model.js";
import {
  renderAlterForeignDataWrapper,
  renderCreateForeignDataWrapper,
  renderDropForeignDataWrapper,
} from "./foreign-data-wrapper.render.js";
import { alterOptionsClause, optionsClause, parseOptions } from "./foreign-options.js";

const handler = routine("public", "dummy_handler", { identityArguments: "", returns: "fdw_handler" });

function wrapper(extra: Partial<ForeignDataWrapper> = {}): ForeignDataWrapper {
  const base = {
    kind: "foreign_data_wrapper" as const,
    name: "dummy",
    handler: null,
    validator: null,
    functionIds: [],
    options: [],
    owner: "postgres",
    privileges: [],
    comment: null,
    ...extra,
  };
  return { ...base, id: foreignDataWrapperId(base.name) };
}

const sql = (current: SchemaState, desired: SchemaState) => plan(current, desired).steps.map((s) => s.sql);

describe("foreign options", () => {
  it("OPTIONS (…) quotes names and values; none is no clause", () => {
    expect(optionsClause([])).toBe("");
    expect(optionsClause(parseOptions(["port=5432", "host=db 1", "Odd=it's"]))).toBe(
      ` OPTIONS ("Odd" 'it''s', host 'db 1', port '5432')`,
    );
  });

  it("OPTIONS (DROP …, SET …, ADD …) from one set to another; null when the same", () => {
    const from = parseOptions(["a=1", "b=2", "c=3"]);
    const to = parseOptions(["b=2", "c=30", "d=4"]);
    expect(alterOptionsClause(from, to)).toBe("OPTIONS (DROP a, SET c '30', ADD d '4')");
    expect(alterOptionsClause(from, from)).toBeNull();
  });

  it("a value holding = keeps it (only the first = separates)", () => {
    expect(parseOptions(["dsn=a=b"])).toEqual([{ name: "dsn", value: "a=b" }]);
  });
});

describe("foreign data wrapper render", () => {
  it("CREATE with HANDLER, VALIDATOR and OPTIONS; a bare wrapper has none", () => {
    expect(renderCreateForeignDataWrapper(wrapper())).toBe("CREATE FOREIGN DATA WRAPPER dummy;");
    expect(
      renderCreateForeignDataWrapper(
        wrapper({
          name: "My Wrapper",
          handler: { schema: "public", name: "dummy_handler" },
          validator: { schema: "pg_catalog", name: "postgresql_fdw_validator" },
          options: parseOptions(["debug=true"]),
        }),
      ),
    ).toBe(
      `CREATE FOREIGN DATA WRAPPER "My Wrapper" HANDLER dummy_handler VALIDATOR pg_catalog.postgresql_fdw_validator OPTIONS (debug 'true');`,
    );
    expect(renderDropForeignDataWrapper(wrapper())).toBe("DROP FOREIGN DATA WRAPPER dummy;");
  });

  it("ALTER says only what differs: NO HANDLER, VALIDATOR, options", () => {
    const from = wrapper({
      handler: { schema: "public", name: "dummy_handler" },
      options: parseOptions(["a=1"]),
    });
    const to = wrapper({ validator: { schema: "pg_catalog", name: "postgresql_fdw_validator" } });
    expect(renderAlterForeignDataWrapper(from, to)).toBe(
      "ALTER FOREIGN DATA WRAPPER dummy NO HANDLER VALIDATOR pg_catalog.postgresql_fdw_validator OPTIONS (DROP a);",
    );
    expect(renderAlterForeignDataWrapper(from, from)).toBeNull();
  });
});

describe("foreign data wrapper plans", () => {
  const withHandler = wrapper({
    handler: { schema: "public", name: "dummy_handler" },
    functionIds: [handler.id],
    comment: "test wrapper",
    privileges: [{ grantee: "app", privilege: "USAGE", grantable: false }],
  });

  it("created after its handler, commented and granted; dropped before it", () => {
    expect(
      sql(makeState({}), makeState({ functions: [handler], foreignDataWrappers: [withHandler] })),
    ).toEqual([
      expect.stringMatching(/^CREATE OR REPLACE FUNCTION public.dummy_handler\(\)/),
      "CREATE FOREIGN DATA WRAPPER dummy HANDLER dummy_handler;",
      "COMMENT ON FOREIGN DATA WRAPPER dummy IS 'test wrapper';",
      "GRANT USAGE ON FOREIGN DATA WRAPPER dummy TO app;",
    ]);
    const uses: Dependency = { dependent: withHandler.id, referenced: handler.id };
    expect(
      sql(
        makeState({ functions: [handler], foreignDataWrappers: [withHandler] }, { dependencies: [uses] }),
        makeState({}),
      ),
    ).toEqual(["DROP FOREIGN DATA WRAPPER dummy;", "DROP FUNCTION dummy_handler();"]);
  });

  it("options changed in place; unchanged plans nothing", () => {
    const state = (w: ForeignDataWrapper) => makeState({ foreignDataWrappers: [w] });
    expect(sql(state(wrapper()), state(wrapper()))).toEqual([]);
    expect(sql(state(wrapper()), state(wrapper({ options: parseOptions(["x=1"]) })))).toEqual([
      "ALTER FOREIGN DATA WRAPPER dummy OPTIONS (ADD x '1');",
    ]);
  });

  it("left alone by a --schemas filter: it belongs to the database", () => {
    const filtered = (w: readonly ForeignDataWrapper[]) =>
      makeState({ foreignDataWrappers: w }, { managedSchemas: ["public"] });
    expect(sql(filtered([wrapper()]), filtered([]))).toEqual([]);
    expect(foreignServerId("x")).toBe("foreign_server:x");
  });
});
