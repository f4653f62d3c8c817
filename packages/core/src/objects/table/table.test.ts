import { describe, expect, it } from "vitest";
import { PgFluxError } from "../../errors.js";
import type { Plan } from "../../plan/plan.js";
import { plan } from "../../plan/planner.js";
import { foreignKey, index, makeState, primaryKey, schema, table, unique } from "../testing.js";
import {
  renderAlterTableOf,
  renderCreateTable,
  renderRenameTable,
  renderTableSetSchema,
} from "./table.render.js";

const sql = (result: Plan) => result.steps.map((step) => step.sql);

const users = (name = "users", schemaName = "public") =>
  table(schemaName, name, [
    ["id", "bigint", { notNull: true }],
    ["email", "text", { notNull: true }],
  ]);

describe("table renderers", () => {
  it("renders CREATE TABLE with inline constraints", () => {
    expect(renderCreateTable(users(), [primaryKey("public", "users", "users_pkey", ["id"])], null, [])).toBe(
      "CREATE TABLE users (\n  id bigint NOT NULL,\n  email text NOT NULL,\n  CONSTRAINT users_pkey PRIMARY KEY (id)\n);",
    );
    expect(renderRenameTable({ schema: "public", name: "user_accounts" }, "users")).toBe(
      "ALTER TABLE user_accounts RENAME TO users;",
    );
    expect(renderTableSetSchema({ schema: "public", name: "users" }, "app")).toBe(
      "ALTER TABLE public.users SET SCHEMA app;",
    );
  });

  it("renders a typed table (columns from the type, their options WITH OPTIONS) and OF / NOT OF", () => {
    const typed = { ...users("people", "app"), ofType: "type:app.person" };
    expect(renderCreateTable(typed, [primaryKey("app", "people", "people_pkey", ["id"])], null, [])).toBe(
      "CREATE TABLE app.people OF app.person (\n  id WITH OPTIONS NOT NULL,\n  email WITH OPTIONS NOT NULL,\n  CONSTRAINT people_pkey PRIMARY KEY (id)\n);",
    );
    const bare = table("public", "t", [["a", "integer"]], { ofType: "type:public.pair" });
    expect(renderCreateTable(bare, [], null, [])).toBe("CREATE TABLE t OF pair;");
    expect(renderAlterTableOf({ schema: "public", name: "t" }, "type:public.pair")).toBe(
      "ALTER TABLE t OF pair;",
    );
    expect(renderAlterTableOf({ schema: "app", name: "t" }, null)).toBe("ALTER TABLE app.t NOT OF;");
  });

  it("a table becoming typed: columns first, then OF; NOT OF before its columns change", () => {
    const plain = table("public", "t", [["a", "integer"]]);
    const typed = table(
      "public",
      "t",
      [
        ["a", "integer"],
        ["b", "text"],
      ],
      { ofType: "type:public.pair" },
    );
    expect(sql(plan(makeState({ tables: [plain] }), makeState({ tables: [typed] })))).toEqual([
      "ALTER TABLE t ADD COLUMN b text;",
      "ALTER TABLE t OF pair;",
    ]);
    expect(sql(plan(makeState({ tables: [typed] }), makeState({ tables: [plain] })))).toEqual([
      "ALTER TABLE t NOT OF;",
      "ALTER TABLE t DROP COLUMN b;",
    ]);
  });

  it("renders a partition", () => {
    const parent = table("public", "events", [["occurred_at", "timestamp with time zone"]], {
      partitionBy: { strategy: "range", definition: "RANGE (occurred_at)", keys: ["occurred_at"] },
    });
    expect(renderCreateTable(parent, [], null, [])).toBe(
      "CREATE TABLE events (\n  occurred_at timestamp with time zone\n) PARTITION BY RANGE (occurred_at);",
    );
    const child = table("public", "events_2026", [
      ["occurred_at", "timestamp with time zone", { isLocal: false }],
    ]);
    expect(
      renderCreateTable(
        child,
        [],
        {
          parent: { schema: "public", name: "events" },
          bound: "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
        },
        [],
      ),
    ).toBe("CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');");
  });
});

describe("table plans", () => {
  it("renames a table from a hint; its foreign keys follow without drop/re-add", () => {
    const orders = table("public", "orders", [["user_id", "bigint"]]);
    const current = makeState({
      tables: [users("user_accounts"), orders],
      constraints: [
        primaryKey("public", "user_accounts", "user_accounts_pkey", ["id"]),
        foreignKey(
          "public",
          "orders",
          "orders_user_fk",
          ["user_id"],
          { schema: "public", name: "user_accounts" },
          ["id"],
        ),
      ],
      indexes: [
        index("public", "user_accounts", "user_accounts_pkey", ["id"], {
          unique: true,
          constraint: "constraint:public.user_accounts.user_accounts_pkey",
        }),
      ],
    });
    const desired = makeState({
      tables: [users(), orders],
      constraints: [
        primaryKey("public", "users", "user_accounts_pkey", ["id"]),
        foreignKey("public", "orders", "orders_user_fk", ["user_id"], { schema: "public", name: "users" }, [
          "id",
        ]),
      ],
      indexes: [
        index("public", "users", "user_accounts_pkey", ["id"], {
          unique: true,
          constraint: "constraint:public.users.user_accounts_pkey",
        }),
      ],
    });
    const result = plan(current, desired, {
      renames: [{ kind: "table", from: "table:public.user_accounts", to: "table:public.users" }],
    });
    expect(sql(result)).toEqual(["ALTER TABLE user_accounts RENAME TO users;"]);
  });

  it("moves a table to another schema (seed: migrate between schemas)", () => {
    const current = makeState({ tables: [users()] });
    const desired = makeState({ schemas: [schema("app")], tables: [users("users", "app")] });
    const result = plan(current, desired, {
      renames: [{ kind: "table", from: "table:public.users", to: "table:app.users" }],
    });
    expect(sql(result)).toEqual([
      "CREATE SCHEMA IF NOT EXISTS app;",
      "ALTER TABLE public.users SET SCHEMA app;",
    ]);
  });

  it("drops a table with DATA_LOSS", () => {
    const result = plan(makeState({ tables: [users()] }), makeState({}));
    expect(sql(result)).toEqual(["DROP TABLE users;"]);
    expect(result.steps[0]?.hazards.map((h) => h.kind)).toEqual(["DATA_LOSS"]);
  });

  it("drops tables whose foreign keys reference each other: the keys first, then the tables", () => {
    const a = table("public", "a", [
      ["id", "bigint", { notNull: true }],
      ["b_id", "bigint"],
    ]);
    const b = table("public", "b", [
      ["id", "bigint", { notNull: true }],
      ["a_id", "bigint"],
    ]);
    const current = makeState({
      tables: [a, b],
      constraints: [
        primaryKey("public", "a", "a_pkey", ["id"]),
        primaryKey("public", "b", "b_pkey", ["id"]),
        foreignKey("public", "a", "a_b_fk", ["b_id"], { schema: "public", name: "b" }, ["id"]),
        foreignKey("public", "b", "b_a_fk", ["a_id"], { schema: "public", name: "a" }, ["id"]),
      ],
      indexes: [
        index("public", "a", "a_pkey", ["id"], { unique: true, primary: true }),
        index("public", "b", "b_pkey", ["id"], { unique: true, primary: true }),
      ],
    });
    const result = plan(current, makeState({}));
    expect(sql(result)).toEqual([
      "ALTER TABLE a DROP CONSTRAINT a_b_fk;",
      "ALTER TABLE b DROP CONSTRAINT b_a_fk;",
      "DROP TABLE a;",
      "DROP TABLE b;",
    ]);
  });

  it("adds a UNIQUE that repeats the primary key after CREATE TABLE, which would silently drop it", () => {
    const t = table("public", "t", [["id", "bigint", { notNull: true }]]);
    const desired = makeState({
      tables: [t],
      constraints: [primaryKey("public", "t", "t_pkey", ["id"]), unique("public", "t", "t_id_key", ["id"])],
      indexes: [
        index("public", "t", "t_pkey", ["id"], {
          unique: true,
          primary: true,
          constraint: "constraint:public.t.t_pkey",
        }),
        index("public", "t", "t_id_key", ["id"], {
          unique: true,
          constraint: "constraint:public.t.t_id_key",
        }),
      ],
    });
    const result = plan(makeState({}), desired);
    expect(sql(result)).toEqual([
      "CREATE TABLE t (\n  id bigint NOT NULL,\n  CONSTRAINT t_pkey PRIMARY KEY (id)\n);",
      "ALTER TABLE t\nADD CONSTRAINT t_id_key\nUNIQUE (id);",
    ]);
  });

  it("creates a new partition of an existing parent", () => {
    const parent = table("public", "events", [["occurred_at", "timestamp with time zone"]], {
      partitionBy: { strategy: "range", definition: "RANGE (occurred_at)", keys: ["occurred_at"] },
    });
    const child = table(
      "public",
      "events_2026",
      [["occurred_at", "timestamp with time zone", { isLocal: false }]],
      {
        partitionOf: { parent: parent.id, bound: "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')" },
      },
    );
    const result = plan(makeState({ tables: [parent] }), makeState({ tables: [parent, child] }));
    expect(sql(result)).toEqual([
      "CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');",
    ]);
  });

  it("refuses to change a partition key, saying why", () => {
    const make = (definition: string) =>
      table(
        "public",
        "events",
        [
          ["occurred_at", "timestamp with time zone"],
          ["id", "bigint"],
        ],
        {
          partitionBy: { strategy: "range", definition, keys: [] },
        },
      );
    expect(() =>
      plan(makeState({ tables: [make("RANGE (occurred_at)")] }), makeState({ tables: [make("RANGE (id)")] })),
    ).toThrow(PgFluxError);
    expect(() =>
      plan(makeState({ tables: [make("RANGE (occurred_at)")] }), makeState({ tables: [make("RANGE (id)")] })),
    ).toThrow(/cannot change how public.events is partitioned/);
  });

  it("enables RLS with AUTHZ_UPDATE at the ChangeToggleRLS priority", () => {
    const result = plan(
      makeState({ tables: [users()] }),
      makeState({ tables: [{ ...users(), rowSecurity: true }] }),
    );
    expect(sql(result)).toEqual(["ALTER TABLE users ENABLE ROW LEVEL SECURITY;"]);
    expect(result.steps[0]?.priority).toBe(65);
    expect(result.steps[0]?.hazards.map((h) => h.kind)).toEqual(["AUTHZ_UPDATE"]);
  });

  it("never touches tables outside the managed schemas", () => {
    const other = table("other", "t", [["id", "bigint"]]);
    const result = plan(makeState({ schemas: [schema("other")], tables: [other] }), makeState({}), {
      schemas: ["public"],
    });
    expect(result.steps).toEqual([]);
  });

  it("creates a table, its foreign key after both tables, and its index in the transaction", () => {
    const orders = table("public", "orders", [
      ["id", "bigint", { notNull: true }],
      ["user_id", "bigint"],
    ]);
    const desired = makeState({
      tables: [users(), orders],
      constraints: [
        primaryKey("public", "users", "users_pkey", ["id"]),
        foreignKey("public", "orders", "orders_user_fk", ["user_id"], { schema: "public", name: "users" }, [
          "id",
        ]),
      ],
      indexes: [
        index("public", "users", "users_pkey", ["id"], {
          unique: true,
          constraint: "constraint:public.users.users_pkey",
        }),
        index("public", "orders", "orders_user_id_idx", ["user_id"]),
      ],
    });
    const result = plan(makeState({}), desired);
    expect(sql(result)).toEqual([
      "CREATE TABLE orders (\n  id bigint NOT NULL,\n  user_id bigint\n);",
      "CREATE TABLE users (\n  id bigint NOT NULL,\n  email text NOT NULL,\n  CONSTRAINT users_pkey PRIMARY KEY (id)\n);",
      "ALTER TABLE orders\nADD CONSTRAINT orders_user_fk\nFOREIGN KEY (user_id) REFERENCES users(id);",
      "CREATE INDEX orders_user_id_idx\nON orders (user_id);",
    ]);
    expect(result.groups).toEqual([{ transaction: "transactional", steps: [0, 1, 2, 3] }]);
  });
});

describe("a renamed table that also loses a column", () => {
  it("renames first, then drops the column (no cycle: the rename only claims the columns it keeps)", () => {
    const current = makeState({
      tables: [
        table("public", "user_accounts", [
          ["id", "bigint", { notNull: true }],
          ["email_address", "text", { notNull: true }],
          ["legacy_phone", "text"],
        ]),
      ],
    });
    const desired = makeState({
      tables: [
        table("public", "users", [
          ["id", "bigint", { notNull: true }],
          ["email", "text", { notNull: true }],
        ]),
      ],
    });
    const result = plan(current, desired, {
      renames: [
        { kind: "table", from: "table:public.user_accounts", to: "table:public.users" },
        {
          kind: "column",
          from: "column:public.user_accounts.email_address",
          to: "column:public.users.email",
        },
      ],
    });
    expect(result.steps.map((step) => step.sql)).toEqual([
      "ALTER TABLE user_accounts RENAME TO users;",
      "ALTER TABLE users RENAME COLUMN email_address TO email;",
      "ALTER TABLE users DROP COLUMN legacy_phone;",
    ]);
    expect(result.steps[2]!.hazards.map((hazard) => hazard.kind)).toContain("DATA_LOSS");
  });
});

describe("table options: REPLICA IDENTITY and UNLOGGED", () => {
  const keyed = (extra: Parameters<typeof table>[3] = {}) =>
    table("public", "users", [["id", "bigint", { notNull: true }]], extra);
  const idIndex = index("public", "users", "users_id_key", ["id"], { unique: true });

  it("sets REPLICA IDENTITY FULL / NOTHING / USING INDEX / DEFAULT in place", () => {
    const at = (extra: Parameters<typeof table>[3]) =>
      makeState({ tables: [keyed(extra)], indexes: [idIndex] });
    expect(sql(plan(at({}), at({ replicaIdentity: "full" })))).toEqual([
      "ALTER TABLE users REPLICA IDENTITY FULL;",
    ]);
    expect(sql(plan(at({ replicaIdentity: "full" }), at({ replicaIdentity: "nothing" })))).toEqual([
      "ALTER TABLE users REPLICA IDENTITY NOTHING;",
    ]);
    const byIndex = { replicaIdentity: "index", replicaIdentityIndex: idIndex.id } as const;
    expect(sql(plan(at({}), at(byIndex)))).toEqual([
      "ALTER TABLE users REPLICA IDENTITY USING INDEX users_id_key;",
    ]);
    expect(sql(plan(at(byIndex), at({})))).toEqual(["ALTER TABLE users REPLICA IDENTITY DEFAULT;"]);
    expect(sql(plan(at(byIndex), at(byIndex)))).toEqual([]);
  });

  it("sets REPLICA IDENTITY USING INDEX after building the new index, on a new table too", () => {
    const byIndex = { replicaIdentity: "index", replicaIdentityIndex: idIndex.id } as const;
    const existing = plan(
      makeState({ tables: [keyed()] }),
      makeState({ tables: [keyed(byIndex)], indexes: [idIndex] }),
    );
    expect(sql(existing)).toEqual([
      "CREATE UNIQUE INDEX CONCURRENTLY users_id_key\nON users (id);",
      "ALTER TABLE users REPLICA IDENTITY USING INDEX users_id_key;",
    ]);
    const created = plan(makeState({}), makeState({ tables: [keyed(byIndex)], indexes: [idIndex] }));
    expect(sql(created)).toEqual([
      "CREATE TABLE users (\n  id bigint NOT NULL\n);",
      "CREATE UNIQUE INDEX users_id_key\nON users (id);",
      "ALTER TABLE users REPLICA IDENTITY USING INDEX users_id_key;",
    ]);
  });

  it("marks the CLUSTER index in place, after the index exists, and clears it", () => {
    const at = (clusterIndex: string | null, indexes = [idIndex]) =>
      makeState({ tables: [keyed({ clusterIndex })], indexes });
    const set = plan(at(null), at(idIndex.id));
    expect(sql(set)).toEqual(["ALTER TABLE users CLUSTER ON users_id_key;"]);
    expect(set.steps[0]?.lock).toEqual({ level: "share_update_exclusive", on: "table:public.users" });
    expect(sql(plan(at(idIndex.id), at(null)))).toEqual(["ALTER TABLE users SET WITHOUT CLUSTER;"]);
    expect(sql(plan(at(idIndex.id), at(idIndex.id)))).toEqual([]);
    expect(sql(plan(makeState({}), at(idIndex.id)))).toEqual([
      "CREATE TABLE users (\n  id bigint NOT NULL\n);",
      "CREATE UNIQUE INDEX users_id_key\nON users (id);",
      "ALTER TABLE users CLUSTER ON users_id_key;",
    ]);
  });

  it("marks the CLUSTER index again when the index is rebuilt (the new one is not marked)", () => {
    const wider = index("public", "users", "users_id_key", ["id", "email"], { unique: true });
    const table2 = (clusterIndex: string | null) =>
      table(
        "public",
        "users",
        [
          ["id", "bigint", { notNull: true }],
          ["email", "text"],
        ],
        { clusterIndex },
      );
    const result = plan(
      makeState({ tables: [table2(idIndex.id)], indexes: [idIndex] }),
      makeState({ tables: [table2(idIndex.id)], indexes: [wider] }),
    );
    expect(sql(result)).toEqual([
      "CREATE UNIQUE INDEX CONCURRENTLY users_id_key_pgflux_new\nON users (id, email);",
      "DROP INDEX CONCURRENTLY users_id_key;",
      "ALTER INDEX users_id_key_pgflux_new RENAME TO users_id_key;",
      "ALTER TABLE users CLUSTER ON users_id_key;",
    ]);
  });

  it("creates an UNLOGGED table; SET LOGGED / UNLOGGED rewrite it (TABLE_REWRITE + LONG_LOCK)", () => {
    expect(sql(plan(makeState({}), makeState({ tables: [keyed({ persistence: "unlogged" })] })))).toEqual([
      "CREATE UNLOGGED TABLE users (\n  id bigint NOT NULL\n);",
    ]);
    const logged = plan(
      makeState({ tables: [keyed({ persistence: "unlogged" })] }),
      makeState({ tables: [keyed()] }),
    );
    expect(sql(logged)).toEqual(["ALTER TABLE users SET LOGGED;"]);
    expect(logged.steps[0]?.hazards.map((h) => h.kind)).toEqual(["TABLE_REWRITE", "LONG_LOCK"]);
    const unlogged = plan(
      makeState({ tables: [keyed()] }),
      makeState({ tables: [keyed({ persistence: "unlogged" })] }),
    );
    expect(sql(unlogged)).toEqual(["ALTER TABLE users SET UNLOGGED;"]);
    expect(unlogged.steps[0]?.hazards.map((h) => h.kind)).toEqual(["TABLE_REWRITE", "LONG_LOCK"]);
  });
});
