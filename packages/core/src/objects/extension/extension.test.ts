import { describe, expect, it } from "vitest";
import { PgFluxError } from "../../errors.js";
import { ids } from "../../model/ids.js";
import type { Extension } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { columnType, makeState, schema, table, view } from "../testing.js";

const extension = (name: string, schemaName: string, extra: Partial<Extension> = {}): Extension => ({
  kind: "extension",
  id: ids.extension(name),
  name,
  schema: schemaName,
  version: "1.2",
  relocatable: true,
  comment: null,
  ...extra,
});
const schemas = [schema("s1"), schema("s2")];
/** A table whose column is of the extension's type `hstore`, in `schemaName`. */
const settings = (schemaName: string) =>
  table("public", "settings", [
    [
      "attrs",
      "text",
      {
        type: {
          ...columnType("text"),
          text: `${schemaName}.hstore`,
          schema: schemaName,
          name: "hstore",
          category: "U",
        },
      },
    ],
  ]);
const sql = (result: { steps: readonly { sql: string }[] }) => result.steps.map((step) => step.sql);

describe("extensions moving schema", () => {
  it("a relocatable one: ALTER EXTENSION … SET SCHEMA", () => {
    const result = plan(
      makeState({ schemas, extensions: [extension("hstore", "s1")] }),
      makeState({ schemas, extensions: [extension("hstore", "s2")] }),
    );
    expect(sql(result)).toEqual(["ALTER EXTENSION hstore SET SCHEMA s2;"]);
  });

  it("a column of the extension's type follows it: no ALTER COLUMN … TYPE", () => {
    const result = plan(
      makeState({ schemas, extensions: [extension("hstore", "s1")], tables: [settings("s1")] }),
      makeState({ schemas, extensions: [extension("hstore", "s2")], tables: [settings("s2")] }),
    );
    expect(sql(result)).toEqual(["ALTER EXTENSION hstore SET SCHEMA s2;"]);
  });

  it("a non-relocatable one nothing uses: DROP + CREATE (DATA_LOSS), version and comment as desired", () => {
    const result = plan(
      makeState({ schemas, extensions: [extension("xml2", "s1", { relocatable: false, comment: "x" })] }),
      makeState({
        schemas,
        extensions: [extension("xml2", "s2", { relocatable: false, version: "1.3", comment: "x" })],
      }),
    );
    expect(sql(result)).toEqual([
      "DROP EXTENSION xml2;",
      "CREATE EXTENSION IF NOT EXISTS xml2 WITH SCHEMA s2 VERSION '1.3';",
      "COMMENT ON EXTENSION xml2 IS 'x';",
    ]);
    expect(result.steps.map((step) => step.hazards.map((h) => h.kind))).toEqual([["DATA_LOSS"], [], []]);
  });

  it("a view using a non-relocatable one is dropped before and created again after the move", () => {
    const titles = (schemaName: string) =>
      view("public", "v", ["t"], ` SELECT ${schemaName}.xpath_string('<a/>'::text, '/a'::text) AS t;`);
    const uses = [{ dependent: ids.view("public", "v"), referenced: ids.extension("xml2") }];
    const result = plan(
      makeState(
        { schemas, extensions: [extension("xml2", "s1", { relocatable: false })], views: [titles("s1")] },
        { dependencies: uses },
      ),
      makeState(
        { schemas, extensions: [extension("xml2", "s2", { relocatable: false })], views: [titles("s2")] },
        { dependencies: uses },
      ),
    );
    expect(sql(result)).toEqual([
      "DROP VIEW v;",
      "DROP EXTENSION xml2;",
      "CREATE EXTENSION IF NOT EXISTS xml2 WITH SCHEMA s2 VERSION '1.2';",
      "CREATE VIEW v AS\nSELECT s2.xpath_string('<a/>'::text, '/a'::text) AS t;",
    ]);
  });

  it("a column of a non-relocatable one's type: refused at plan time, naming it and what to do", () => {
    const current = makeState(
      {
        schemas,
        extensions: [extension("hstore", "s1", { relocatable: false })],
        tables: [settings("s1")],
      },
      {
        dependencies: [
          { dependent: ids.column("public", "settings", "attrs"), referenced: ids.extension("hstore") },
        ],
      },
    );
    const desired = makeState({
      schemas,
      extensions: [extension("hstore", "s2", { relocatable: false })],
      tables: [settings("s2")],
    });
    let error: unknown;
    try {
      plan(current, desired);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PgFluxError);
    expect((error as PgFluxError).code).toBe("refused");
    expect((error as PgFluxError).message).toBe(
      "cannot move extension hstore from schema s1 to s2: it is not relocatable (PostgreSQL refuses ALTER EXTENSION … SET SCHEMA for it), and moving it means DROP EXTENSION + CREATE EXTENSION, which would take along what uses its objects and cannot be put back around it: column:public.settings.attrs",
    );
    expect((error as PgFluxError).hint).toBe(
      "keep it in s1 in the schema files; or move it in a versioned migration (pg-flux push): save and drop what uses it, DROP EXTENSION hstore, CREATE EXTENSION hstore SCHEMA s2, create them again against s2",
    );
  });
});
