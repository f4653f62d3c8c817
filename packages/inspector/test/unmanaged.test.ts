import { test } from "@pg-flux/testkit";
import { describe, expect } from "vitest";
import { inspectWithStats } from "../src/index.js";
import { loadFixture } from "./fixtures.js";

describe("objects of kinds pg-flux does not manage", () => {
  test("are listed, never read into the state; extension members are left out", async ({ db }) => {
    await loadFixture(db, "unmanaged");
    const { state, unmanaged } = await inspectWithStats(db.url);
    expect(unmanaged.map(({ kind, name }) => ({ kind, name }))).toEqual([
      // an extension's language (plpgsql) is not managed, nor are its grants: listed, so a plan says
      // it leaves them alone. sql's grants, revoked and granted back, are its default again: not listed
      { kind: "language privilege", name: "plpgsql" },
    ]);
    // a materialized view's access method is part of it, as a table's
    expect(state.materializedViews["materialized_view:um.other_am_view"]?.accessMethod).toBe("um_heap");
    expect(Object.keys(state.tables)).toEqual(["table:um.audit", "table:um.other_am"]);
    // languages outside extensions are managed (plpgsql, an extension's member, is not in the state)
    expect(Object.keys(state.languages)).toEqual(["language:um_lang", "language:um_trusted"]);
    expect(state.languages["language:um_lang"]).toMatchObject({
      trusted: false,
      handler: { schema: "pg_catalog", name: "plpgsql_call_handler" },
      inline: null,
      validator: null,
      functionIds: [],
      // acldefault('l', owner): USAGE to PUBLIC (the owner's own rights aside)
      privileges: [{ grantee: "PUBLIC", privilege: "USAGE", grantable: false }],
    });
    // a managed language's grants are modelled: um_trusted's USAGE was revoked from PUBLIC
    expect(state.languages["language:um_trusted"]?.privileges).toEqual([]);
    // conversions are managed
    expect(state.conversions["conversion:um.um_conv"]).toMatchObject({
      source: "UTF8",
      target: "LATIN1",
      function: { schema: "pg_catalog", name: "utf8_to_iso8859_1" },
      functionId: null,
      isDefault: false,
    });
    // access methods are managed, and a table's USING method is part of the table
    expect(state.accessMethods["access_method:um_heap"]).toEqual({
      kind: "access_method",
      id: "access_method:um_heap",
      name: "um_heap",
      type: "table",
      handler: { schema: "pg_catalog", name: "heap_tableam_handler" },
      handlerId: null,
      comment: null,
    });
    expect(state.tables["table:um.other_am"]?.accessMethod).toBe("um_heap");
    expect(state.tables["table:um.audit"]).not.toHaveProperty("accessMethod");
    expect(state.dependencies).toContainEqual({
      dependent: "table:um.other_am",
      referenced: "access_method:um_heap",
    });
    // statistics objects and collations are managed: read into the state, not listed
    expect(Object.keys(state.statistics)).toEqual(["statistics:um.audit_ab"]);
    expect(Object.keys(state.collations)).toEqual(["collation:um.um_ci"]);
    // and the foreign-data kinds, with their edges: table → server → wrapper, mapping → server
    expect(Object.keys(state.foreignDataWrappers)).toEqual(["foreign_data_wrapper:um_fdw"]);
    expect(Object.keys(state.foreignServers)).toEqual(["foreign_server:um_server"]);
    expect(Object.keys(state.userMappings)).toEqual(["user_mapping:PUBLIC.um_server"]);
    expect(Object.keys(state.foreignTables)).toEqual(["foreign_table:um.remote"]);
    expect(state.dependencies).toEqual(
      expect.arrayContaining([
        { dependent: "foreign_server:um_server", referenced: "foreign_data_wrapper:um_fdw" },
        { dependent: "foreign_table:um.remote", referenced: "foreign_server:um_server" },
        { dependent: "user_mapping:PUBLIC.um_server", referenced: "foreign_server:um_server" },
      ]),
    );
    // so are operators, with their pg_depend edge to their function
    expect(Object.keys(state.operators)).toEqual(["operator:um.===(integer, integer)"]);
    // and casts, with theirs to their type and function
    expect(Object.keys(state.casts)).toEqual(['cast:"um.pair".text']);
    expect(state.dependencies).toEqual(
      expect.arrayContaining([
        { dependent: 'cast:"um.pair".text', referenced: "type:um.pair" },
        { dependent: 'cast:"um.pair".text', referenced: "function:um.pair_text(um.pair)" },
      ]),
    );
    // and text search objects, a configuration with its edge to the dictionary it maps to
    expect(Object.keys(state.textSearchConfigurations)).toEqual(["text_search_configuration:um.um_config"]);
    expect(Object.keys(state.textSearchDictionaries)).toEqual(["text_search_dictionary:um.um_dict"]);
    expect(state.textSearchConfigurations["text_search_configuration:um.um_config"]?.mappings[0]).toEqual({
      token: "asciiword",
      dictionaries: [
        { schema: "um", name: "um_dict" },
        { schema: "pg_catalog", name: "english_stem" },
      ],
    });
    expect(state.dependencies).toContainEqual({
      dependent: "text_search_configuration:um.um_config",
      referenced: "text_search_dictionary:um.um_dict",
    });
    // and operator classes and families
    expect(Object.keys(state.operatorClasses)).toEqual(["operator_class:um.um_int_ops(hash)"]);
    expect(Object.keys(state.operatorFamilies)).toEqual([
      "operator_family:um.um_family(btree)",
      "operator_family:um.um_int_ops(hash)",
    ]);
    // and publications and rules, a rule with its pg_depend edge to its table
    expect(Object.keys(state.publications)).toEqual(["publication:um_pub"]);
    expect(state.publications["publication:um_pub"]?.tables).toEqual([
      { schema: "um", name: "audit", columns: null, where: null },
    ]);
    expect(Object.keys(state.rules)).toEqual(["rule:um.audit.audit_no_delete"]);
    expect(state.dependencies).toContainEqual({
      dependent: "rule:um.audit.audit_no_delete",
      referenced: "table:um.audit",
    });
    expect(state.dependencies).toContainEqual({
      dependent: "operator:um.===(integer, integer)",
      referenced: "function:um.int_eq(integer, integer)",
    });
    // and transforms (the one pg_trgm was given is the extension's: left out), with their edges to
    // their function and language and from the function declared TRANSFORM FOR TYPE on them
    expect(state.transforms).toEqual({
      "transform:integer.um_trusted": {
        kind: "transform",
        id: "transform:integer.um_trusted",
        type: "integer",
        language: "um_trusted",
        fromSql: null,
        toSql: { schema: "um", name: "int_to_sql" },
        functionIds: ["function:um.int_to_sql(internal)"],
        schemas: ["um"],
        comment: null,
      },
    });
    expect(state.dependencies).toEqual(
      expect.arrayContaining([
        { dependent: "transform:integer.um_trusted", referenced: "function:um.int_to_sql(internal)" },
        { dependent: "transform:integer.um_trusted", referenced: "language:um_trusted" },
        { dependent: "function:um.echo(a integer)", referenced: "transform:integer.um_trusted" },
      ]),
    );
  });

  test("schema-bound kinds follow the schemas filter; database-wide ones are always listed", async ({
    db,
  }) => {
    await loadFixture(db, "unmanaged");
    const { unmanaged } = await inspectWithStats(db.url, { schemas: ["public"] });
    // plpgsql's grants belong to the database: listed under any filter
    expect(unmanaged.map((object) => object.kind)).toEqual(["language privilege"]);
  });

  test("a new database has none, nor do the parts of managed objects (a range's multirange casts)", async ({
    db,
  }) => {
    await db.query("create type span as range (subtype = int4)");
    const { unmanaged } = await inspectWithStats(db.url);
    expect(unmanaged).toEqual([]);
  });
});
