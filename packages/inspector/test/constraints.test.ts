import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { inspect } from "../src/index.js";
import { loadFixture } from "./fixtures.js";

const base = {
  deferrable: false,
  initiallyDeferred: false,
  validated: true,
  enforced: true,
  isLocal: true,
  noInherit: false,
  comment: null,
};

describe("constraints", () => {
  test("every kind with its fields", async ({ db }) => {
    await loadFixture(db, "constraints");
    const state = await inspect(db.url);
    const c = state.constraints;

    expect(c["constraint:public.users.users_pkey"]).toEqual({
      ...base,
      kind: "primary_key",
      id: "constraint:public.users.users_pkey",
      schema: "public",
      table: "table:public.users",
      name: "users_pkey",
      definition: "PRIMARY KEY (id)",
      columns: ["id"],
      index: "index:public.users_pkey",
    });
    expect(c["constraint:public.users.users_email_key"]).toEqual({
      ...base,
      kind: "unique",
      id: "constraint:public.users.users_email_key",
      schema: "public",
      table: "table:public.users",
      name: "users_email_key",
      definition: "UNIQUE (email) DEFERRABLE INITIALLY DEFERRED",
      deferrable: true,
      initiallyDeferred: true,
      columns: ["email"],
      index: "index:public.users_email_key",
      nullsNotDistinct: false,
    });
    expect(c["constraint:public.users.users_tenant_nick_key"]).toMatchObject({
      kind: "unique",
      columns: ["tenant", "nickname"],
    });
    expect(c["constraint:public.users.users_email_check"]).toEqual({
      ...base,
      kind: "check",
      id: "constraint:public.users.users_email_check",
      schema: "public",
      table: "table:public.users",
      name: "users_email_check",
      definition: "CHECK ((email ~~ '%@%'::text))",
      expression: "(email ~~ '%@%'::text)",
      comment: "must look like an address",
    });
    expect(c["constraint:public.users.users_tenant_check"]).toMatchObject({
      definition: "CHECK ((tenant > 0)) NO INHERIT",
      noInherit: true,
    });
    expect(c["constraint:public.orders.orders_id_check"]).toMatchObject({
      kind: "check",
      definition: "CHECK ((id > 0)) NOT VALID",
      validated: false,
    });
    expect(c["constraint:public.orders.orders_user_fkey"]).toEqual({
      ...base,
      kind: "foreign_key",
      id: "constraint:public.orders.orders_user_fkey",
      schema: "public",
      table: "table:public.orders",
      name: "orders_user_fkey",
      definition: "FOREIGN KEY (user_id) REFERENCES public.users(id) ON UPDATE CASCADE ON DELETE SET NULL",
      columns: ["user_id"],
      referencedTable: "table:public.users",
      referencedColumns: ["id"],
      match: "simple",
      onUpdate: "cascade",
      onDelete: "set null",
    });
    // A foreign key into another schema names the referenced table by id.
    expect(c["constraint:public.orders.orders_country_fkey"]).toMatchObject({
      definition:
        "FOREIGN KEY (country) REFERENCES other.countries(code) MATCH FULL ON DELETE RESTRICT DEFERRABLE",
      referencedTable: "table:other.countries",
      match: "full",
      onUpdate: "no action",
      onDelete: "restrict",
      deferrable: true,
      initiallyDeferred: false,
    });
    expect(c["constraint:public.orders.orders_nick_fkey"]).toMatchObject({
      columns: ["tenant", "nickname"],
      referencedColumns: ["tenant", "nickname"],
      onDelete: "set default",
    });
    expect(c["constraint:public.bookings.bookings_no_overlap"]).toEqual({
      ...base,
      kind: "exclude",
      id: "constraint:public.bookings.bookings_no_overlap",
      schema: "public",
      table: "table:public.bookings",
      name: "bookings_no_overlap",
      definition: "EXCLUDE USING gist (room WITH =, during WITH &&)",
      index: "index:public.bookings_no_overlap",
    });
    const notNull = Object.values(c).filter((x) => x.kind === "not_null");
    if (db.server.major >= 18) {
      expect(c["constraint:public.users.users_email_not_null"]).toEqual({
        ...base,
        kind: "not_null",
        id: "constraint:public.users.users_email_not_null",
        schema: "public",
        table: "table:public.users",
        name: "users_email_not_null",
        definition: "NOT NULL email",
        column: "email",
      });
    } else {
      // Before 18 NOT NULL is only a column flag.
      expect(notNull).toEqual([]);
    }
    // Objects of btree_gist (an extension) are not part of the state.
    expect(Object.keys(state.functions)).toEqual([]);
    expect(state.extensions["extension:btree_gist"]).toMatchObject({ schema: "public" });
  });

  test("constraints on partitions and of referenced partitioned tables", async ({ db }) => {
    await db.query(`
      create table public.p (id int primary key, k int) partition by range (id);
      create table public.p1 partition of public.p for values from (0) to (10);
      create table public.r (id int references public.p);
    `);
    const state = await inspect(db.url);
    const keys = Object.values(state.constraints)
      .filter((x) => x.kind !== "not_null")
      .map((x) => [x.id, x.kind, x.isLocal]);
    // The per-partition copies PostgreSQL adds on `r` for the referenced partitions are left out.
    expect(keys).toEqual([
      ["constraint:public.p.p_pkey", "primary_key", true],
      ["constraint:public.p1.p1_pkey", "primary_key", false],
      ["constraint:public.r.r_id_fkey", "foreign_key", true],
    ]);
    expect(state.indexes["index:public.p1_pkey"]?.parentIndex).toBe("index:public.p_pkey");
    expect(state.indexes["index:public.p1_pkey"]?.constraint).toBe("constraint:public.p1.p1_pkey");
  });

  test("PG 18: NOT ENFORCED CHECK and FOREIGN KEY", async ({ db, skip }) => {
    skip(db.server.major < 18, "NOT ENFORCED arrived in PostgreSQL 18");
    await loadFixture(db, "constraints-pg18");
    const state = await inspect(db.url);
    expect(state.constraints["constraint:public.lines.lines_qty_check"]).toMatchObject({
      kind: "check",
      definition: "CHECK ((qty > 0)) NOT ENFORCED",
      enforced: false,
      validated: false,
    });
    expect(state.constraints["constraint:public.lines.lines_order_fk"]).toMatchObject({
      kind: "foreign_key",
      definition: "FOREIGN KEY (order_id) REFERENCES public.orders(id) NOT ENFORCED",
      enforced: false,
      validated: false,
    });
    expect(state.constraints["constraint:public.orders.orders_pkey"]).toMatchObject({ enforced: true });
  });

  test("PG 15+: UNIQUE NULLS NOT DISTINCT", async ({ db, skip }) => {
    skip(db.server.major < 15, "NULLS NOT DISTINCT arrived in PostgreSQL 15");
    await loadFixture(db, "constraints-pg15");
    const state = await inspect(db.url);
    expect(state.constraints["constraint:public.codes.codes_code_key"]).toMatchObject({
      kind: "unique",
      definition: "UNIQUE NULLS NOT DISTINCT (code)",
      nullsNotDistinct: true,
    });
    expect(state.indexes["index:public.codes_code_key"]?.nullsNotDistinct).toBe(true);
  });
});
