import { describe, expect, it } from "vitest";
import { ids } from "../model/ids.js";
import { type Column, emptyState, type SchemaState, type Table } from "../model/state.js";
import { generateTypes, tstypeFromComment } from "./codegen.js";
import { parseTypeText } from "./type-map.js";

function column(table: string, name: string, type: string, extra: Partial<Column> = {}): Column {
  const parsed = parseTypeText(type);
  return {
    id: ids.column("public", table, name),
    name,
    position: 1,
    type: {
      text: type,
      schema: "pg_catalog",
      name: parsed.name,
      typmod: -1,
      arrayDimensions: parsed.dims,
      category: "S",
    },
    collation: null,
    notNull: false,
    notNullConstraint: null,
    default: null,
    identity: null,
    generated: null,
    isLocal: true,
    comment: null,
    privileges: [],
    ...extra,
  };
}

function table(name: string, columns: Column[], schema = "public"): Table {
  return {
    kind: "table",
    id: ids.table(schema, name),
    schema,
    name,
    persistence: "permanent",
    columns,
    partitionBy: null,
    partitionOf: null,
    inherits: [],
    rowSecurity: false,
    forceRowSecurity: false,
    replicaIdentity: "default",
    replicaIdentityIndex: null,
    options: [],
    owner: "app",
    comment: null,
    privileges: [],
  };
}

function stateWith(tables: Table[]): SchemaState {
  const base = emptyState({ serverVersionNum: 180000, major: 18 });
  return { ...base, tables: Object.fromEntries(tables.map((t) => [t.id, t])) };
}

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
  const users = table("users", [
    column("users", "id", "bigint", {
      notNull: true,
      identity: {
        generation: "always",
        sequence: {
          dataType: "bigint",
          start: "1",
          increment: "1",
          min: "1",
          max: "9",
          cache: "1",
          cycle: false,
        },
      },
    }),
    column("users", "email", "text", { notNull: true }),
    column("users", "nickname", "text"),
    column("users", "created_at", "timestamp with time zone", { notNull: true, default: "now()" }),
    column("users", "payload", "jsonb", { comment: "@tstype { kind: 'a' | 'b' }" }),
  ]);
  const source = generateTypes(stateWith([users]));

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
    const two = generateTypes(stateWith([users, table("users", [column("users", "id", "integer")], "app")]));
    expect(two).toContain('  "app.users": AppUsersTable;');
    expect(two).toContain("  users: UsersTable;");
  });

  it("honours the int8 option", () => {
    expect(generateTypes(stateWith([users]), { int8: "number" })).toContain(
      "  id: ColumnType<number, never, never>;",
    );
  });
});
