import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../errors.js";
import type { Plan } from "../../plan/plan.js";
import { plan } from "../../plan/planner.js";
import { check, foreignKey, index, makeState, primaryKey, table, unique } from "../testing.js";

const sql = (result: Plan) => result.steps.map((step) => step.sql);
const users = table("public", "users", [
  ["id", "bigint", { notNull: true }],
  ["email", "text"],
]);
const orders = table("public", "orders", [
  ["id", "bigint"],
  ["user_id", "bigint"],
]);
const pk = primaryKey("public", "users", "users_pkey", ["id"]);
const pkIndex = index("public", "users", "users_pkey", ["id"], { unique: true, constraint: pk.id });
const fk = foreignKey(
  "public",
  "orders",
  "orders_user_fk",
  ["user_id"],
  { schema: "public", name: "users" },
  ["id"],
);

describe("constraint plans (seed recipes)", () => {
  it("adds a foreign key NOT VALID, then validates it in autocommit", () => {
    const current = makeState({ tables: [users, orders], constraints: [pk], indexes: [pkIndex] });
    const desired = makeState({ tables: [users, orders], constraints: [pk, fk], indexes: [pkIndex] });
    const result = plan(current, desired);
    expect(sql(result)).toEqual([
      "ALTER TABLE orders\nADD CONSTRAINT orders_user_fk\nFOREIGN KEY (user_id) REFERENCES users(id) NOT VALID;",
      "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;",
    ]);
    expect(result.groups.map((g) => g.transaction)).toEqual(["transactional", "autocommit"]);
    const plain = plan(current, desired, { options: { autoNotValid: false } });
    expect(sql(plain)).toEqual([
      "ALTER TABLE orders\nADD CONSTRAINT orders_user_fk\nFOREIGN KEY (user_id) REFERENCES users(id);",
    ]);
  });

  it("adds a CHECK NOT VALID + VALIDATE too", () => {
    const positive = check("public", "orders", "orders_id_positive", "(id > 0)");
    const result = plan(
      makeState({ tables: [orders] }),
      makeState({ tables: [orders], constraints: [positive] }),
    );
    expect(sql(result)).toEqual([
      "ALTER TABLE orders\nADD CONSTRAINT orders_id_positive\nCHECK (id > 0) NOT VALID;",
      "ALTER TABLE orders VALIDATE CONSTRAINT orders_id_positive;",
    ]);
  });

  it("adds a unique constraint by building the index concurrently, then attaching it", () => {
    const uq = unique("public", "users", "users_email_unique", ["email"]);
    const uqIndex = index("public", "users", "users_email_unique", ["email"], {
      unique: true,
      constraint: uq.id,
    });
    const result = plan(
      makeState({ tables: [users], constraints: [pk], indexes: [pkIndex] }),
      makeState({ tables: [users], constraints: [pk, uq], indexes: [pkIndex, uqIndex] }),
    );
    expect(sql(result)).toEqual([
      "CREATE UNIQUE INDEX CONCURRENTLY users_email_unique\nON users (email);",
      "ALTER TABLE users\nADD CONSTRAINT users_email_unique UNIQUE USING INDEX users_email_unique;",
    ]);
    expect(result.groups.map((g) => g.transaction)).toEqual(["autocommit", "transactional"]);
    expect(result.steps[0]?.hazards.map((h) => h.kind)).toEqual(["INDEX_BUILD"]);
  });

  it("drops a foreign key before the table it references", () => {
    const result = plan(
      makeState({ tables: [users, orders], constraints: [pk, fk], indexes: [pkIndex] }),
      makeState({ tables: [orders] }),
    );
    expect(sql(result)).toEqual(["ALTER TABLE orders DROP CONSTRAINT orders_user_fk;", "DROP TABLE users;"]);
  });

  it("validates a NOT VALID constraint the desired state has validated", () => {
    const result = plan(
      makeState({
        tables: [users, orders],
        constraints: [pk, { ...fk, validated: false }],
        indexes: [pkIndex],
      }),
      makeState({ tables: [users, orders], constraints: [pk, fk], indexes: [pkIndex] }),
    );
    expect(sql(result)).toEqual(["ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;"]);
  });

  it("drops and re-adds a foreign key around the key it uses when that key is rebuilt", () => {
    const wider = { ...primaryKey("public", "users", "users_pkey", ["id", "email"]) };
    const widerIndex = index("public", "users", "users_pkey", ["id", "email"], {
      unique: true,
      constraint: pk.id,
    });
    const users2 = table("public", "users", [
      ["id", "bigint", { notNull: true }],
      ["email", "text", { notNull: true }],
    ]);
    const keep = unique("public", "users", "users_id_key", ["id"]);
    const keepIndex = index("public", "users", "users_id_key", ["id"], { unique: true, constraint: keep.id });
    const result = plan(
      makeState({ tables: [users2, orders], constraints: [pk, fk], indexes: [pkIndex] }),
      makeState({
        tables: [users2, orders],
        constraints: [wider, keep, fk],
        indexes: [widerIndex, keepIndex],
      }),
    );
    const order = sql(result);
    const dropFk = order.indexOf("ALTER TABLE orders DROP CONSTRAINT orders_user_fk;");
    const dropPk = order.indexOf("ALTER TABLE users DROP CONSTRAINT users_pkey;");
    const addFk = order.findIndex((s) => s.startsWith("ALTER TABLE orders\nADD CONSTRAINT orders_user_fk"));
    expect(dropFk).toBeGreaterThanOrEqual(0);
    expect(dropFk).toBeLessThan(dropPk);
    expect(addFk).toBeGreaterThan(dropPk);
  });
});

describe("NOT ENFORCED (PG 18)", () => {
  const pg18 = { major: 18 };
  const positive = check("public", "orders", "orders_id_positive", "(id > 0)");
  const loose = { ...positive, enforced: false, validated: false };
  const looseFk = { ...fk, enforced: false, validated: false };
  const withFk = (key: typeof fk, major = 18) =>
    makeState({ tables: [users, orders], constraints: [pk, key], indexes: [pkIndex] }, { major });

  it("adds a NOT ENFORCED CHECK or FOREIGN KEY as written: no NOT VALID, no VALIDATE, no scan", () => {
    const check = plan(
      makeState({ tables: [orders] }, pg18),
      makeState({ tables: [orders], constraints: [loose] }, pg18),
    );
    expect(sql(check)).toEqual([
      "ALTER TABLE orders\nADD CONSTRAINT orders_id_positive\nCHECK (id > 0) NOT ENFORCED;",
    ]);
    expect(check.steps[0]?.hazards).toEqual([]);
    const key = plan(
      makeState({ tables: [users, orders], constraints: [pk], indexes: [pkIndex] }, pg18),
      withFk(looseFk),
    );
    expect(sql(key)).toEqual([
      "ALTER TABLE orders\nADD CONSTRAINT orders_user_fk\nFOREIGN KEY (user_id) REFERENCES users(id) NOT ENFORCED;",
    ]);
  });

  it("writes a NOT ENFORCED CHECK inside CREATE TABLE", () => {
    const result = plan(makeState({}, pg18), makeState({ tables: [orders], constraints: [loose] }, pg18));
    expect(sql(result)).toEqual([
      "CREATE TABLE orders (\n  id bigint,\n  user_id bigint,\n  CONSTRAINT orders_id_positive CHECK (id > 0) NOT ENFORCED\n);",
    ]);
  });

  it("switches a foreign key in place both ways; ENFORCED scans the rows", () => {
    const off = plan(withFk(fk), withFk(looseFk));
    expect(sql(off)).toEqual(["ALTER TABLE orders ALTER CONSTRAINT orders_user_fk NOT ENFORCED;"]);
    expect(off.steps[0]?.hazards).toEqual([]);
    const on = plan(withFk(looseFk), withFk(fk));
    expect(sql(on)).toEqual(["ALTER TABLE orders ALTER CONSTRAINT orders_user_fk ENFORCED;"]);
    expect(on.steps[0]?.hazards.map((h) => h.kind)).toEqual(["LONG_LOCK"]);
    expect(sql(plan(withFk(looseFk), withFk(looseFk)))).toEqual([]);
  });

  it("adds a foreign key wanted ENFORCED but NOT VALID again, since ENFORCED would validate it", () => {
    const result = plan(withFk(looseFk), withFk({ ...fk, validated: false }));
    expect(sql(result)).toEqual([
      "ALTER TABLE orders DROP CONSTRAINT orders_user_fk;",
      "ALTER TABLE orders\nADD CONSTRAINT orders_user_fk\nFOREIGN KEY (user_id) REFERENCES users(id) NOT VALID;",
    ]);
  });

  it("drops and adds a CHECK whose enforcement changes (PostgreSQL alters only foreign keys)", () => {
    const state = (c: typeof positive) => makeState({ tables: [orders], constraints: [c] }, pg18);
    expect(sql(plan(state(positive), state(loose)))).toEqual([
      "ALTER TABLE orders DROP CONSTRAINT orders_id_positive;",
      "ALTER TABLE orders\nADD CONSTRAINT orders_id_positive\nCHECK (id > 0) NOT ENFORCED;",
    ]);
    expect(sql(plan(state(loose), state(positive)))).toEqual([
      "ALTER TABLE orders DROP CONSTRAINT orders_id_positive;",
      "ALTER TABLE orders\nADD CONSTRAINT orders_id_positive\nCHECK (id > 0) NOT VALID;",
      "ALTER TABLE orders VALIDATE CONSTRAINT orders_id_positive;",
    ]);
  });

  it("refuses NOT ENFORCED at plan time on a target older than 18, listing every constraint", () => {
    const current = makeState(
      { tables: [users, orders], constraints: [pk], indexes: [pkIndex] },
      { major: 17 },
    );
    const desired = makeState(
      { tables: [users, orders], constraints: [pk, looseFk, loose], indexes: [pkIndex] },
      { major: 18 },
    );
    expect(() => plan(current, desired)).toThrow(InvalidInputError);
    try {
      plan(current, desired);
    } catch (error) {
      const problems = (error as InvalidInputError).problems.map((p) => p.message);
      expect(problems).toEqual([
        "constraint orders_id_positive on public.orders is NOT ENFORCED, which PostgreSQL 17 does not support (18+)",
        "constraint orders_user_fk on public.orders is NOT ENFORCED, which PostgreSQL 17 does not support (18+)",
      ]);
    }
  });
});
