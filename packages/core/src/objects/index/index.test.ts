import { describe, expect, it } from "vitest";
import type { Plan } from "../../plan/plan.js";
import { plan } from "../../plan/planner.js";
import { index, makeState, routine, table } from "../testing.js";

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
