import { describe, expect, it } from "vitest";
import { groupSteps, type Plan, type Step } from "../plan/plan.js";
import { DEFAULT_PLAN_OPTIONS } from "../step/plan-options.js";
import {
  NO_TRANSACTION_DIRECTIVE,
  renderMarkdown,
  renderMermaid,
  renderSql,
  summarize,
} from "./plan-report.js";

function step(partial: Partial<Step> & Pick<Step, "id" | "sql" | "objectId" | "kind">): Step {
  return {
    transaction: "transactional",
    lock: null,
    hazards: [],
    priority: 50,
    dependsOn: [],
    longRunning: false,
    ...partial,
  };
}

function planOf(steps: Step[]): Plan {
  return {
    formatVersion: 1,
    steps,
    groups: groupSteps(steps),
    currentFingerprint: "a",
    desiredFingerprint: "b",
    options: DEFAULT_PLAN_OPTIONS,
    warnings: [],
  };
}

const rename = step({
  id: "rename_column:column:public.users.email",
  kind: "rename_column",
  objectId: "column:public.users.email",
  sql: "ALTER TABLE users RENAME COLUMN email_address TO email;",
});

const addFk = step({
  id: "add_constraint:constraint:public.orders.orders_user_fk",
  kind: "add_constraint",
  objectId: "constraint:public.orders.orders_user_fk",
  sql: "ALTER TABLE orders\nADD CONSTRAINT orders_user_fk\nFOREIGN KEY (user_id) REFERENCES users(id) NOT VALID;",
  lock: { level: "share_row_exclusive", on: "table:public.orders" },
});

const validate = step({
  id: "validate_constraint:constraint:public.orders.orders_user_fk",
  kind: "validate_constraint",
  objectId: "constraint:public.orders.orders_user_fk",
  sql: "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;",
  transaction: "autocommit",
  dependsOn: ["add_constraint:constraint:public.orders.orders_user_fk"],
  longRunning: true,
});

const dropColumn = step({
  id: "drop_column:column:public.users.legacy_phone",
  kind: "drop_column",
  objectId: "column:public.users.legacy_phone",
  sql: "ALTER TABLE users DROP COLUMN legacy_phone;",
  hazards: [{ kind: "DATA_LOSS", reason: "the column's values are deleted" }],
  lock: { level: "access_exclusive", on: "table:public.users" },
});

describe("renderSql", () => {
  it("relaxes body checks, as pg_dump does, only in a file that creates routines", () => {
    const createFn = step({
      id: "create_function:function:public.f()",
      kind: "create_function",
      objectId: "function:public.f()",
      sql: "CREATE OR REPLACE FUNCTION public.f() RETURNS integer LANGUAGE sql AS $$ SELECT g() $$;",
    });
    expect(renderSql(planOf([createFn]), { header: false })).toBe(
      `SET check_function_bodies = false;\n${createFn.sql}\n`,
    );
    expect(renderSql(planOf([rename]), { header: false })).not.toContain("check_function_bodies");
  });

  it("writes a one-transaction plan as plain statements, as the seed shows", () => {
    const sql = renderSql(planOf([rename]), { header: false });
    expect(sql).toBe("ALTER TABLE users RENAME COLUMN email_address TO email;\n");
  });

  it("spells out boundaries when a step must run in autocommit", () => {
    const sql = renderSql(planOf([addFk, validate]), { header: false });
    expect(sql).toBe(
      [
        NO_TRANSACTION_DIRECTIVE,
        "BEGIN;",
        "ALTER TABLE orders",
        "ADD CONSTRAINT orders_user_fk",
        "FOREIGN KEY (user_id) REFERENCES users(id) NOT VALID;",
        "COMMIT;",
        "",
        "-- autocommit: must run outside a transaction",
        "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;",
        "",
      ].join("\n"),
    );
  });

  it("lists hazards and boundaries in the header", () => {
    const sql = renderSql(planOf([dropColumn]));
    expect(sql).toContain(
      "--   DATA_LOSS (step 1, column:public.users.legacy_phone): the column's values are deleted",
    );
    expect(sql).toContain("-- Transaction boundaries: step 1 in a transaction.");
  });

  it("says so when there is nothing to do", () => {
    expect(renderSql(planOf([]), { header: false })).toContain("nothing to do");
  });
});

describe("renderMarkdown", () => {
  it("has the summary, the hazards table, grouped SQL and a mermaid diagram", () => {
    const md = renderMarkdown(planOf([addFk, validate, dropColumn]));
    expect(md).toContain("| constraint | 1 | 0 | 0 |");
    expect(md).toContain("| column | 0 | 0 | 1 |");
    expect(md).toContain(
      "| DATA_LOSS | yes, unless allowed | 3 | `column:public.users.legacy_phone` | the column's values are deleted | ACCESS_EXCLUSIVE on `table:public.users` |",
    );
    expect(md).toContain("**Group 2: autocommit (outside a transaction)**");
    expect(md).toContain("```mermaid\nflowchart TD");
  });

  it("draws dependency edges between numbered steps", () => {
    const mermaid = renderMermaid(planOf([addFk, validate]));
    expect(mermaid).toContain('s2(["2. validate_constraint constraint:public.orders.orders_user_fk"])');
    expect(mermaid).toContain("s1 --> s2");
  });
});

describe("summarize", () => {
  it("counts each object once", () => {
    const counts = summarize(planOf([addFk, validate]));
    expect(counts.get("constraint")).toEqual({ created: 1, altered: 0, dropped: 0 });
  });
});
