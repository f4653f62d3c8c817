import { describe, expect, test } from "vitest";
import { analyzeText, messages } from "../testing/analyze-text.js";

describe("@tstype hints", () => {
  test("trail a column, before or after the comma, in CREATE TABLE and ADD COLUMN", async () => {
    const desired = await analyzeText(
      [
        "CREATE TABLE app.events (",
        "  id bigint PRIMARY KEY,",
        "  payload jsonb NOT NULL -- @tstype { user_id: number; action: string }",
        "  , meta json, -- @tstype Record<string, string>",
        "  note text -- plain comment",
        ");",
        "ALTER TABLE app.events ADD COLUMN extra jsonb; -- @tstype string[]",
      ].join("\n"),
    );
    expect(messages(desired)).toEqual([]);
    expect(desired.typeHints).toEqual([
      {
        columnId: "column:app.events.payload",
        type: "{ user_id: number; action: string }",
        location: { file: "schema.sql", line: 3, column: 29 },
        sourceLine: "  payload jsonb NOT NULL -- @tstype { user_id: number; action: string }",
      },
      {
        columnId: "column:app.events.meta",
        type: "Record<string, string>",
        location: { file: "schema.sql", line: 4, column: 19 },
        sourceLine: "  , meta json, -- @tstype Record<string, string>",
      },
      {
        columnId: "column:app.events.extra",
        type: "string[]",
        location: { file: "schema.sql", line: 7, column: 51 },
        sourceLine: "ALTER TABLE app.events ADD COLUMN extra jsonb; -- @tstype string[]",
      },
    ]);
  });

  test("an empty hint or one outside a table is an error with its location", async () => {
    const desired = await analyzeText(
      ["-- @tstype number", "CREATE TABLE t (", "  a int, -- @tstype", "  b int", ");"].join("\n"),
    );
    expect(messages(desired).map((message) => message.split("\n")[0])).toEqual([
      "schema.sql:1:4: @tstype must trail a column definition inside CREATE TABLE",
      "schema.sql:3:13: @tstype needs a TypeScript type after it",
    ]);
  });

  test("inside a function body it is ignored", async () => {
    const desired = await analyzeText(
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$\n  SELECT 1 -- @tstype number\n$$;",
    );
    expect(desired.typeHints).toEqual([]);
    expect(messages(desired)).toEqual([]);
  });
});
