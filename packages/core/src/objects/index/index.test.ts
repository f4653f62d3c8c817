import { describe, expect, it } from "vitest";
import type { Plan } from "../../plan/plan.js";
import { plan } from "../../plan/planner.js";
import { index, makeState, routine, table, unique } from "../testing.js";

const sql = (result: Plan) => result.steps.map((step) => step.sql);
const t = table("public", "users", [
  ["id", "bigint"],
  ["email", "text"],
]);

describe("index plans", () => {
  it("builds a new index on an existing table concurrently, in autocommit", () => {
    const result = plan(
      makeState({ tables: [t] }),
      makeState({ tables: [t], indexes: [index("public", "users", "users_email_idx", ["email"])] }),
    );
    expect(sql(result)).toEqual(["CREATE INDEX CONCURRENTLY users_email_idx\nON users (email);"]);
    expect(result.groups).toEqual([{ transaction: "autocommit", steps: [0] }]);
  });

  it("replaces a changed index: build under a temporary name, drop the old, rename", () => {
    const before = index("public", "users", "users_email_idx", ["email"]);
    const after = index("public", "users", "users_email_idx", ["email", "id"]);
    const result = plan(
      makeState({ tables: [t], indexes: [before] }),
      makeState({ tables: [t], indexes: [after] }),
    );
    expect(sql(result)).toEqual([
      "CREATE INDEX CONCURRENTLY users_email_idx_pgflux_new\nON users (email, id);",
      "DROP INDEX CONCURRENTLY users_email_idx;",
      "ALTER INDEX users_email_idx_pgflux_new RENAME TO users_email_idx;",
    ]);
    expect(result.groups.map((g) => g.transaction)).toEqual(["autocommit", "autocommit", "transactional"]);
  });

  it("drops an index concurrently with INDEX_DROPPED", () => {
    const result = plan(
      makeState({ tables: [t], indexes: [index("public", "users", "users_email_idx", ["email"])] }),
      makeState({ tables: [t] }),
    );
    expect(sql(result)).toEqual(["DROP INDEX CONCURRENTLY users_email_idx;"]);
    expect(result.steps[0]?.hazards.map((h) => h.kind)).toEqual(["INDEX_DROPPED"]);
  });

  it("drops an index whose routine is dropped and created again inside that transaction, and builds it concurrently after", () => {
    const before = routine("public", "norm", { identityArguments: "v text", returns: "text" });
    const after = routine("public", "norm", { identityArguments: "v text", returns: "character varying" });
    const byNorm = index("public", "users", "users_norm_idx", ["public.norm(email)"]);
    const dependencies = [{ dependent: byNorm.id, referenced: before.id }];
    const result = plan(
      makeState({ tables: [t], functions: [before], indexes: [byNorm] }, { dependencies }),
      makeState({ tables: [t], functions: [after], indexes: [byNorm] }, { dependencies }),
    );
    expect(sql(result).map((text) => text.split("\n")[0])).toEqual([
      "DROP INDEX users_norm_idx;",
      "DROP FUNCTION norm(v text);",
      "CREATE OR REPLACE FUNCTION public.norm(v text)",
      "CREATE INDEX CONCURRENTLY users_norm_idx",
    ]);
    expect(result.groups.map((group) => group.transaction)).toEqual(["transactional", "autocommit"]);
    expect(result.steps[0]?.hazards.map((h) => h.kind)).toEqual(["INDEX_DROPPED"]);
  });

  it("does not build CONCURRENTLY on a partitioned parent", () => {
    const parent = {
      ...t,
      partitionBy: { strategy: "hash" as const, definition: "HASH (id)", keys: ["id"] },
    };
    const result = plan(
      makeState({ tables: [parent] }),
      makeState({ tables: [parent], indexes: [index("public", "users", "users_email_idx", ["email"])] }),
    );
    expect(sql(result)).toEqual(["CREATE INDEX users_email_idx\nON users (email);"]);
    expect(result.groups[0]?.transaction).toBe("transactional");
  });
});

describe("index statistics targets (ALTER INDEX … ALTER COLUMN n SET STATISTICS)", () => {
  const lower = (columnStatistics: readonly { column: number; target: number }[]) =>
    index("public", "users", "users_lower_email_idx", ["lower(email)"], { columnStatistics });

  it("sets, changes and resets a target in place, without rebuilding the index", () => {
    const at = (stats: readonly { column: number; target: number }[]) =>
      makeState({ tables: [t], indexes: [lower(stats)] });
    const set = plan(at([]), at([{ column: 1, target: 3000 }]));
    expect(sql(set)).toEqual(["ALTER INDEX users_lower_email_idx ALTER COLUMN 1 SET STATISTICS 3000;"]);
    expect(set.steps[0]?.lock).toEqual({ level: "share_update_exclusive", on: "table:public.users" });
    expect(sql(plan(at([{ column: 1, target: 3000 }]), at([])))).toEqual([
      "ALTER INDEX users_lower_email_idx ALTER COLUMN 1 SET STATISTICS -1;",
    ]);
    expect(sql(plan(at([{ column: 1, target: 10 }]), at([{ column: 1, target: 10 }])))).toEqual([]);
  });

  it("sets the target after building a new or replaced index", () => {
    const created = plan(
      makeState({ tables: [t] }),
      makeState({ tables: [t], indexes: [lower([{ column: 1, target: 3000 }])] }),
    );
    expect(sql(created)).toEqual([
      "CREATE INDEX CONCURRENTLY users_lower_email_idx\nON users (lower(email));",
      "ALTER INDEX users_lower_email_idx ALTER COLUMN 1 SET STATISTICS 3000;",
    ]);
    const wider = index("public", "users", "users_lower_email_idx", ["lower(email)", "id"], {
      columnStatistics: [{ column: 1, target: 3000 }],
    });
    const replaced = plan(
      makeState({ tables: [t], indexes: [lower([{ column: 1, target: 3000 }])] }),
      makeState({ tables: [t], indexes: [wider] }),
    );
    expect(sql(replaced)).toEqual([
      "CREATE INDEX CONCURRENTLY users_lower_email_idx_pgflux_new\nON users (lower(email), id);",
      "DROP INDEX CONCURRENTLY users_lower_email_idx;",
      "ALTER INDEX users_lower_email_idx_pgflux_new RENAME TO users_lower_email_idx;",
      "ALTER INDEX users_lower_email_idx ALTER COLUMN 1 SET STATISTICS 3000;",
    ]);
  });
});

describe("statistics targets of partitions' indexes", () => {
  const parent = table("public", "events", [["kind", "text"]], {
    partitionBy: { strategy: "list", definition: "LIST (kind)", keys: ["kind"] },
  });
  const part = (name: string) =>
    table("public", name, [["kind", "text", { isLocal: false }]], {
      partitionOf: { parent: "table:public.events", bound: `FOR VALUES IN ('${name}')` },
    });
  const stats = (target: number | null) => (target === null ? [] : [{ column: 1, target }]);
  const parentIndex = (target: number | null) =>
    index("public", "events", "events_lower_idx", ["lower(kind)"], { columnStatistics: stats(target) });
  const childIndex = (name: string, target: number | null) =>
    index("public", name, `${name}_lower_idx`, ["lower(kind)"], {
      parentIndex: "index:public.events_lower_idx",
      columnStatistics: stats(target),
    });

  it("sets a partition's index back after its parent's statement reached it", () => {
    // The parent's ALTER INDEX also sets a_lower_idx; the desired state keeps it at the default.
    const result = plan(
      makeState({ tables: [parent, part("a")], indexes: [parentIndex(null), childIndex("a", null)] }),
      makeState({ tables: [parent, part("a")], indexes: [parentIndex(33), childIndex("a", null)] }),
    );
    expect(sql(result)).toEqual([
      "ALTER INDEX events_lower_idx ALTER COLUMN 1 SET STATISTICS 33;",
      "ALTER INDEX a_lower_idx ALTER COLUMN 1 SET STATISTICS -1;",
    ]);
  });

  it("leaves a partition's index its parent's statement sets as desired, and sets a new one's own", () => {
    const result = plan(
      makeState({ tables: [parent, part("a")], indexes: [parentIndex(null), childIndex("a", null)] }),
      makeState({
        tables: [parent, part("a"), part("b")],
        indexes: [parentIndex(33), childIndex("a", 33), childIndex("b", 7)],
      }),
    );
    expect(sql(result)).toEqual([
      "CREATE TABLE b PARTITION OF events FOR VALUES IN ('b');",
      "ALTER INDEX events_lower_idx ALTER COLUMN 1 SET STATISTICS 33;",
      "ALTER INDEX b_lower_idx ALTER COLUMN 1 SET STATISTICS 7;",
    ]);
  });
});

describe("INVALID indexes (a failed, killed or timed-out CREATE INDEX CONCURRENTLY) are dropped and built again", () => {
  const email = (extra: Parameters<typeof index>[4] = {}) =>
    index("public", "users", "users_email_idx", ["email"], extra);

  it("a plain or unique index: DROP INDEX CONCURRENTLY IF EXISTS, then the build again, no INDEX_DROPPED", () => {
    for (const isUnique of [false, true]) {
      const result = plan(
        makeState({ tables: [t], indexes: [email({ unique: isUnique, valid: false })] }),
        makeState({ tables: [t], indexes: [email({ unique: isUnique })] }),
      );
      const keyword = isUnique ? "UNIQUE " : "";
      expect(sql(result)).toEqual([
        "DROP INDEX CONCURRENTLY IF EXISTS users_email_idx;",
        `CREATE ${keyword}INDEX CONCURRENTLY users_email_idx\nON users (email);`,
      ]);
      expect(result.groups.map((g) => g.transaction)).toEqual(["autocommit", "autocommit"]);
      expect(result.steps[0]?.hazards).toEqual([]);
      expect(result.steps[1]?.hazards.map((h) => h.kind)).toEqual(["INDEX_BUILD"]);
    }
  });

  it("the index of a UNIQUE constraint whose build failed: dropped, then built and attached again", () => {
    const uq = unique("public", "users", "users_email_key", ["email"]);
    const wanted = index("public", "users", "users_email_key", ["email"], {
      unique: true,
      constraint: uq.id,
    });
    const leftover = index("public", "users", "users_email_key", ["email"], { unique: true, valid: false });
    const result = plan(
      makeState({ tables: [t], indexes: [leftover] }),
      makeState({ tables: [t], constraints: [uq], indexes: [wanted] }),
    );
    expect(sql(result)).toEqual([
      "DROP INDEX CONCURRENTLY IF EXISTS users_email_key;",
      "CREATE UNIQUE INDEX CONCURRENTLY users_email_key\nON users (email);",
      "ALTER TABLE users\nADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;",
    ]);
  });

  it("a valid index an earlier run built for a UNIQUE constraint is attached, not built again", () => {
    const uq = unique("public", "users", "users_email_key", ["email"]);
    const wanted = index("public", "users", "users_email_key", ["email"], {
      unique: true,
      constraint: uq.id,
    });
    const built = index("public", "users", "users_email_key", ["email"], { unique: true });
    const result = plan(
      makeState({ tables: [t], indexes: [built] }),
      makeState({ tables: [t], constraints: [uq], indexes: [wanted] }),
    );
    expect(sql(result)).toEqual([
      "ALTER TABLE users\nADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;",
    ]);
    // another definition under that name goes first
    const other = index("public", "users", "users_email_key", ["email", "id"], { unique: true });
    expect(
      sql(
        plan(
          makeState({ tables: [t], indexes: [other] }),
          makeState({ tables: [t], constraints: [uq], indexes: [wanted] }),
        ),
      ),
    ).toEqual([
      "DROP INDEX CONCURRENTLY users_email_key;",
      "CREATE UNIQUE INDEX CONCURRENTLY users_email_key\nON users (email);",
      "ALTER TABLE users\nADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;",
    ]);
  });

  it("a _pgflux_new leftover of a replacement is dropped before the replacement is built again", () => {
    const before = email();
    const after = index("public", "users", "users_email_idx", ["email", "id"]);
    for (const valid of [false, true]) {
      const leftover = index("public", "users", "users_email_idx_pgflux_new", ["email", "id"], { valid });
      const result = plan(
        makeState({ tables: [t], indexes: [before, leftover] }),
        makeState({ tables: [t], indexes: [after] }),
      );
      expect(sql(result)).toEqual([
        `DROP INDEX CONCURRENTLY ${valid ? "" : "IF EXISTS "}users_email_idx_pgflux_new;`,
        "CREATE INDEX CONCURRENTLY users_email_idx_pgflux_new\nON users (email, id);",
        "DROP INDEX CONCURRENTLY users_email_idx;",
        "ALTER INDEX users_email_idx_pgflux_new RENAME TO users_email_idx;",
      ]);
      expect(result.steps[1]?.dependsOn).toContain(result.steps[0]?.id);
    }
  });

  it("an invalid index of a partitioned table (and the invalid partitions' indexes under it)", () => {
    const parent = table("public", "events", [["kind", "text"]], {
      partitionBy: { strategy: "list", definition: "LIST (kind)", keys: ["kind"] },
    });
    const part = table("public", "a", [["kind", "text", { isLocal: false }]], {
      partitionOf: { parent: "table:public.events", bound: "FOR VALUES IN ('a')" },
    });
    const parentIndex = (valid: boolean) => index("public", "events", "events_kind_idx", ["kind"], { valid });
    const childIndex = (valid: boolean) =>
      index("public", "a", "a_kind_idx", ["kind"], { valid, parentIndex: "index:public.events_kind_idx" });
    const result = plan(
      makeState({ tables: [parent, part], indexes: [parentIndex(false), childIndex(false)] }),
      makeState({ tables: [parent, part], indexes: [parentIndex(true), childIndex(true)] }),
    );
    expect(sql(result)).toEqual([
      "DROP INDEX IF EXISTS events_kind_idx;",
      "CREATE INDEX events_kind_idx\nON events (kind);",
    ]);
    expect(result.groups).toEqual([{ transaction: "transactional", steps: [0, 1] }]);
    // a partition's own invalid index standing where the parent's build will put one
    const standalone = index("public", "a", "a_kind_idx", ["kind"], { valid: false });
    const fresh = plan(
      makeState({ tables: [parent, part], indexes: [standalone] }),
      makeState({ tables: [parent, part], indexes: [parentIndex(true), childIndex(true)] }),
    );
    expect(sql(fresh)).toEqual([
      "DROP INDEX CONCURRENTLY IF EXISTS a_kind_idx;",
      "CREATE INDEX events_kind_idx\nON events (kind);",
    ]);
    expect(fresh.steps[1]?.dependsOn).toContain(fresh.steps[0]?.id);
  });

  it("an invalid index the desired state does not have is dropped IF EXISTS", () => {
    const result = plan(
      makeState({ tables: [t], indexes: [email({ valid: false })] }),
      makeState({ tables: [t] }),
    );
    expect(sql(result)).toEqual(["DROP INDEX CONCURRENTLY IF EXISTS users_email_idx;"]);
    expect(result.steps[0]?.hazards).toEqual([]);
  });
});
