import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { inspect } from "../src/index.js";

describe("operator classes and families", () => {
  test("a class's members, its family's loose ones, and the catalog edges that order and guard them", async ({
    db,
  }) => {
    await db.query(`
      create schema app;
      create function app.abs_lt(int, int) returns bool language sql immutable as 'select abs($1) < abs($2)';
      create function app.abs_cmp(int, int) returns int language sql immutable as 'select btint4cmp(abs($1), abs($2))';
      create operator app.<<< (function = app.abs_lt, leftarg = int, rightarg = int);
      create operator class app.abs_ops for type int using btree as
        operator 1 app.<<<, function 1 app.abs_cmp(int, int);
      alter operator family app.abs_ops using btree add
        operator 1 < (int, bigint), function 1 (int, bigint) btint48cmp(int, bigint);
      create operator class app.pt_ops for type point using gist as storage box;
      comment on operator family app.abs_ops using btree is 'by absolute value';
      create table app.t (a int);
      create index t_a on app.t (a app.abs_ops);
    `);
    const state = await inspect(db.url);
    expect(state.operatorClasses["operator_class:app.abs_ops(btree)"]).toEqual({
      kind: "operator_class",
      id: "operator_class:app.abs_ops(btree)",
      schema: "app",
      name: "abs_ops",
      method: "btree",
      type: "integer",
      isDefault: false,
      family: { schema: "app", name: "abs_ops" },
      storage: null,
      operators: [
        {
          strategy: 1,
          leftType: "integer",
          rightType: "integer",
          operator: { schema: "app", name: "<<<" },
          operatorId: "operator:app.<<<(integer, integer)",
          orderBy: null,
        },
      ],
      functions: [
        {
          number: 1,
          leftType: "integer",
          rightType: "integer",
          function: "app.abs_cmp(integer,integer)",
          functionId: "function:app.abs_cmp(integer, integer)",
        },
      ],
      owner: expect.any(String),
      comment: null,
    });
    expect(state.operatorClasses["operator_class:app.pt_ops(gist)"]).toMatchObject({
      type: "point",
      storage: "box",
      family: { schema: "app", name: "pt_ops" },
      operators: [],
      functions: [],
    });
    expect(state.operatorFamilies["operator_family:app.abs_ops(btree)"]).toMatchObject({
      operators: [
        {
          strategy: 1,
          leftType: "integer",
          rightType: "bigint",
          operator: { schema: "pg_catalog", name: "<" },
          operatorId: null,
        },
      ],
      functions: [
        { number: 1, leftType: "integer", rightType: "bigint", function: "btint48cmp(integer,bigint)" },
      ],
      comment: "by absolute value",
    });
    // the index uses the class (its replacement is refused), the class its operator and function
    expect(state.dependencies).toEqual(
      expect.arrayContaining([
        { dependent: "index:app.t_a", referenced: "operator_class:app.abs_ops(btree)" },
        { dependent: "operator_class:app.abs_ops(btree)", referenced: "operator:app.<<<(integer, integer)" },
        {
          dependent: "operator_class:app.abs_ops(btree)",
          referenced: "function:app.abs_cmp(integer, integer)",
        },
        { dependent: "operator_class:app.abs_ops(btree)", referenced: "operator_family:app.abs_ops(btree)" },
      ]),
    );
  });
});
