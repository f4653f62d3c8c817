import { describe, expect, it } from "vitest";
import type { Plan } from "../../plan/plan.js";
import { plan } from "../../plan/planner.js";
import { index, makeState, table } from "../testing.js";

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
