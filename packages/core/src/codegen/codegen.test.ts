import { describe, expect, it } from "vitest";
import { makeState, table, view } from "../objects/testing.js";
import { generateTypes, tstypeFromComment } from "./codegen.js";
import { parseTypeText } from "./type-map.js";

describe("parseTypeText", () => {
  it("reads format_type spellings", () => {
    expect(parseTypeText("character varying(20)[]")).toEqual({ schema: null, name: "varchar", dims: 1 });
    expect(parseTypeText("timestamp(3) with time zone")).toEqual({
      schema: null,
      name: "timestamptz",
      dims: 0,
    });
    expect(parseTypeText('app."Status"')).toEqual({ schema: "app", name: "Status", dims: 0 });
    expect(parseTypeText("double precision")).toEqual({ schema: null, name: "float8", dims: 0 });
  });
});

describe("generateTypes", () => {
  const identity = {
    generation: "always" as const,
    sequence: {
      dataType: "bigint",
      start: "1",
      increment: "1",
      min: "1",
      max: "9",
      cache: "1",
      cycle: false,
    },
  };
  const users = table("public", "users", [
    ["id", "bigint", { notNull: true, identity }],
    ["email", "text", { notNull: true }],
    ["nickname", "text"],
    ["created_at", "timestamp with time zone", { notNull: true, default: "now()" }],
    ["payload", "jsonb", { comment: "@tstype { kind: 'a' | 'b' }" }],
  ]);
  const source = generateTypes(makeState({ tables: [users] }));

  it("maps identity-always columns out of insert and update", () => {
    expect(source).toContain("  id: ColumnType<string, never, never>;");
    expect(source).toMatch(/export interface UsersInsert \{\n {2}email: string;/);
    expect(source).not.toMatch(/export interface UsersUpdate \{[^}]*\bid\?/);
  });

  it("makes nullable and defaulted columns optional on insert", () => {
    expect(source).toContain("  nickname?: string | null;");
    expect(source).toContain("  created_at?: Date;");
    expect(source).toContain("  created_at: ColumnType<Date, Date | undefined, Date>;");
  });

  it("types a column from its @tstype comment", () => {
    expect(tstypeFromComment("@tstype { kind: 'a' | 'b' }")).toBe("{ kind: 'a' | 'b' }");
    expect(source).toContain("  payload: { kind: 'a' | 'b' } | null;");
  });

  it("lists every relation in Database", () => {
    expect(source).toContain("export interface Database {\n  users: UsersTable;\n}");
  });

  it("qualifies names when several schemas are managed", () => {
    const two = generateTypes(makeState({ tables: [users, table("app", "users", [["id", "integer"]])] }));
    expect(two).toContain('  "app.users": AppUsersTable;');
    expect(two).toContain("  users: UsersTable;");
  });

  it("honours the int8 option", () => {
    expect(generateTypes(makeState({ tables: [users] }), { int8: "number" })).toContain(
      "  id: ColumnType<number, never, never>;",
    );
  });

  it("gives a view PostgreSQL cannot insert into no insert shape and a NotInsertable insert type", () => {
    const joined = view("public", "joined", ["email"], " SELECT u.email FROM users u;", {
      writable: { insert: false, update: false, columns: [] },
    });
    const out = generateTypes(makeState({ tables: [users], views: [joined] }));
    expect(out).toContain("  email: ColumnType<unknown, NotInsertable, never>;");
    expect(out).not.toContain("export interface JoinedInsert");
    expect(out).not.toContain("export interface JoinedUpdate");
  });

  it("keeps the shapes of an updatable view for the columns PostgreSQL writes through it", () => {
    const active = view(
      "public",
      "active",
      ["id", "email", "shout"],
      " SELECT id, email, upper(email) AS shout FROM users;",
      {
        writable: { insert: true, update: true, columns: ["id", "email"] },
      },
    );
    const out = generateTypes(makeState({ tables: [users], views: [active] }));
    expect(out).toMatch(/export interface ActiveInsert \{\n {2}id\?: unknown;\n {2}email\?: unknown;\n\}/);
    expect(out).toMatch(/export interface ActiveUpdate \{\n {2}id\?: unknown;\n {2}email\?: unknown;\n\}/);
    expect(out).toContain("  shout: ColumnType<unknown, never, never>;");
  });
});
