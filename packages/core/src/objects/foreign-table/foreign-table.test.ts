import { describe, expect, it } from "vitest";
import { PgFluxError } from "../../errors.js";
import type { Dependency, SchemaState } from "../../model/state.js";
import { plan } from "../../plan/planner.js";
import { parseOptions } from "../foreign-data-wrapper/foreign-options.js";
import { type ForeignServer, foreignServerId } from "../foreign-server/foreign-server.model.js";
import { makeState, schema } from "../testing.js";
import { type ForeignColumn, type ForeignTable, foreignTableId } from "./foreign-table.model.js";
import {
  renderAlterForeignTable,
  renderCreateForeignTable,
  renderDropForeignTable,
} from "./foreign-table.render.js";

const server = (name: string): ForeignServer => ({
  kind: "foreign_server",
  id: foreignServerId(name),
  name,
  wrapper: "dummy",
  type: null,
  version: null,
  options: [],
  owner: "postgres",
  privileges: [],
  comment: null,
});

function column(name: string, extra: Partial<ForeignColumn> = {}): ForeignColumn {
  return {
    name,
    type: "integer",
    collation: null,
    notNull: false,
    default: null,
    options: [],
    comment: null,
    ...extra,
  };
}

function table(extra: Partial<ForeignTable> = {}): ForeignTable {
  const base = {
    kind: "foreign_table" as const,
    schema: "public",
    name: "remote_users",
    server: "remote",
    columns: [column("id", { notNull: true }), column("email", { type: "text" })],
    options: [],
    owner: "postgres",
    privileges: [],
    comment: null,
    ...extra,
  };
  return { ...base, id: foreignTableId(base.schema, base.name) };
}

const state = (tables: readonly ForeignTable[], dependencies: readonly Dependency[] = []): SchemaState =>
  makeState({ foreignServers: [server("remote"), server("other")], foreignTables: tables }, { dependencies });
const sql = (current: SchemaState, desired: SchemaState) => plan(current, desired).steps.map((s) => s.sql);

describe("foreign table render", () => {
  it("CREATE FOREIGN TABLE: columns with options, collation, NOT NULL, default; table options; column comments", () => {
    const full = table({
      schema: "ext",
      columns: [
        column("id", { type: "bigint", notNull: true, options: parseOptions(["column_name=user_id"]) }),
        column("name", {
          type: "text",
          collation: 'pg_catalog."C"',
          default: "'?'::text",
          comment: "display",
        }),
      ],
      options: parseOptions(["schema_name=app", "table_name=users"]),
    });
    expect(full.id).toBe("foreign_table:ext.remote_users");
    expect(renderCreateForeignTable(full)).toEqual([
      `CREATE FOREIGN TABLE ext.remote_users (\n  id bigint OPTIONS (column_name 'user_id') NOT NULL,\n  name text COLLATE pg_catalog."C" DEFAULT '?'::text\n) SERVER remote OPTIONS (schema_name 'app', table_name 'users');`,
      "COMMENT ON COLUMN ext.remote_users.name IS 'display';",
    ]);
    expect(renderCreateForeignTable(table({ columns: [] }))).toEqual([
      "CREATE FOREIGN TABLE remote_users () SERVER remote;",
    ]);
    expect(renderDropForeignTable(full)).toBe("DROP FOREIGN TABLE ext.remote_users;");
  });

  it("ALTER FOREIGN TABLE: drop, add, type, NOT NULL, default, column and table options, one action each", () => {
    const from = table({ options: parseOptions(["table_name=users"]) });
    const to = table({
      columns: [
        column("id", { type: "bigint", options: parseOptions(["column_name=user_id"]) }),
        column("created", { type: "timestamp with time zone", default: "now()" }),
      ],
      options: parseOptions(["table_name=people"]),
    });
    expect(renderAlterForeignTable(from, to)).toEqual([
      "ALTER FOREIGN TABLE remote_users DROP COLUMN email;",
      "ALTER FOREIGN TABLE remote_users ALTER COLUMN id TYPE bigint;",
      "ALTER FOREIGN TABLE remote_users ALTER COLUMN id DROP NOT NULL;",
      "ALTER FOREIGN TABLE remote_users ALTER COLUMN id OPTIONS (ADD column_name 'user_id');",
      "ALTER FOREIGN TABLE remote_users ADD COLUMN created timestamp with time zone DEFAULT now();",
      "ALTER FOREIGN TABLE remote_users OPTIONS (SET table_name 'people');",
    ]);
  });

  it("null (drop and create again) for another server or a column order ADD COLUMN cannot give", () => {
    expect(renderAlterForeignTable(table(), table({ server: "other" }))).toBeNull();
    const swapped = table({ columns: [column("email", { type: "text" }), column("id", { notNull: true })] });
    expect(renderAlterForeignTable(table(), swapped)).toBeNull();
    const inserted = table({
      columns: [column("id", { notNull: true }), column("x"), column("email", { type: "text" })],
    });
    expect(renderAlterForeignTable(table(), inserted)).toBeNull();
  });
});

describe("foreign table plans", () => {
  it("created after its server and schema; commented, granted as TABLE; dropped before its server", () => {
    const desired = table({
      schema: "ext",
      comment: "users of the old app",
      privileges: [{ grantee: "app", privilege: "SELECT", grantable: false }],
    });
    const withSchema = (tables: readonly ForeignTable[]) =>
      makeState({ schemas: [schema("ext")], foreignServers: [server("remote")], foreignTables: tables });
    expect(sql(makeState({}), withSchema([desired]))).toEqual([
      "CREATE SCHEMA IF NOT EXISTS ext;",
      "CREATE SERVER remote FOREIGN DATA WRAPPER dummy;",
      "CREATE FOREIGN TABLE ext.remote_users (\n  id integer NOT NULL,\n  email text\n) SERVER remote;",
      "COMMENT ON FOREIGN TABLE ext.remote_users IS 'users of the old app';",
      "GRANT SELECT ON TABLE ext.remote_users TO app;",
    ]);
    expect(sql(withSchema([desired]), makeState({}))).toEqual([
      "DROP FOREIGN TABLE ext.remote_users;",
      "DROP SERVER remote;",
      "DROP SCHEMA ext;",
    ]);
  });

  it("another server: dropped and created again, refused while a view reads it", () => {
    expect(sql(state([table()]), state([table({ server: "other" })]))).toEqual([
      "DROP FOREIGN TABLE remote_users;",
      "CREATE FOREIGN TABLE remote_users (\n  id integer NOT NULL,\n  email text\n) SERVER other;",
    ]);
    const used: Dependency = { dependent: "view:public.active_users", referenced: table().id };
    const run = () => plan(state([table()], [used]), state([table({ server: "other" })]));
    expect(run).toThrow(PgFluxError);
    expect(run).toThrow(/cannot change FOREIGN TABLE remote_users: view:public.active_users uses it/);
  });

  it("a new column is added in place and holds an ACCESS EXCLUSIVE lock", () => {
    const steps = plan(
      state([table()]),
      state([table({ columns: [...table().columns, column("age")] })]),
    ).steps;
    expect(steps.map((s) => [s.sql, s.lock?.level])).toEqual([
      ["ALTER FOREIGN TABLE remote_users ADD COLUMN age integer;", "access_exclusive"],
    ]);
  });
});
