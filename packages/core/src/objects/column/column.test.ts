import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../errors.js";
import type { Column } from "../../model/state.js";
import type { Plan } from "../../plan/plan.js";
import { plan } from "../../plan/planner.js";
import { check, columnType, index, makeState, table } from "../testing.js";
import { classifyTypeChange } from "./column.type-change.js";

const sql = (result: Plan) => result.steps.map((step) => step.sql);
const kinds = (result: Plan) => result.steps.map((step) => step.hazards.map((h) => h.kind));

const events = (tenant: Partial<Column>) =>
  table("public", "events", [
    ["id", "bigint", { notNull: true }],
    ["tenant_id", "bigint", tenant],
  ]);

describe("column plans (seed recipes)", () => {
  it("renames a column from a hint", () => {
    const current = makeState({
      tables: [
        table("public", "users", [
          ["id", "bigint"],
          ["email_address", "text"],
        ]),
      ],
    });
    const desired = makeState({
      tables: [
        table("public", "users", [
          ["id", "bigint"],
          ["email", "text"],
        ]),
      ],
    });
    const result = plan(current, desired, {
      renames: [
        { kind: "column", from: "column:public.users.email_address", to: "column:public.users.email" },
      ],
    });
    expect(sql(result)).toEqual(["ALTER TABLE users RENAME COLUMN email_address TO email;"]);
  });

  it("SET NOT NULL on a huge table: the four-step pattern with VALIDATE in autocommit", () => {
    const stats = { "table:public.events": { reltuples: 50_000_000, relpages: 1 } };
    const result = plan(
      makeState({ tables: [events({})] }, { stats }),
      makeState({ tables: [events({ notNull: true })] }),
    );
    expect(sql(result)).toEqual([
      "ALTER TABLE events\nADD CONSTRAINT chk_events_tenant_id_notnull\nCHECK (tenant_id IS NOT NULL) NOT VALID;",
      "ALTER TABLE events VALIDATE CONSTRAINT chk_events_tenant_id_notnull;",
      "ALTER TABLE events ALTER COLUMN tenant_id SET NOT NULL;",
      "ALTER TABLE events DROP CONSTRAINT chk_events_tenant_id_notnull;",
    ]);
    expect(result.groups.map((g) => [g.transaction, g.steps])).toEqual([
      ["transactional", [0]],
      ["autocommit", [1]],
      ["transactional", [2, 3]],
    ]);
  });

  it("SET NOT NULL below the hint is one statement", () => {
    const stats = { "table:public.events": { reltuples: 10, relpages: 1 } };
    const result = plan(
      makeState({ tables: [events({})] }, { stats }),
      makeState({ tables: [events({ notNull: true })] }),
    );
    expect(sql(result)).toEqual(["ALTER TABLE events ALTER COLUMN tenant_id SET NOT NULL;"]);
    const lowered = plan(
      makeState({ tables: [events({})] }, { stats }),
      makeState({ tables: [events({ notNull: true })] }),
      {
        options: { setNotNullReltuplesHint: 5 },
      },
    );
    expect(lowered.steps).toHaveLength(4);
  });

  it("drops a column with DATA_LOSS; deprecates with DROP NOT NULL + comment", () => {
    const make = (phone: Partial<Column> | null) =>
      table("public", "users", [
        ["id", "bigint"],
        ...(phone ? [["legacy_phone", "text", phone] as const] : []),
      ]);
    const dropped = plan(
      makeState({ tables: [make({ notNull: true })] }),
      makeState({ tables: [make(null)] }),
    );
    expect(sql(dropped)).toEqual(["ALTER TABLE users DROP COLUMN legacy_phone;"]);
    expect(kinds(dropped)).toEqual([["DATA_LOSS"]]);
    const deprecated = plan(
      makeState({ tables: [make({ notNull: true })] }),
      makeState({ tables: [make({ notNull: false, comment: "deprecated, will be removed in 0.4" })] }),
    );
    expect(sql(deprecated)).toEqual([
      "ALTER TABLE users ALTER COLUMN legacy_phone DROP NOT NULL;",
      "COMMENT ON COLUMN users.legacy_phone IS 'deprecated, will be removed in 0.4';",
    ]);
  });

  it("changes types: free ones carry no hazard, rewrites carry TABLE_REWRITE and LONG_LOCK", () => {
    const make = (a: string, b: string) =>
      table("public", "t", [
        ["a", a],
        ["b", b],
      ]);
    const result = plan(
      makeState({ tables: [make("character varying(10)", "integer")] }),
      makeState({ tables: [make("character varying(20)", "bigint")] }),
    );
    expect(sql(result)).toEqual([
      "ALTER TABLE t ALTER COLUMN a TYPE character varying(20);",
      "ALTER TABLE t ALTER COLUMN b TYPE bigint;",
    ]);
    expect(kinds(result)).toEqual([[], ["TABLE_REWRITE", "LONG_LOCK"]]);
  });

  it("classifies type changes after the seed's table", () => {
    const c = (from: string, to: string) => {
      const cost = classifyTypeChange(columnType(from), columnType(to));
      return `${cost.rewrite ? "rewrite" : "free"}${cost.narrowing ? "+narrowing" : ""}`;
    };
    expect(c("character varying(10)", "character varying(20)")).toBe("free");
    expect(c("character varying(20)", "character varying(10)")).toBe("rewrite+narrowing");
    expect(c("text", "character varying(10)")).toBe("rewrite+narrowing");
    expect(c("character varying(10)", "text")).toBe("free");
    expect(c("integer", "bigint")).toBe("rewrite");
    expect(c("bigint", "integer")).toBe("rewrite+narrowing");
    expect(c("timestamp without time zone", "timestamp with time zone")).toBe("rewrite");
    expect(c("numeric", "numeric(10,2)")).toBe("rewrite+narrowing");
    expect(c("numeric(10,2)", "numeric(12,2)")).toBe("free");
    expect(c("numeric(10,2)", "numeric")).toBe("free");
  });

  it("adds a stored generated column verbatim, as a rewrite on an existing table", () => {
    const base = [
      ["id", "bigint"],
      ["subtotal", "numeric", { notNull: true }],
      ["tax_rate", "numeric", { notNull: true }],
    ] as const;
    const generated = { generated: { expression: "(subtotal * tax_rate)", storage: "stored" as const } };
    const result = plan(
      makeState({ tables: [table("public", "orders", base)] }),
      makeState({ tables: [table("public", "orders", [...base, ["tax_amount", "numeric", generated]])] }),
    );
    expect(sql(result)).toEqual([
      "ALTER TABLE orders ADD COLUMN tax_amount numeric GENERATED ALWAYS AS (subtotal * tax_rate) STORED;",
    ]);
    expect(kinds(result)).toEqual([["TABLE_REWRITE", "LONG_LOCK"]]);
  });

  it("drops a generated column before a column it reads changes type and adds it again after, with its index", () => {
    const item = (price: string, total: string) =>
      table("public", "item", [
        ["price", price],
        ["qty", "integer"],
        ["total", total, { generated: { expression: "(price * qty)", storage: "stored" } }],
      ]);
    const totalIndex = index("public", "item", "item_total", ["total"]);
    const dependencies = [
      { dependent: "column:public.item.total", referenced: "column:public.item.price" },
      { dependent: "column:public.item.total", referenced: "column:public.item.qty" },
      { dependent: totalIndex.id, referenced: "column:public.item.total" },
    ];
    const result = plan(
      makeState({ tables: [item("integer", "integer")], indexes: [totalIndex] }, { dependencies }),
      makeState({ tables: [item("bigint", "bigint")], indexes: [totalIndex] }, { dependencies }),
    );
    expect(sql(result)).toEqual([
      "DROP INDEX item_total;",
      "ALTER TABLE item DROP COLUMN total;",
      "ALTER TABLE item ALTER COLUMN price TYPE bigint;",
      "ALTER TABLE item ADD COLUMN total bigint GENERATED ALWAYS AS (price * qty) STORED;",
      "CREATE INDEX CONCURRENTLY item_total\nON item (total);",
    ]);
    // The values are computed again: dropping the generated column loses nothing.
    expect(kinds(result)[1]).toEqual([]);
    expect(result.groups.map((g) => g.transaction)).toEqual(["transactional", "autocommit"]);
  });

  it("refuses VIRTUAL generated columns against a server older than 18 at plan time", () => {
    const virtual = { generated: { expression: "(a * 2)", storage: "virtual" as const } };
    const desired = makeState({
      tables: [
        table("public", "t", [
          ["a", "integer"],
          ["b", "integer", virtual],
        ]),
      ],
    });
    expect(() => plan(makeState({}, { major: 17 }), desired)).toThrow(InvalidInputError);
    expect(() => plan(makeState({}, { major: 18 }), desired)).not.toThrow();
  });
});

describe("identity sequence options", () => {
  const voltages = (start: string, increment: string, min: string, max: string) =>
    makeState({
      tables: [
        table("public", "voltages", [
          [
            "volt",
            "integer",
            {
              notNull: true,
              identity: {
                generation: "by default",
                sequence: { dataType: "integer", start, increment, min, max, cache: "1", cycle: false },
              },
            },
          ],
        ]),
      ],
    });

  const hazards = (result: Plan) => result.steps.map((step) => step.hazards.map((h) => h.kind));
  const REPOSITION =
    "SELECT setval(s.seq, %START, false) FROM (SELECT pg_get_serial_sequence('voltages', 'volt')::regclass AS seq) AS s WHERE coalesce(pg_sequence_last_value(s.seq), (SELECT seqstart FROM pg_sequence WHERE seqrelid = s.seq)) NOT BETWEEN %MIN AND %MAX;";
  const reposition = (start: string, min: string, max: string) =>
    REPOSITION.replace("%START", start).replace("%MIN", min).replace("%MAX", max);

  it("narrowed bounds around the new START: a setval only when the position is outside, then the ALTER", () => {
    const result = plan(voltages("-200", "10", "-200", "200"), voltages("-100", "5", "-100", "100"));
    expect(sql(result)).toEqual([
      reposition("-100", "-100", "100"),
      "ALTER TABLE voltages ALTER COLUMN volt SET INCREMENT BY 5 SET MINVALUE -100 SET MAXVALUE 100 SET START WITH -100;",
    ]);
    // a position above the lowered MAXVALUE goes back to START: values may repeat
    expect(hazards(result)).toEqual([["DATA_LOSS"], []]);
  });

  it("a raised MINVALUE only moves an ascending sequence forward: no hazard", () => {
    const result = plan(voltages("1", "1", "1", "100"), voltages("10", "1", "10", "100"));
    expect(sql(result)).toEqual([
      reposition("10", "10", "100"),
      "ALTER TABLE voltages ALTER COLUMN volt SET MINVALUE 10 SET START WITH 10;",
    ]);
    expect(hazards(result)).toEqual([[], []]);
  });

  it("a descending sequence under a lowered MAXVALUE moves forward", () => {
    const result = plan(voltages("-1", "-1", "-100", "-1"), voltages("-10", "-1", "-100", "-10"));
    expect(sql(result)[0]).toBe(reposition("-10", "-100", "-10"));
    expect(hazards(result)).toEqual([[], []]);
  });

  it("bounds that do not overlap: one ALTER with RESTART at the new START, both directions", () => {
    const up = plan(voltages("1", "1", "1", "50"), voltages("100", "1", "100", "200"));
    expect(sql(up)).toEqual([
      "ALTER TABLE voltages ALTER COLUMN volt SET MINVALUE 100 SET MAXVALUE 200 SET START WITH 100 RESTART;",
    ]);
    expect(hazards(up)).toEqual([[]]);
    const down = plan(voltages("100", "1", "100", "200"), voltages("1", "1", "1", "50"));
    expect(sql(down)).toEqual([
      "ALTER TABLE voltages ALTER COLUMN volt SET MINVALUE 1 SET MAXVALUE 50 SET START WITH 1 RESTART;",
    ]);
    expect(hazards(down)).toEqual([["DATA_LOSS"]]);
    const descending = plan(voltages("-1", "-1", "-50", "-1"), voltages("-100", "-1", "-200", "-100"));
    expect(sql(descending)).toEqual([
      "ALTER TABLE voltages ALTER COLUMN volt SET MINVALUE -200 SET MAXVALUE -100 SET START WITH -100 RESTART;",
    ]);
    expect(hazards(descending)).toEqual([[]]);
  });

  it("overlapping bounds with the new START outside the old ones: widen, setval, then narrow", () => {
    const result = plan(voltages("1", "1", "1", "100"), voltages("150", "1", "50", "200"));
    expect(sql(result)).toEqual([
      "ALTER TABLE voltages ALTER COLUMN volt SET MAXVALUE 200;",
      reposition("150", "50", "200"),
      "ALTER TABLE voltages ALTER COLUMN volt SET MINVALUE 50 SET START WITH 150;",
    ]);
    expect(hazards(result)).toEqual([[], [], []]);
  });

  it("bounds that only widen need no setval", () => {
    const result = plan(voltages("1", "1", "1", "100"), voltages("1", "1", "1", "1000"));
    expect(sql(result)).toEqual(["ALTER TABLE voltages ALTER COLUMN volt SET MAXVALUE 1000;"]);
  });
});

describe("identity added to a column that holds values", () => {
  const identity = (start = "1", increment = "1") => ({
    generation: "always" as const,
    sequence: {
      dataType: "bigint",
      start,
      increment,
      min: "1",
      max: "9223372036854775807",
      cache: "1",
      cycle: false,
    },
  });
  const orders = (extra: Partial<Column>) =>
    table("public", "orders", [["id", "bigint", { notNull: true, ...extra }]]);
  const pkey = index("public", "orders", "orders_pkey", ["id"], { unique: true });

  it("moves the new sequence past the column's highest value in the same transaction", () => {
    const result = plan(
      makeState({ tables: [orders({})], indexes: [pkey] }),
      makeState({ tables: [orders({ identity: identity() })], indexes: [pkey] }),
    );
    expect(sql(result)).toEqual([
      "ALTER TABLE orders ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;",
      "SELECT setval(pg_get_serial_sequence('orders', 'id'), m) FROM (SELECT max(id) AS m FROM orders) AS s WHERE m >= 1;",
    ]);
    expect(result.groups).toEqual([{ transaction: "transactional", steps: [0, 1] }]);
    expect(kinds(result)).toEqual([[], []]);
  });

  it("without an index on the column, a big or never-analyzed table's scan is a LONG_LOCK", () => {
    for (const reltuples of [-1, 50_000]) {
      const stats = { "table:public.orders": { reltuples, relpages: 1 } };
      const result = plan(
        makeState({ tables: [orders({})] }, { stats }),
        makeState({ tables: [orders({ identity: identity() })] }),
      );
      expect(kinds(result)).toEqual([[], ["LONG_LOCK"]]);
      expect(result.steps[1]?.longRunning).toBe(true);
    }
    const small = { "table:public.orders": { reltuples: 10, relpages: 1 } };
    expect(
      kinds(
        plan(
          makeState({ tables: [orders({})] }, { stats: small }),
          makeState({ tables: [orders({ identity: identity() })] }),
        ),
      ),
    ).toEqual([[], []]);
  });

  it("a descending identity moves below the lowest value", () => {
    const down = {
      ...identity("-1", "-1"),
      sequence: { ...identity().sequence, start: "-1", increment: "-1", min: "-100", max: "-1" },
    };
    const result = plan(
      makeState({ tables: [orders({})], indexes: [pkey] }),
      makeState({ tables: [orders({ identity: down })], indexes: [pkey] }),
    );
    expect(sql(result)[1]).toBe(
      "SELECT setval(pg_get_serial_sequence('orders', 'id'), m) FROM (SELECT min(id) AS m FROM orders) AS s WHERE m <= -1;",
    );
  });

  it("comes after the column's SET NOT NULL, which PostgreSQL wants first", () => {
    const big = { "table:public.orders": { reltuples: 5_000_000, relpages: 1 } };
    const result = plan(
      makeState({ tables: [orders({ notNull: false })], indexes: [pkey] }, { stats: big }),
      makeState({ tables: [orders({ identity: identity() })], indexes: [pkey] }),
    );
    const steps = sql(result);
    expect(steps.indexOf("ALTER TABLE orders ALTER COLUMN id SET NOT NULL;")).toBeLessThan(
      steps.indexOf("ALTER TABLE orders ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;"),
    );
    const identityStep = result.steps.find((s) => s.sql.includes("ADD GENERATED"));
    expect(identityStep?.dependsOn).toContain("set_not_null:column:public.orders.id");
  });
});

describe("SET NOT NULL: never-analyzed tables and a helper CHECK left by an earlier run", () => {
  const helper = (validated: boolean) => ({
    ...check("public", "events", "chk_events_tenant_id_notnull", "(tenant_id IS NOT NULL)"),
    validated,
  });

  it("reltuples -1 (never analyzed) is unknown, so treated as large: the CHECK pattern", () => {
    const stats = { "table:public.events": { reltuples: -1, relpages: 0 } };
    const result = plan(
      makeState({ tables: [events({})] }, { stats }),
      makeState({ tables: [events({ notNull: true })] }),
    );
    expect(result.steps.map((s) => s.kind)).toEqual([
      "add_not_null_check",
      "validate_not_null_check",
      "set_not_null",
      "drop_not_null_check",
    ]);
  });

  it("a NOT VALID helper is validated, not dropped and added again", () => {
    const stats = { "table:public.events": { reltuples: 20_000, relpages: 1 } };
    const result = plan(
      makeState({ tables: [events({})], constraints: [helper(false)] }, { stats }),
      makeState({ tables: [events({ notNull: true })] }),
    );
    expect(sql(result)).toEqual([
      "ALTER TABLE events VALIDATE CONSTRAINT chk_events_tenant_id_notnull;",
      "ALTER TABLE events ALTER COLUMN tenant_id SET NOT NULL;",
      "ALTER TABLE events DROP CONSTRAINT chk_events_tenant_id_notnull;",
    ]);
    expect(result.groups.map((g) => g.transaction)).toEqual(["autocommit", "transactional"]);
  });

  it("a validated helper (the run stopped before SET NOT NULL) is used as it is, whatever the size", () => {
    const small = { "table:public.events": { reltuples: 10, relpages: 1 } };
    const result = plan(
      makeState({ tables: [events({})], constraints: [helper(true)] }, { stats: small }),
      makeState({ tables: [events({ notNull: true })] }),
    );
    expect(sql(result)).toEqual([
      "ALTER TABLE events ALTER COLUMN tenant_id SET NOT NULL;",
      "ALTER TABLE events DROP CONSTRAINT chk_events_tenant_id_notnull;",
    ]);
  });

  it("a helper whose column is not being made NOT NULL is dropped like any constraint", () => {
    const result = plan(
      makeState({ tables: [events({})], constraints: [helper(false)] }),
      makeState({ tables: [events({})] }),
    );
    expect(sql(result)).toEqual(["ALTER TABLE events DROP CONSTRAINT chk_events_tenant_id_notnull;"]);
  });
});

describe("column settings: SET COMPRESSION / STORAGE / STATISTICS", () => {
  const docs = (body: Partial<Column>, extra: Parameters<typeof table>[3] = {}) =>
    table(
      "public",
      "docs",
      [
        ["id", "bigint"],
        ["body", "text", body],
      ],
      extra,
    );

  it("sets and resets compression in place", () => {
    expect(
      sql(plan(makeState({ tables: [docs({})] }), makeState({ tables: [docs({ compression: "lz4" })] }))),
    ).toEqual(["ALTER TABLE docs ALTER COLUMN body SET COMPRESSION lz4;"]);
    expect(
      sql(plan(makeState({ tables: [docs({ compression: "lz4" })] }), makeState({ tables: [docs({})] }))),
    ).toEqual(["ALTER TABLE docs ALTER COLUMN body SET COMPRESSION default;"]);
    expect(
      sql(
        plan(
          makeState({ tables: [docs({ compression: "pglz" })] }),
          makeState({ tables: [docs({ compression: "pglz" })] }),
        ),
      ),
    ).toEqual([]);
  });

  it("sets compression after creating the table or adding the column", () => {
    const created = plan(makeState({}), makeState({ tables: [docs({ compression: "pglz" })] }));
    expect(sql(created)).toEqual([
      "CREATE TABLE docs (\n  id bigint,\n  body text\n);",
      "ALTER TABLE docs ALTER COLUMN body SET COMPRESSION pglz;",
    ]);
    const added = plan(
      makeState({ tables: [table("public", "docs", [["id", "bigint"]])] }),
      makeState({ tables: [docs({ compression: "pglz" })] }),
    );
    expect(sql(added)).toEqual([
      "ALTER TABLE docs ADD COLUMN body text;",
      "ALTER TABLE docs ALTER COLUMN body SET COMPRESSION pglz;",
    ]);
  });

  it("sets it again after a type change, which may reset it", () => {
    const before = table("public", "docs", [["body", "character varying(20)", { compression: "pglz" }]]);
    const after = table("public", "docs", [["body", "text", { compression: "pglz" }]]);
    expect(sql(plan(makeState({ tables: [before] }), makeState({ tables: [after] })))).toEqual([
      "ALTER TABLE docs ALTER COLUMN body TYPE text;",
      "ALTER TABLE docs ALTER COLUMN body SET COMPRESSION pglz;",
    ]);
  });

  it("sets storage only when it differs from the type's, and resets it by naming the type's", () => {
    const at = (storage: Column["storage"]) => makeState({ tables: [docs({ storage })] });
    expect(sql(plan(at(null), at("external")))).toEqual([
      "ALTER TABLE docs ALTER COLUMN body SET STORAGE EXTERNAL;",
    ]);
    expect(sql(plan(at("main"), at(null)))).toEqual([
      "ALTER TABLE docs ALTER COLUMN body SET STORAGE EXTENDED;",
    ]);
    expect(sql(plan(at("main"), at("main")))).toEqual([]);
    expect(sql(plan(makeState({}), at("external")))).toEqual([
      "CREATE TABLE docs (\n  id bigint,\n  body text\n);",
      "ALTER TABLE docs ALTER COLUMN body SET STORAGE EXTERNAL;",
    ]);
  });

  it("sets storage again after a type change resets it to the new type's", () => {
    const before = table("public", "docs", [["body", "character varying(20)", { storage: "external" }]]);
    const after = table("public", "docs", [["body", "text", { storage: "external" }]]);
    expect(sql(plan(makeState({ tables: [before] }), makeState({ tables: [after] })))).toEqual([
      "ALTER TABLE docs ALTER COLUMN body TYPE text;",
      "ALTER TABLE docs ALTER COLUMN body SET STORAGE EXTERNAL;",
    ]);
  });

  it("sets and resets the statistics target under SHARE UPDATE EXCLUSIVE", () => {
    const at = (statisticsTarget: Column["statisticsTarget"]) =>
      makeState({ tables: [docs({ statisticsTarget })] });
    const set = plan(at(null), at(500));
    expect(sql(set)).toEqual(["ALTER TABLE docs ALTER COLUMN body SET STATISTICS 500;"]);
    expect(set.steps[0]?.lock).toEqual({ level: "share_update_exclusive", on: "table:public.docs" });
    expect(sql(plan(at(500), at(null)))).toEqual(["ALTER TABLE docs ALTER COLUMN body SET STATISTICS -1;"]);
    expect(sql(plan(at(0), at(0)))).toEqual([]);
    expect(sql(plan(at(0), at(500)))).toEqual(["ALTER TABLE docs ALTER COLUMN body SET STATISTICS 500;"]);
  });

  it("sets the n_distinct options, resetting the ones no longer wanted", () => {
    const at = (options: readonly string[]) => makeState({ tables: [docs({ options })] });
    const set = plan(at([]), at(["n_distinct=-0.5"]));
    expect(sql(set)).toEqual([
      "ALTER TABLE docs ALTER COLUMN body RESET (n_distinct_inherited), ALTER COLUMN body SET (n_distinct=-0.5);",
    ]);
    expect(set.steps[0]?.lock).toEqual({ level: "share_update_exclusive", on: "table:public.docs" });
    expect(sql(plan(at(["n_distinct=-0.5", "n_distinct_inherited=100"]), at([])))).toEqual([
      "ALTER TABLE docs ALTER COLUMN body RESET (n_distinct, n_distinct_inherited);",
    ]);
    expect(sql(plan(at(["n_distinct=-0.5"]), at(["n_distinct=-0.5"])))).toEqual([]);
  });

  it("writes every setting of a new column, after it is added, in one transaction", () => {
    const result = plan(
      makeState({ tables: [table("public", "docs", [["id", "bigint"]])] }),
      makeState({ tables: [docs({ compression: "pglz", storage: "main", statisticsTarget: 1000 })] }),
    );
    expect(sql(result)).toEqual([
      "ALTER TABLE docs ADD COLUMN body text;",
      "ALTER TABLE docs ALTER COLUMN body SET COMPRESSION pglz;",
      "ALTER TABLE docs ALTER COLUMN body SET STORAGE MAIN;",
      "ALTER TABLE docs ALTER COLUMN body SET STATISTICS 1000;",
    ]);
    expect(result.groups.map((g) => g.transaction)).toEqual(["transactional"]);
  });

  it("refuses lz4 at plan time on a target built without it, listing every column", () => {
    const current = makeState({ tables: [docs({})] });
    const withoutLz4 = { ...current, server: { ...current.server, compressionMethods: ["pglz"] } };
    const desired = makeState({
      tables: [
        docs({ compression: "lz4" }),
        table("public", "notes", [["body", "text", { compression: "lz4" }]]),
      ],
    });
    expect(() => plan(withoutLz4, desired)).toThrow(InvalidInputError);
    const problems = (() => {
      try {
        plan(withoutLz4, desired);
        return [];
      } catch (error) {
        return (error as InvalidInputError).problems.map((p) => p.message);
      }
    })();
    expect(problems).toEqual([
      "column public.docs.body uses COMPRESSION lz4, which the target server was not built with (it has pglz)",
      "column public.notes.body uses COMPRESSION lz4, which the target server was not built with (it has pglz)",
    ]);
    const withLz4 = { ...current, server: { ...current.server, compressionMethods: ["pglz", "lz4"] } };
    expect(sql(plan(withLz4, makeState({ tables: [docs({ compression: "lz4" })] })))).toEqual([
      "ALTER TABLE docs ALTER COLUMN body SET COMPRESSION lz4;",
    ]);
  });

  it("sets each table's column on its own, ONLY on a parent with partitions", () => {
    const parent = (compression: Column["compression"]) =>
      table("public", "docs", [["body", "text", { compression }]], {
        partitionBy: { strategy: "list", definition: "LIST (body)", keys: ["body"] },
      });
    const part = (compression: Column["compression"]) =>
      table("public", "docs_a", [["body", "text", { compression, isLocal: false }]], {
        partitionOf: { parent: "table:public.docs", bound: "FOR VALUES IN ('a')" },
      });
    const result = plan(
      makeState({ tables: [parent(null), part(null)] }),
      makeState({ tables: [parent("pglz"), part(null)] }),
    );
    expect(sql(result)).toEqual(["ALTER TABLE ONLY docs ALTER COLUMN body SET COMPRESSION pglz;"]);
    // A new partition copies its parent's current compression when it is created: reset explicitly.
    const created = plan(
      makeState({ tables: [parent("pglz")] }),
      makeState({ tables: [parent("pglz"), part(null)] }),
    );
    expect(sql(created)).toEqual([
      "CREATE TABLE docs_a PARTITION OF docs FOR VALUES IN ('a');",
      "ALTER TABLE docs_a ALTER COLUMN body SET COMPRESSION default;",
    ]);
  });
});
