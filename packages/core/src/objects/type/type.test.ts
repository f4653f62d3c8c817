import { describe, expect, it } from "vitest";
import type { Rename } from "../../diff/rename.js";
import { ids } from "../../model/ids.js";
import type {
  ColumnType,
  CompositeType,
  DomainType,
  EnumType,
  Index,
  RangeType,
  Function as Routine,
  View,
} from "../../model/state.js";
import type { Plan } from "../../plan/plan.js";
import { plan } from "../../plan/planner.js";
import { quoteQualified } from "../../sql/quote.js";
import { check, makeState, routine, schema, table } from "../testing.js";
import {
  renderConvertColumn,
  renderCreateType,
  renderDropType,
  renderRenameType,
  renderTypeSetSchema,
} from "./type.render.js";

const sql = (result: Plan) => result.steps.map((step) => step.sql);

const status: EnumType = {
  kind: "enum",
  id: ids.type("public", "status"),
  schema: "public",
  name: "status",
  labels: ["draft", "published"],
  owner: "postgres",
  comment: null,
  privileges: [],
};
const posts = { id: "table:public.posts", schema: "public", name: "posts" };

describe("type renderers", () => {
  it("renders the seed's recreate statements exactly", () => {
    const temp = { schema: "public", name: "status_new" };
    expect(renderCreateType(status, temp)).toBe("CREATE TYPE status_new AS ENUM ('draft', 'published');");
    expect(
      renderConvertColumn(
        status,
        { table: posts, column: "status", arraySuffix: "", currentDefault: null, desiredDefault: null },
        temp,
      ),
    ).toBe("ALTER TABLE posts ALTER COLUMN status TYPE status_new USING status::text::status_new;");
    expect(renderDropType(status)).toBe("DROP TYPE status;");
    expect(renderRenameType(status, temp, "status")).toBe("ALTER TYPE status_new RENAME TO status;");
    expect(renderDropType({ ...status, schema: "app" })).toBe("DROP TYPE app.status;");
  });
});

type Named = { readonly schema: string; readonly name: string };

const enumOf = (schemaName: string, name: string, labels: readonly string[] = ["pending", "shipped"]) => ({
  ...status,
  id: ids.type(schemaName, name),
  schema: schemaName,
  name,
  labels,
});

const userType = (type: Named, array = false, category = "E"): ColumnType => ({
  text: `${quoteQualified(type.schema, type.name)}${array ? "[]" : ""}`,
  schema: type.schema,
  name: type.name,
  typmod: -1,
  arrayDimensions: array ? 1 : 0,
  category,
  storage: array || category !== "E" ? "extended" : "plain",
});

function nextState(type: Named, body: string): Routine {
  const t = quoteQualified(type.schema, type.name);
  return routine("public", "next_state", {
    identityArguments: `s ${t}`,
    arguments: `s ${t} DEFAULT 'pending'::${t}`,
    returns: `${t}[]`,
    language: "plpgsql",
    body,
    privileges: [],
  });
}

/** Everything that names the enum: columns (scalar, array, default), a check, an index, a view, a composite, a domain, a routine. */
function usesOf(type: Named, body = "begin return array[s]; end") {
  const t = quoteQualified(type.schema, type.name);
  const orders = table("public", "orders", [
    ["id", "bigint"],
    ["state", "text", { type: userType(type), default: `'pending'::${t}` }],
    ["history", "text", { type: userType(type, true) }],
  ]);
  const shipped = check("public", "orders", "orders_state_check", `(state <> 'shipped'::${t})`);
  const index: Index = {
    kind: "index",
    id: ids.index("public", "orders_pending_idx"),
    schema: "public",
    name: "orders_pending_idx",
    table: orders.id,
    definition: `CREATE INDEX orders_pending_idx ON public.orders USING btree (id) WHERE (state = 'pending'::${t})`,
    method: "btree",
    unique: false,
    nullsNotDistinct: false,
    primary: false,
    keys: [{ expression: "id", opclass: null, collation: null, descending: false, nullsFirst: false }],
    include: [],
    predicate: `(state = 'pending'::${t})`,
    options: [],
    valid: true,
    constraint: null,
    parentIndex: null,
    columnStatistics: [],
    comment: null,
  };
  const pending: View = {
    kind: "view",
    id: ids.view("public", "pending_orders"),
    schema: "public",
    name: "pending_orders",
    // The literal is kept as written by the server, so it names the old type on both sides.
    definition: ` SELECT id,\n    'x''::public.order_state'::text AS note\n   FROM public.orders\n  WHERE (state = 'pending'::${t});`,
    columns: ["id", "note"],
    checkOption: null,
    options: [],
    owner: "postgres",
    comment: null,
    columnComments: {},
    privileges: [],
  };
  const pair: CompositeType = {
    ...status,
    kind: "composite",
    id: ids.type("public", "pair"),
    name: "pair",
    attributes: [{ name: "a", type: `${t}[]`, collation: null }],
  };
  const early: DomainType = {
    ...status,
    kind: "domain",
    id: ids.type("public", "early"),
    name: "early",
    baseType: t,
    default: `'pending'::${t}`,
    notNull: false,
    collation: null,
    checks: [{ name: "early_check", expression: `(VALUE <> 'shipped'::${t})`, validated: true }],
  };
  return {
    types: [pair, early],
    tables: [orders],
    constraints: [shipped],
    indexes: [index],
    views: [pending],
    functions: [nextState(type, body)],
  };
}

function withUses(type: Named, labels?: readonly string[], body?: string) {
  const uses = usesOf(type, body);
  return makeState({
    ...uses,
    schemas: type.schema === "public" ? [] : [schema(type.schema)],
    types: [enumOf(type.schema, type.name, labels), ...uses.types],
  });
}

const renameType = (from: Named, to: Named): Rename => ({
  kind: "type",
  from: ids.type(from.schema, from.name),
  to: ids.type(to.schema, to.name),
});

describe("type recreate", () => {
  it("drops the current type with its own keyword when its kind changes (DROP DOMAIN fails on an enum)", () => {
    const domain: DomainType = {
      ...status,
      kind: "domain",
      baseType: "integer",
      default: null,
      notNull: false,
      collation: null,
      checks: [],
    };
    const drops = (result: Plan) => sql(result).filter((statement) => statement.startsWith("DROP"));
    expect(drops(plan(makeState({ types: [status] }), makeState({ types: [domain] })))).toEqual([
      "DROP TYPE status;",
    ]);
    expect(drops(plan(makeState({ types: [domain] }), makeState({ types: [status] })))).toEqual([
      "DROP DOMAIN status;",
    ]);
  });
});

describe("type renames", () => {
  const from = { schema: "public", name: "order_state" };
  const to = { schema: "public", name: "order_status" };

  it("renders SET SCHEMA with the source qualified", () => {
    expect(renderTypeSetSchema(status, status, "app")).toBe("ALTER TYPE public.status SET SCHEMA app;");
    expect(
      renderTypeSetSchema({ ...enumOf("app", "x"), kind: "enum" }, { schema: "app", name: "x" }, "public"),
    ).toBe("ALTER TYPE app.x SET SCHEMA public;");
  });

  it("renames an enum in place: every column, check, index, view, composite, domain and routine follows", () => {
    const result = plan(withUses(from), withUses(to), { renames: [renameType(from, to)] });
    expect(sql(result)).toEqual(["ALTER TYPE order_state RENAME TO order_status;"]);
    expect(result.steps[0]?.hazards).toEqual([]);
  });

  it("without the hint the type is created and dropped, which no column allows", () => {
    const result = plan(withUses(from), withUses(to));
    expect(sql(result)).toContain("CREATE TYPE order_status AS ENUM ('pending', 'shipped');");
    expect(sql(result)).toContain("DROP TYPE order_state;");
  });

  it("moves the type when the hint changes its schema, then renames it", () => {
    const moved = { schema: "sales", name: "order_status" };
    const current = makeState({ types: [enumOf("public", "order_state")], schemas: [schema("sales")] });
    const desired = makeState({ types: [enumOf("sales", "order_status")], schemas: [schema("sales")] });
    expect(sql(plan(current, desired, { renames: [renameType(from, moved)] }))).toEqual([
      "ALTER TYPE public.order_state SET SCHEMA sales;",
      "ALTER TYPE sales.order_state RENAME TO order_status;",
    ]);
    const same = { schema: "sales", name: "order_state" };
    expect(
      sql(
        plan(current, makeState({ types: [enumOf("sales", "order_state")], schemas: [schema("sales")] }), {
          renames: [renameType(from, same)],
        }),
      ),
    ).toEqual(["ALTER TYPE public.order_state SET SCHEMA sales;"]);
  });

  it("creates the new schema before moving the type into it", () => {
    const moved = { schema: "sales", name: "order_state" };
    const result = plan(
      makeState({ types: [enumOf("public", "order_state")] }),
      makeState({ types: [enumOf("sales", "order_state")], schemas: [schema("sales")] }),
      { renames: [renameType(from, moved)] },
    );
    expect(sql(result)).toEqual([
      "CREATE SCHEMA IF NOT EXISTS sales;",
      "ALTER TYPE public.order_state SET SCHEMA sales;",
    ]);
  });

  it("renames the type first, then its labels (hint) and new values", () => {
    // Without the label hint, 'shipping' → 'shipped' is no same-position rename (the counts differ).
    const result = plan(
      makeState({ types: [enumOf("public", "order_state", ["pending", "shipping"])] }),
      makeState({ types: [enumOf("public", "order_status", ["pending", "shipped", "delivered"])] }),
      {
        renames: [
          renameType(from, to),
          {
            kind: "enum_value",
            from: ids.type("public", "order_state"),
            to: ids.type("public", "order_status"),
            fromLabel: "shipping",
            toLabel: "shipped",
          },
        ],
      },
    );
    expect(sql(result)).toEqual([
      "ALTER TYPE order_state RENAME TO order_status;",
      "ALTER TYPE order_status RENAME VALUE 'shipping' TO 'shipped';",
      "ALTER TYPE order_status ADD VALUE 'delivered';",
    ]);
    expect(result.groups.map((group) => group.transaction)).toEqual(["transactional", "autocommit"]);
  });

  it("renames before the recreate path when a value is removed too", () => {
    const result = plan(
      makeState({ types: [enumOf("public", "order_state", ["pending", "lost", "shipped"])] }),
      makeState({ types: [enumOf("public", "order_status", ["pending", "shipped"])] }),
      { renames: [renameType(from, to)] },
    );
    expect(sql(result)).toEqual([
      "ALTER TYPE order_state RENAME TO order_status;",
      "DROP TYPE order_status;",
      "CREATE TYPE order_status AS ENUM ('pending', 'shipped');",
      "REVOKE USAGE ON TYPE order_status FROM PUBLIC;",
    ]);
  });

  it("replaces a routine whose body, kept as written, names the type", () => {
    const result = plan(
      withUses(from, undefined, "begin return array[s::text::public.order_state]; end"),
      withUses(to, undefined, "begin return array[s::text::public.order_status]; end"),
      { renames: [renameType(from, to)] },
    );
    expect(sql(result)).toEqual([
      "ALTER TYPE order_state RENAME TO order_status;",
      "CREATE OR REPLACE FUNCTION public.next_state(s public.order_status DEFAULT 'pending'::public.order_status)\n RETURNS public.order_status[]\n LANGUAGE plpgsql\nAS $function$begin return array[s::text::public.order_status]; end$function$;",
    ]);
  });

  it("renames a domain and the checks named after it", () => {
    const domain = (name: string, check: string): DomainType => ({
      ...status,
      kind: "domain",
      id: ids.type("public", name),
      name,
      baseType: "integer",
      default: null,
      notNull: false,
      collation: null,
      checks: [
        { name: check, expression: "(VALUE > 0)", validated: true },
        { name: "kept_name", expression: "(VALUE < 100)", validated: true },
      ],
    });
    const column = (name: string) =>
      table("public", "lines", [
        ["qty", "integer", { type: userType({ schema: "public", name }, false, "N") }],
      ]);
    const result = plan(
      makeState({ types: [domain("amount", "amount_check")], tables: [column("amount")] }),
      makeState({ types: [domain("quantity", "quantity_check")], tables: [column("quantity")] }),
      { renames: [renameType({ schema: "public", name: "amount" }, { schema: "public", name: "quantity" })] },
    );
    expect(sql(result)).toEqual([
      "ALTER DOMAIN amount RENAME TO quantity;",
      "ALTER DOMAIN quantity RENAME CONSTRAINT amount_check TO quantity_check;",
    ]);
  });

  it("renames a range and its multirange; a column of the multirange follows", () => {
    const range = (name: string, multirange: string, subtype: string): RangeType => ({
      ...status,
      kind: "range",
      id: ids.type("public", name),
      name,
      subtype,
      subtypeOpclass: null,
      collation: null,
      canonical: null,
      subtypeDiff: null,
      multirangeName: multirange,
    });
    const column = (multirange: string) =>
      table("public", "slots", [
        ["during", "text", { type: userType({ schema: "public", name: multirange }, false, "R") }],
      ]);
    const result = plan(
      makeState({
        types: [range("floatrange", "floatmultirange", "double precision")],
        tables: [column("floatmultirange")],
      }),
      makeState({
        types: [range("span", "span_multirange", "double precision")],
        tables: [column("span_multirange")],
      }),
      {
        renames: [renameType({ schema: "public", name: "floatrange" }, { schema: "public", name: "span" })],
      },
    );
    expect(sql(result)).toEqual([
      "ALTER TYPE floatrange RENAME TO span;",
      "ALTER TYPE floatmultirange RENAME TO span_multirange;",
    ]);
  });

  it("moves a range's multirange along with it", () => {
    const range = (schemaName: string): RangeType => ({
      ...status,
      kind: "range",
      id: ids.type(schemaName, "floatrange"),
      schema: schemaName,
      name: "floatrange",
      subtype: "double precision",
      subtypeOpclass: null,
      collation: null,
      canonical: null,
      subtypeDiff: null,
      multirangeName: "floatmultirange",
    });
    const result = plan(
      makeState({ types: [range("public")], schemas: [schema("app")] }),
      makeState({ types: [range("app")], schemas: [schema("app")] }),
      {
        renames: [
          renameType({ schema: "public", name: "floatrange" }, { schema: "app", name: "floatrange" }),
        ],
      },
    );
    expect(sql(result)).toEqual([
      "ALTER TYPE public.floatrange SET SCHEMA app;",
      "ALTER TYPE public.floatmultirange SET SCHEMA app;",
    ]);
  });

  it("follows a renamed type in a composite's attributes and a range's subtype", () => {
    const pair = (t: string): CompositeType => ({
      ...status,
      kind: "composite",
      id: ids.type("public", "pair"),
      name: "pair",
      attributes: [{ name: "a", type: t, collation: null }],
    });
    const span = (subtype: string): RangeType => ({
      ...status,
      kind: "range",
      id: ids.type("public", "span"),
      name: "span",
      subtype,
      subtypeOpclass: null,
      collation: null,
      canonical: null,
      subtypeDiff: null,
      multirangeName: "span_multirange",
    });
    const result = plan(
      makeState({
        types: [enumOf("public", "order_state"), pair("public.order_state[]"), span("public.order_state")],
      }),
      makeState({
        types: [enumOf("public", "order_status"), pair("public.order_status[]"), span("public.order_status")],
      }),
      { renames: [renameType(from, to)] },
    );
    expect(sql(result)).toEqual(["ALTER TYPE order_state RENAME TO order_status;"]);
  });

  it("a renamed schema takes the uses of its types along", () => {
    const state = (schemaName: string) =>
      makeState({
        schemas: [schema(schemaName)],
        types: [enumOf(schemaName, "order_state")],
        tables: [
          table("public", "orders", [
            ["state", "text", { type: userType({ schema: schemaName, name: "order_state" }, true) }],
          ]),
        ],
      });
    const result = plan(state("legacy"), state("sales"), {
      renames: [{ kind: "schema", from: ids.schema("legacy"), to: ids.schema("sales") }],
    });
    expect(sql(result)).toEqual(["ALTER SCHEMA legacy RENAME TO sales;"]);
  });
});
