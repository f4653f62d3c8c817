import { describe, expect, it } from "vitest";
import { PgFluxError } from "../../errors.js";
import type { Dependency, SchemaState } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { makeState, routine } from "../testing.js";
import { type Operator, operatorId } from "./operator.model.js";
import {
  operatorName,
  renderAlterOperatorEstimators,
  renderCreateOperator,
  renderDropOperator,
} from "./operator.render.js";

const fn = routine("public", "reverse_textregexeq", {
  identityArguments: "text, text",
  returns: "boolean",
  body: "SELECT $2 ~ $1",
});

function operator(extra: Partial<Operator> = {}): Operator {
  const base = {
    kind: "operator" as const,
    schema: "public",
    name: "~<<",
    leftType: "text",
    rightType: "text",
    function: { schema: "public", name: "reverse_textregexeq" },
    functionId: fn.id,
    commutator: null,
    negator: null,
    restrict: null,
    join: null,
    hashes: false,
    merges: false,
    owner: "postgres",
    comment: null,
    ...extra,
  };
  return { ...base, id: operatorId(base.schema, base.name, base.leftType, base.rightType) };
}

const state = (operators: readonly Operator[], dependencies: readonly Dependency[] = []): SchemaState =>
  makeState({ functions: [fn], operators }, { dependencies });
const sql = (current: SchemaState, desired: SchemaState) => plan(current, desired).steps.map((s) => s.sql);

describe("operator render", () => {
  it("CREATE OPERATOR with every option; public unqualified, others qualified", () => {
    expect(renderCreateOperator(operator())).toBe(
      "CREATE OPERATOR ~<< (FUNCTION = reverse_textregexeq, LEFTARG = text, RIGHTARG = text);",
    );
    expect(
      renderCreateOperator(
        operator({
          schema: "App",
          name: "===",
          leftType: "public.email",
          rightType: "public.email",
          function: { schema: "App", name: "email eq" },
          commutator: { schema: "App", name: "===" },
          negator: { schema: "App", name: "!==" },
          restrict: { schema: "pg_catalog", name: "eqsel" },
          join: { schema: "pg_catalog", name: "eqjoinsel" },
          hashes: true,
          merges: true,
        }),
      ),
    ).toBe(
      'CREATE OPERATOR "App".=== (FUNCTION = "App"."email eq", LEFTARG = public.email, RIGHTARG = public.email, COMMUTATOR = OPERATOR("App".===), NEGATOR = OPERATOR("App".!==), RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES);',
    );
  });

  it("a prefix operator has no LEFTARG and NONE in its signature", () => {
    const prefix = operator({ name: "-!", leftType: null, rightType: "integer" });
    expect(prefix.id).toBe("operator:public.-!(NONE, integer)");
    expect(renderCreateOperator(prefix)).toBe(
      "CREATE OPERATOR -! (FUNCTION = reverse_textregexeq, RIGHTARG = integer);",
    );
    expect(renderDropOperator(prefix)).toBe("DROP OPERATOR -! (NONE, integer);");
  });

  it("ALTER … SET for the estimators, NONE to remove one", () => {
    expect(
      renderAlterOperatorEstimators(operator({ restrict: { schema: "pg_catalog", name: "eqsel" } })),
    ).toBe("ALTER OPERATOR ~<< (text, text) SET (RESTRICT = pg_catalog.eqsel, JOIN = NONE);");
  });

  it("a name that is not an operator is refused, never printed", () => {
    expect(() => operatorName("public", "x; DROP TABLE t")).toThrow(PgFluxError);
    expect(() => operatorName("public", "")).toThrow(/not an operator name/);
  });
});

describe("operator plans", () => {
  it("created after its function, with its comment; dropped before it", () => {
    const op = operator({ comment: "reverse regex match" });
    expect(sql(makeState({}), state([op]))).toEqual([
      "CREATE OR REPLACE FUNCTION public.reverse_textregexeq(text, text)\n RETURNS boolean\n LANGUAGE sql\nAS $function$SELECT $2 ~ $1$function$;",
      "CREATE OPERATOR ~<< (FUNCTION = reverse_textregexeq, LEFTARG = text, RIGHTARG = text);",
      "COMMENT ON OPERATOR ~<< (text, text) IS 'reverse regex match';",
    ]);
    const uses: Dependency = { dependent: op.id, referenced: fn.id };
    expect(sql(state([op], [uses]), makeState({}))).toEqual([
      "DROP OPERATOR ~<< (text, text);",
      "DROP FUNCTION reverse_textregexeq(text, text);",
    ]);
  });

  it("an unchanged operator plans nothing; new estimators are set in place", () => {
    expect(sql(state([operator()]), state([operator()]))).toEqual([]);
    const restrict = { schema: "pg_catalog", name: "eqsel" };
    expect(sql(state([operator()]), state([operator({ restrict })]))).toEqual([
      "ALTER OPERATOR ~<< (text, text) SET (RESTRICT = pg_catalog.eqsel, JOIN = NONE);",
    ]);
  });

  it("another definition is dropped and created again when nothing uses it", () => {
    expect(sql(state([operator()]), state([operator({ hashes: true })]))).toEqual([
      "DROP OPERATOR ~<< (text, text);",
      "CREATE OPERATOR ~<< (FUNCTION = reverse_textregexeq, LEFTARG = text, RIGHTARG = text, HASHES);",
    ]);
  });

  it("refused, naming the users, when an index uses the operator to be replaced", () => {
    const used: Dependency = { dependent: "index:public.posts_tags", referenced: operator().id };
    const run = () => plan(state([operator()], [used]), state([operator({ merges: true })]));
    expect(run).toThrow(PgFluxError);
    expect(run).toThrow(/cannot change OPERATOR ~<< \(text, text\): index:public.posts_tags uses it/);
  });
});
