import { describe, expect, it } from "vitest";
import { PgFluxError } from "../../errors.js";
import type { Dependency, SchemaState } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { operatorId } from "../operator/operator.model.js";
import { type OperatorFamily, operatorFamilyId } from "../operator-family/operator-family.model.js";
import { index, makeState, routine, schema, table } from "../testing.js";
import { type OperatorClass, operatorClassId } from "./operator-class.model.js";
import { renderCreateOperatorClass, renderDropOperatorClass } from "./operator-class.render.js";

const cmp = routine("public", "abs_cmp", { identityArguments: "integer, integer", returns: "integer" });

const member = (strategy: number, name: string) => ({
  strategy,
  leftType: "integer",
  rightType: "integer",
  operator: { schema: "public", name },
  operatorId: operatorId("public", name, "integer", "integer"),
  orderBy: null,
});

function family(extra: Partial<OperatorFamily> = {}): OperatorFamily {
  const base = {
    kind: "operator_family" as const,
    schema: "public",
    name: "abs_ops",
    method: "btree",
    operators: [],
    functions: [],
    owner: "postgres",
    comment: null,
    ...extra,
  };
  return { ...base, id: operatorFamilyId(base.schema, base.name, base.method) };
}

function opclass(extra: Partial<OperatorClass> = {}): OperatorClass {
  const base = {
    kind: "operator_class" as const,
    schema: "public",
    name: "abs_ops",
    method: "btree",
    type: "integer",
    isDefault: false,
    family: { schema: "public", name: "abs_ops" },
    storage: null,
    operators: [member(1, "<<<"), member(3, "===")],
    functions: [
      {
        number: 1,
        leftType: "integer",
        rightType: "integer",
        function: "public.abs_cmp(integer,integer)",
        functionId: cmp.id,
      },
    ],
    owner: "postgres",
    comment: null,
    ...extra,
  };
  return { ...base, id: operatorClassId(base.schema, base.name, base.method) };
}

const state = (
  operatorClasses: readonly OperatorClass[],
  operatorFamilies: readonly OperatorFamily[] = [family()],
  dependencies: readonly Dependency[] = [],
): SchemaState => makeState({ functions: [cmp], operatorFamilies, operatorClasses }, { dependencies });
const sql = (current: SchemaState, desired: SchemaState) => plan(current, desired).steps.map((s) => s.sql);

describe("operator class render", () => {
  it("CREATE OPERATOR CLASS with its family, members with their types, DEFAULT and STORAGE", () => {
    expect(opclass().id).toBe("operator_class:public.abs_ops(btree)");
    expect(renderCreateOperatorClass(opclass())).toBe(
      "CREATE OPERATOR CLASS abs_ops FOR TYPE integer USING btree FAMILY abs_ops AS OPERATOR 1 <<< (integer, integer), OPERATOR 3 === (integer, integer), FUNCTION 1 (integer, integer) public.abs_cmp(integer,integer);",
    );
    expect(
      renderCreateOperatorClass(
        opclass({
          schema: "App",
          name: "box ops",
          method: "gist",
          type: "box",
          isDefault: true,
          family: { schema: "App", name: "box fam" },
          storage: "box",
          operators: [
            {
              ...member(15, "<->"),
              leftType: "box",
              rightType: "point",
              operator: { schema: "pg_catalog", name: "<->" },
              operatorId: null,
              orderBy: { schema: "pg_catalog", name: "float_ops" },
            },
          ],
          functions: [],
        }),
      ),
    ).toBe(
      'CREATE OPERATOR CLASS "App"."box ops" DEFAULT FOR TYPE box USING gist FAMILY "App"."box fam" AS OPERATOR 15 pg_catalog.<-> (box, point) FOR ORDER BY pg_catalog.float_ops, STORAGE box;',
    );
    expect(renderDropOperatorClass(opclass())).toBe("DROP OPERATOR CLASS abs_ops USING btree;");
  });

  it("a class whose members are all its family's still has one item: STORAGE of its own type", () => {
    expect(renderCreateOperatorClass(opclass({ operators: [], functions: [] }))).toBe(
      "CREATE OPERATOR CLASS abs_ops FOR TYPE integer USING btree FAMILY abs_ops AS STORAGE integer;",
    );
  });
});

describe("operator class plans", () => {
  it("created after its family and function, commented; dropped before its family", () => {
    expect(sql(makeState({ functions: [cmp] }), state([opclass({ comment: "by absolute value" })]))).toEqual([
      "CREATE OPERATOR FAMILY abs_ops USING btree;",
      "CREATE OPERATOR CLASS abs_ops FOR TYPE integer USING btree FAMILY abs_ops AS OPERATOR 1 <<< (integer, integer), OPERATOR 3 === (integer, integer), FUNCTION 1 (integer, integer) public.abs_cmp(integer,integer);",
      "COMMENT ON OPERATOR CLASS abs_ops USING btree IS 'by absolute value';",
    ]);
    expect(sql(state([opclass()]), makeState({ functions: [cmp] }))).toEqual([
      "DROP OPERATOR CLASS abs_ops USING btree;",
      "DROP OPERATOR FAMILY abs_ops USING btree;",
    ]);
    expect(sql(state([opclass()]), state([opclass()]))).toEqual([]);
  });

  it("no ALTER for its definition: dropped and created again when no index uses it", () => {
    expect(sql(state([opclass()]), state([opclass({ isDefault: true })]))).toEqual([
      "DROP OPERATOR CLASS abs_ops USING btree;",
      "CREATE OPERATOR CLASS abs_ops DEFAULT FOR TYPE integer USING btree FAMILY abs_ops AS OPERATOR 1 <<< (integer, integer), OPERATOR 3 === (integer, integer), FUNCTION 1 (integer, integer) public.abs_cmp(integer,integer);",
    ]);
  });

  it("refused, naming the index, when an index uses the class to be replaced", () => {
    const used: Dependency = { dependent: "index:public.items_abs", referenced: opclass().id };
    const run = () =>
      plan(state([opclass()], [family()], [used]), state([opclass({ operators: [member(1, "<<<")] })]));
    expect(run).toThrow(PgFluxError);
    expect(run).toThrow(/cannot change OPERATOR CLASS abs_ops USING btree: index:public.items_abs uses it/);
  });
});

describe("operator family plans", () => {
  const crossType = {
    ...member(1, "<"),
    rightType: "bigint",
    operator: { schema: "pg_catalog", name: "<" },
    operatorId: null,
  };
  const crossCmp = {
    number: 1,
    leftType: "integer",
    rightType: "bigint",
    function: "btint48cmp(integer,bigint)",
    functionId: null,
  };

  it("created with its loose members added; members dropped and added in place", () => {
    expect(
      sql(
        makeState({}),
        makeState({ operatorFamilies: [family({ operators: [crossType], functions: [crossCmp] })] }),
      ),
    ).toEqual([
      "CREATE OPERATOR FAMILY abs_ops USING btree;",
      "ALTER OPERATOR FAMILY abs_ops USING btree ADD OPERATOR 1 pg_catalog.< (integer, bigint), FUNCTION 1 (integer, bigint) btint48cmp(integer,bigint);",
    ]);
    const current = makeState({
      operatorFamilies: [family({ operators: [crossType], functions: [crossCmp] })],
    });
    const changed = { ...crossType, operator: { schema: "pg_catalog", name: "<=" } };
    expect(sql(current, makeState({ operatorFamilies: [family({ operators: [changed] })] }))).toEqual([
      "ALTER OPERATOR FAMILY abs_ops USING btree DROP OPERATOR 1 (integer, bigint), FUNCTION 1 (integer, bigint);",
      "ALTER OPERATOR FAMILY abs_ops USING btree ADD OPERATOR 1 pg_catalog.<= (integer, bigint);",
    ]);
  });
});

describe("operator class renames by hint", () => {
  const renamed = opclass({
    schema: "app",
    name: "abs_int_ops",
    family: { schema: "app", name: "abs_int_ops" },
  });
  const users = table("public", "users", [["n", "integer"]]);
  const using = (cls: OperatorClass) =>
    index("public", "users", "users_n_abs", ["n"], {
      definition: `CREATE INDEX users_n_abs ON public.users USING btree (n ${cls.schema}.${cls.name})`,
      keys: [
        {
          expression: "n",
          opclass: `${cls.schema}.${cls.name}`,
          collation: null,
          descending: false,
          nullsFirst: false,
        },
      ],
    });
  const withIndex = (cls: OperatorClass, families: readonly OperatorFamily[]) =>
    makeState(
      {
        schemas: [schema("app")],
        functions: [cmp],
        operatorFamilies: families,
        operatorClasses: [cls],
        tables: [users],
        indexes: [using(cls)],
      },
      { dependencies: [{ dependent: using(cls).id, referenced: cls.id }] },
    );

  it("SET SCHEMA then RENAME TO; the family made with it follows; the index using it is left alone", () => {
    const familyTo = family({ schema: "app", name: "abs_int_ops" });
    const out = plan(withIndex(opclass(), [family()]), withIndex(renamed, [familyTo]), {
      renames: [{ kind: "operator_class", from: opclass().id, to: renamed.id }],
    }).steps.map((step) => step.sql);
    expect(out).toEqual([
      "ALTER OPERATOR FAMILY abs_ops USING btree SET SCHEMA app;",
      "ALTER OPERATOR FAMILY app.abs_ops USING btree RENAME TO abs_int_ops;",
      "ALTER OPERATOR CLASS abs_ops USING btree SET SCHEMA app;",
      "ALTER OPERATOR CLASS app.abs_ops USING btree RENAME TO abs_int_ops;",
    ]);
  });

  it("a family of its own name kept under the old name: only the class is renamed", () => {
    const inOld = opclass({ name: "abs_int_ops" });
    const out = plan(state([opclass()]), state([inOld]), {
      renames: [{ kind: "operator_class", from: opclass().id, to: inOld.id }],
    }).steps.map((step) => step.sql);
    expect(out).toEqual(["ALTER OPERATOR CLASS abs_ops USING btree RENAME TO abs_int_ops;"]);
  });
});
