import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { inspect } from "../src/index.js";
import { loadFixture, must } from "./fixtures.js";

describe("foreign-data objects", () => {
  test("wrappers, servers, user mappings and foreign tables are read with their options", async ({ db }) => {
    await loadFixture(db, "foreign-data");
    const state = await inspect(db.url);
    expect(Object.values(state.foreignDataWrappers)).toEqual([
      {
        kind: "foreign_data_wrapper",
        id: "foreign_data_wrapper:fd_wrapper",
        name: "fd_wrapper",
        handler: null,
        validator: { schema: "fd", name: "noop_validator" },
        functionIds: ["function:fd.noop_validator(text[], oid)"],
        options: [{ name: "debug", value: "true" }],
        owner: expect.any(String),
        privileges: [],
        comment: "listed only",
      },
    ]);
    const remote = must(state.foreignServers["foreign_server:fd_remote"], "server fd_remote");
    expect(remote).toMatchObject({
      wrapper: "postgres_fdw",
      type: null,
      version: null,
      options: [
        { name: "dbname", value: "app" },
        { name: "host", value: "remote.internal" },
      ],
      privileges: [{ grantee: "PUBLIC", privilege: "USAGE", grantable: false }],
    });
    expect(state.foreignServers["foreign_server:fd_listed"]).toMatchObject({
      type: "oracle",
      version: "19c",
    });
    // the password is a secret option: never read into the state
    expect(Object.values(state.userMappings)).toEqual([
      {
        kind: "user_mapping",
        id: "user_mapping:PUBLIC.fd_remote",
        user: "PUBLIC",
        server: "fd_remote",
        options: [
          { name: "password_required", value: "false" },
          { name: "user", value: "reader" },
        ],
        comment: null,
      },
    ]);
    expect(JSON.stringify(state)).not.toContain("hunter2");
    const table = must(state.foreignTables["foreign_table:fd.remote_users"], "foreign table");
    expect(table).toMatchObject({
      server: "fd_remote",
      options: [{ name: "table_name", value: "users" }],
      comment: "users, remotely",
      privileges: [{ grantee: "PUBLIC", privilege: "SELECT", grantable: false }],
      columns: [
        {
          name: "id",
          type: "bigint",
          collation: null,
          notNull: true,
          default: null,
          options: [{ name: "column_name", value: "user_id" }],
          comment: null,
        },
        {
          name: "name",
          type: "text",
          collation: 'pg_catalog."C"',
          notNull: false,
          default: "'anon'::text",
          options: [],
          comment: "display name",
        },
        { name: "mood", type: "fd.mood" },
      ],
    });
    expect(state.dependencies).toEqual(
      expect.arrayContaining([
        {
          dependent: "foreign_data_wrapper:fd_wrapper",
          referenced: "function:fd.noop_validator(text[], oid)",
        },
        { dependent: "foreign_server:fd_listed", referenced: "foreign_data_wrapper:fd_wrapper" },
        { dependent: "foreign_server:fd_remote", referenced: "extension:postgres_fdw" },
        { dependent: "foreign_table:fd.remote_users", referenced: "foreign_server:fd_remote" },
        { dependent: "foreign_table:fd.remote_users", referenced: "type:fd.mood" },
        { dependent: "user_mapping:PUBLIC.fd_remote", referenced: "foreign_server:fd_remote" },
      ]),
    );
  });

  test("views over a foreign table of a wrapper without a handler are read (they write nothing), through other views too", async ({
    db,
  }) => {
    await loadFixture(db, "foreign-data");
    // pg_relation_is_updatable asks a foreign table's wrapper what it can write and fails without a
    // handler ("foreign-data wrapper … has no handler"): the inspector must not ask
    await db.query(`
      create foreign table fd.listed_rows (id int, note text) server fd_listed;
      create view fd.listed as select id, note from fd.listed_rows;
      create view fd.listed_ids as select id from fd.listed;
      create view fd.remote_names as select id, name from fd.remote_users;`);
    const state = await inspect(db.url);
    const nothing = { insert: false, update: false, columns: [] };
    expect(must(state.views["view:fd.listed"], "view fd.listed").writable).toEqual(nothing);
    expect(must(state.views["view:fd.listed_ids"], "view fd.listed_ids").writable).toEqual(nothing);
    // postgres_fdw has a handler: the view over its table is asked as any other
    expect(must(state.views["view:fd.remote_names"], "view fd.remote_names").writable).toEqual({
      insert: true,
      update: true,
      columns: ["id", "name"],
    });
  });

  test("a --schemas filter keeps the foreign tables of its schemas only", async ({ db }) => {
    await loadFixture(db, "foreign-data");
    const state = await inspect(db.url, { schemas: ["public"] });
    expect(state.foreignTables).toEqual({});
  });
});
