import { describe, expect, it } from "vitest";
import { InvalidInputError, PgFluxError } from "../../errors.js";
import { ids } from "../../model/ids.js";
import type { ColumnType, CompositeType, EnumType } from "../../model/state.js";
import type { Plan } from "../../plan/plan.js";
import { plan } from "../../plan/planner.js";
import { makeState, table } from "../testing.js";
import { renderAddEnumValue, renderCreateEnum, renderRenameEnumValue } from "./enum.render.js";

const sql = (result: Plan) => result.steps.map((step) => step.sql);

function enumType(name: string, labels: readonly string[], schemaName = "public"): EnumType {
  return {
    kind: "enum",
    id: ids.type(schemaName, name),
    schema: schemaName,
    name,
    labels,
    owner: "postgres",
    comment: null,
    privileges: [{ grantee: "PUBLIC", privilege: "USAGE", grantable: false }],
  };
}

function enumColumnType(name: string, schemaName = "public", array = false): ColumnType {
  return {
    text: `${schemaName}.${name}${array ? "[]" : ""}`,
    schema: schemaName,
    name,
    typmod: -1,
    arrayDimensions: array ? 1 : 0,
    category: "E",
    storage: array ? "extended" : "plain",
  };
}

const posts = (extra: { default?: string | null } = {}) =>
  table("public", "posts", [
    ["id", "bigint", { notNull: true }],
    ["status", "text", { type: enumColumnType("status"), default: extra.default ?? null }],
  ]);

describe("enum renderers", () => {
  it("renders the seed's statements", () => {
    expect(renderCreateEnum({ schema: "public", name: "status_new" }, ["draft", "published"])).toBe(
      "CREATE TYPE status_new AS ENUM ('draft', 'published');",
    );
    expect(renderRenameEnumValue({ schema: "public", name: "status" }, "review", "in_review")).toBe(
      "ALTER TYPE status RENAME VALUE 'review' TO 'in_review';",
    );
    expect(
      renderAddEnumValue({ schema: "app", name: "Mood" }, "it's", { position: "BEFORE", label: "ok" }),
    ).toBe(`ALTER TYPE app."Mood" ADD VALUE 'it''s' BEFORE 'ok';`);
    expect(renderAddEnumValue({ schema: "public", name: "e" }, "d", null)).toBe(
      "ALTER TYPE e ADD VALUE 'd';",
    );
  });
});

describe("enum plans", () => {
  it("adds values with BEFORE/AFTER placement, each committed on its own", () => {
    const result = plan(
      makeState({ types: [enumType("e", ["b", "d"])] }),
      makeState({ types: [enumType("e", ["a", "b", "c", "d", "e"])] }),
    );
    expect(sql(result)).toEqual([
      "ALTER TYPE e ADD VALUE 'a' BEFORE 'b';",
      "ALTER TYPE e ADD VALUE 'c' AFTER 'b';",
      "ALTER TYPE e ADD VALUE 'e';",
    ]);
    expect(result.groups.map((g) => g.transaction)).toEqual(["autocommit", "autocommit", "autocommit"]);
    expect(result.steps.every((s) => s.hazards.length === 0)).toBe(true);
  });

  it("renames a value at the same position (the seed's detector)", () => {
    const result = plan(
      makeState({ types: [enumType("status", ["draft", "review", "published"])], tables: [posts()] }),
      makeState({ types: [enumType("status", ["draft", "in_review", "published"])], tables: [posts()] }),
    );
    expect(sql(result)).toEqual(["ALTER TYPE status RENAME VALUE 'review' TO 'in_review';"]);
  });

  it("refuses to guess when a label is replaced at an end of the list or next to another one", () => {
    const cases: readonly (readonly [readonly string[], readonly string[], string])[] = [
      [["draft", "review"], ["draft", "published"], "as its last value"],
      [["draft", "review"], ["new", "review"], "as its first value"],
      [["a", "b", "c", "d"], ["a", "x", "y", "d"], "next to another replaced value"],
    ];
    for (const [from, to, where] of cases) {
      const attempt = () =>
        plan(
          makeState({ types: [enumType("status", from)] }),
          makeState({ types: [enumType("status", to)] }),
        );
      expect(attempt).toThrow(InvalidInputError);
      try {
        attempt();
      } catch (error) {
        const problem = (error as InvalidInputError).problems[0];
        expect(problem?.message).toContain(where);
        expect(problem?.message).toContain("reads both as a rename");
        expect(problem?.hint).toMatch(/-- @renamed-value from='\w+'/);
        expect(problem?.objectId).toBe("type:public.status");
      }
    }
  });

  it("renames the last label when a @renamed-value hint says so", () => {
    const result = plan(
      makeState({ types: [enumType("status", ["draft", "review"])] }),
      makeState({ types: [enumType("status", ["draft", "published"])] }),
      {
        renames: [
          {
            kind: "enum_value",
            from: "type:public.status",
            to: "type:public.status",
            fromLabel: "review",
            toLabel: "published",
          },
        ],
      },
    );
    expect(sql(result)).toEqual(["ALTER TYPE status RENAME VALUE 'review' TO 'published';"]);
  });

  it("renames from a @renamed-value hint even when the position moves", () => {
    const result = plan(
      makeState({ types: [enumType("status", ["draft", "review"])] }),
      makeState({ types: [enumType("status", ["draft", "new", "in_review"])] }),
      {
        renames: [
          {
            kind: "enum_value",
            from: "type:public.status",
            to: "type:public.status",
            fromLabel: "review",
            toLabel: "in_review",
          },
        ],
      },
    );
    expect(sql(result)).toEqual([
      "ALTER TYPE status RENAME VALUE 'review' TO 'in_review';",
      "ALTER TYPE status ADD VALUE 'new' AFTER 'draft';",
    ]);
  });

  it("removes a value through the seed's recreate path, defaults dropped and set again", () => {
    const result = plan(
      makeState({
        types: [enumType("status", ["draft", "review", "published"])],
        tables: [posts({ default: "'draft'::status" })],
      }),
      makeState({
        types: [enumType("status", ["draft", "published"])],
        tables: [posts({ default: "'draft'::status" })],
      }),
    );
    expect(sql(result)).toEqual([
      "CREATE TYPE status_new AS ENUM ('draft', 'published');",
      "ALTER TABLE posts ALTER COLUMN status DROP DEFAULT;",
      "ALTER TABLE posts ALTER COLUMN status TYPE status_new USING status::text::status_new;",
      "DROP TYPE status;",
      "ALTER TYPE status_new RENAME TO status;",
      "ALTER TABLE posts ALTER COLUMN status SET DEFAULT 'draft'::status;",
    ]);
    const convert = result.steps[2]!;
    expect(convert.hazards.map((h) => h.kind)).toEqual(["DATA_LOSS", "TABLE_REWRITE", "LONG_LOCK"]);
    expect(convert.hazards[0]?.reason).toContain("'review'");
    expect(result.groups).toEqual([{ transaction: "transactional", steps: [0, 1, 2, 3, 4, 5] }]);
  });

  it("sets an array column's storage again after the recreate path's ALTER … TYPE resets it", () => {
    const tags = table("public", "items", [
      ["tags", "text", { type: enumColumnType("tag", "public", true), storage: "external" }],
    ]);
    const result = plan(
      makeState({ types: [enumType("tag", ["x", "y"])], tables: [tags] }),
      makeState({ types: [enumType("tag", ["y"])], tables: [tags] }),
    );
    const steps = sql(result);
    const convert = steps.indexOf(
      "ALTER TABLE items ALTER COLUMN tags TYPE tag_new[] USING tags::text[]::tag_new[];",
    );
    const storage = steps.indexOf("ALTER TABLE items ALTER COLUMN tags SET STORAGE EXTERNAL;");
    expect(convert).toBeGreaterThanOrEqual(0);
    expect(storage).toBeGreaterThan(convert);
  });

  it("recreates an unused enum whose values are reordered with a plain drop and create", () => {
    const result = plan(
      makeState({ types: [enumType("e", ["a", "b"])] }),
      makeState({ types: [enumType("e", ["b", "a"])] }),
    );
    expect(sql(result)).toEqual(["DROP TYPE e;", "CREATE TYPE e AS ENUM ('b', 'a');"]);
  });

  it("converts array columns through text[] and orders a new table using the type after the recreate", () => {
    const tags = table("public", "items", [
      ["tags", "text", { type: enumColumnType("tag", "public", true) }],
    ]);
    const added = table("public", "later", [["tag", "text", { type: enumColumnType("tag") }]]);
    const result = plan(
      makeState({ types: [enumType("tag", ["x", "y"])], tables: [tags] }),
      makeState({ types: [enumType("tag", ["y"])], tables: [tags, added] }),
    );
    expect(sql(result)).toEqual([
      "CREATE TYPE tag_new AS ENUM ('y');",
      "ALTER TABLE items ALTER COLUMN tags TYPE tag_new[] USING tags::text[]::tag_new[];",
      "DROP TYPE tag;",
      "ALTER TYPE tag_new RENAME TO tag;",
      "CREATE TABLE later (\n  tag tag\n);",
    ]);
  });

  it("refuses to remove a value from an enum a kept composite type holds, naming both", () => {
    const pair: CompositeType = {
      kind: "composite",
      id: ids.type("public", "pair"),
      schema: "public",
      name: "pair",
      attributes: [{ name: "s", type: "public.status", collation: null }],
      owner: "postgres",
      comment: null,
      privileges: [],
    };
    const attempt = () =>
      plan(
        makeState({ types: [enumType("status", ["draft", "review"]), pair] }),
        makeState({ types: [enumType("status", ["draft"]), pair] }),
      );
    expect(attempt).toThrow(PgFluxError);
    expect(attempt).toThrow(
      "cannot recreate type public.status (PostgreSQL cannot drop enum values ('review')): composite public.pair uses it (attribute s)",
    );
  });
});
