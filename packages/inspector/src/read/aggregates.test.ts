import { describe, expect, test } from "vitest";
import type { AggregateRow } from "../queries/aggregates.sql.js";
import { aggregateDefinition } from "./aggregates.js";

const row: AggregateRow = {
  oid: 1,
  schema: "app",
  name: "Total",
  identityArguments: "integer",
  arguments: "integer",
  aggkind: "n",
  transitionFunction: "app.step",
  stateType: "bigint",
  stateSpace: 0,
  finalFunction: null,
  finalExtra: false,
  finalModify: "r",
  combineFunction: null,
  serialFunction: null,
  deserialFunction: null,
  initialCondition: null,
  movingTransitionFunction: null,
  movingInverseFunction: null,
  movingStateType: null,
  movingStateSpace: 0,
  movingFinalFunction: null,
  movingFinalExtra: false,
  movingFinalModify: "r",
  movingInitialCondition: null,
  sortOperatorSchema: null,
  sortOperatorName: null,
  parallel: "u",
  owner: "postgres",
  comment: null,
  privileges: [],
};

describe("aggregateDefinition", () => {
  test("the minimal statement quotes the name and leaves defaults out", () => {
    expect(aggregateDefinition(row)).toBe(
      'CREATE AGGREGATE app."Total"(integer) (\n    SFUNC = app.step,\n    STYPE = bigint\n)',
    );
  });

  test("every option in CREATE AGGREGATE order", () => {
    const text = aggregateDefinition({
      ...row,
      stateSpace: 64,
      finalFunction: "app.fin",
      finalExtra: true,
      finalModify: "w",
      combineFunction: "app.comb",
      serialFunction: "app.ser",
      deserialFunction: "app.deser",
      initialCondition: "it's",
      movingTransitionFunction: "app.mstep",
      movingInverseFunction: "app.minv",
      movingStateType: "bigint",
      movingFinalFunction: "app.mfin",
      movingInitialCondition: "0",
      sortOperatorSchema: "app",
      sortOperatorName: ">>>",
      parallel: "s",
    });
    expect(text.split("\n").slice(1, -1)).toEqual([
      "    SFUNC = app.step,",
      "    STYPE = bigint,",
      "    SSPACE = 64,",
      "    FINALFUNC = app.fin,",
      "    FINALFUNC_EXTRA,",
      "    FINALFUNC_MODIFY = READ_WRITE,",
      "    COMBINEFUNC = app.comb,",
      "    SERIALFUNC = app.ser,",
      "    DESERIALFUNC = app.deser,",
      "    INITCOND = 'it''s',",
      "    MSFUNC = app.mstep,",
      "    MINVFUNC = app.minv,",
      "    MSTYPE = bigint,",
      "    MFINALFUNC = app.mfin,",
      "    MINITCOND = '0',",
      "    SORTOP = OPERATOR(app.>>>),",
      "    PARALLEL = SAFE",
    ]);
  });

  test("zero arguments become (*); hypothetical-set aggregates say so", () => {
    expect(aggregateDefinition({ ...row, arguments: "", identityArguments: "" })).toContain('"Total"(*)');
    const hypothetical = aggregateDefinition({ ...row, aggkind: "h", finalFunction: "f", finalModify: "w" });
    expect(hypothetical).toContain("HYPOTHETICAL");
    // READ_WRITE is the default for ordered-set aggregates, so it is not spelled out.
    expect(hypothetical).not.toContain("FINALFUNC_MODIFY");
  });
});
