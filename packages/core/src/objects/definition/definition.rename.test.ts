import { describe, expect, it } from "vitest";
import type { Rename } from "../../diff/rename.js";
import { PgFluxError } from "../../errors.js";
import { plan } from "../../plan/planner.js";
import {
  type ForeignDataWrapper,
  foreignDataWrapperId,
} from "../foreign-data-wrapper/foreign-data-wrapper.model.js";
import { type ForeignServer, foreignServerId } from "../foreign-server/foreign-server.model.js";
import { type ForeignTable, foreignTableId } from "../foreign-table/foreign-table.model.js";
import { type Language, languageId } from "../language/language.model.js";
import { type Operator, operatorId } from "../operator/operator.model.js";
import { type Publication, publicationId } from "../publication/publication.model.js";
import { type Rule, ruleId } from "../rule/rule.model.js";
import { makeState, routine, schema, table } from "../testing.js";
import {
  type TextSearchConfiguration,
  textSearchConfigurationId,
} from "../text-search-configuration/text-search-configuration.model.js";
import { type UserMapping, userMappingId } from "../user-mapping/user-mapping.model.js";

type Objects = Parameters<typeof makeState>[0];
const sqlOf = (current: Objects, desired: Objects, renames: readonly Rename[]) =>
  plan(makeState(current), makeState(desired), { renames }).steps.map((step) => step.sql);

const wrapper = (name: string): ForeignDataWrapper => ({
  kind: "foreign_data_wrapper",
  id: foreignDataWrapperId(name),
  name,
  handler: null,
  validator: null,
  functionIds: [],
  options: [],
  owner: "postgres",
  privileges: [],
  comment: null,
});
const server = (name: string, wrapperName: string): ForeignServer => ({
  kind: "foreign_server",
  id: foreignServerId(name),
  name,
  wrapper: wrapperName,
  type: null,
  version: null,
  options: [],
  owner: "postgres",
  privileges: [],
  comment: null,
});
const foreignTable = (schemaName: string, name: string, serverName: string): ForeignTable => ({
  kind: "foreign_table",
  id: foreignTableId(schemaName, name),
  schema: schemaName,
  name,
  server: serverName,
  columns: [
    {
      name: "id",
      type: "integer",
      collation: null,
      notNull: false,
      default: null,
      options: [],
      comment: null,
    },
  ],
  options: [],
  owner: "postgres",
  privileges: [],
  comment: null,
});
const mapping = (serverName: string): UserMapping => ({
  kind: "user_mapping",
  id: userMappingId("PUBLIC", serverName),
  user: "PUBLIC",
  server: serverName,
  options: [],
  comment: null,
});

describe("definition kinds renamed by hint: ALTER … RENAME TO / SET SCHEMA, never DROP + CREATE", () => {
  it("foreign data wrapper, server and foreign table; the server's wrapper, the table's server and the user mapping follow", () => {
    const current = {
      foreignDataWrappers: [wrapper("dummy")],
      foreignServers: [server("remote", "dummy")],
      userMappings: [mapping("remote")],
      foreignTables: [foreignTable("public", "remote_users", "remote")],
    };
    const desired = {
      schemas: [schema("app")],
      foreignDataWrappers: [wrapper("stub")],
      foreignServers: [server("warehouse", "stub")],
      userMappings: [mapping("warehouse")],
      foreignTables: [foreignTable("app", "users", "warehouse")],
    };
    expect(
      sqlOf(current, desired, [
        {
          kind: "foreign_data_wrapper",
          from: foreignDataWrapperId("dummy"),
          to: foreignDataWrapperId("stub"),
        },
        { kind: "foreign_server", from: foreignServerId("remote"), to: foreignServerId("warehouse") },
        {
          kind: "foreign_table",
          from: foreignTableId("public", "remote_users"),
          to: foreignTableId("app", "users"),
        },
      ]),
    ).toEqual([
      "CREATE SCHEMA IF NOT EXISTS app;",
      "ALTER FOREIGN DATA WRAPPER dummy RENAME TO stub;",
      "ALTER SERVER remote RENAME TO warehouse;",
      "ALTER FOREIGN TABLE remote_users SET SCHEMA app;",
      "ALTER FOREIGN TABLE app.remote_users RENAME TO users;",
    ]);
  });

  it("publication: RENAME TO, its tables kept", () => {
    const orders = table("public", "orders", [["id", "integer"]]);
    const publication = (name: string): Publication => ({
      kind: "publication",
      id: publicationId(name),
      name,
      allTables: false,
      tables: [{ schema: "public", name: "orders", columns: null, where: null }],
      schemas: [],
      publish: ["insert", "update", "delete", "truncate"],
      viaPartitionRoot: false,
      generatedColumns: "none",
      owner: "postgres",
      comment: null,
    });
    expect(
      sqlOf(
        { tables: [orders], publications: [publication("to_wh")] },
        { tables: [orders], publications: [publication("Warehouse")] },
        [{ kind: "publication", from: publicationId("to_wh"), to: publicationId("Warehouse") }],
      ),
    ).toEqual(['ALTER PUBLICATION to_wh RENAME TO "Warehouse";']);
  });

  it("text search configuration moved and renamed; a default naming it ('…'::regconfig) follows untouched", () => {
    const configuration = (schemaName: string, name: string): TextSearchConfiguration => ({
      kind: "text_search_configuration",
      id: textSearchConfigurationId(schemaName, name),
      schema: schemaName,
      name,
      parser: { schema: "pg_catalog", name: "default" },
      mappings: [{ token: "asciiword", dictionaries: [{ schema: "pg_catalog", name: "simple" }] }],
      owner: "postgres",
      comment: null,
    });
    const docs = (cfg: string) =>
      table("public", "docs", [
        ["body", "text", { default: `(to_tsvector('${cfg}'::regconfig, 'x'::text))::text` }],
      ]);
    expect(
      sqlOf(
        {
          tables: [docs("public.simple_docs")],
          textSearchConfigurations: [configuration("public", "simple_docs")],
        },
        {
          schemas: [schema("search")],
          tables: [docs("search.plain")],
          textSearchConfigurations: [configuration("search", "plain")],
        },
        [
          {
            kind: "text_search_configuration",
            from: textSearchConfigurationId("public", "simple_docs"),
            to: textSearchConfigurationId("search", "plain"),
          },
        ],
      ),
    ).toEqual([
      "CREATE SCHEMA IF NOT EXISTS search;",
      "ALTER TEXT SEARCH CONFIGURATION simple_docs SET SCHEMA search;",
      "ALTER TEXT SEARCH CONFIGURATION search.simple_docs RENAME TO plain;",
    ]);
  });

  it("rule: ALTER RULE … ON its table RENAME TO, after the table's own rename", () => {
    const rule = (tableName: string, name: string): Rule => ({
      kind: "rule",
      id: ruleId("public", tableName, name),
      schema: "public",
      relation: tableName,
      relationId: table("public", tableName, []).id,
      name,
      event: "delete",
      definition: `CREATE RULE ${name} AS\n    ON DELETE TO public.${tableName} DO INSTEAD NOTHING;`,
      enabled: "origin",
      comment: null,
    });
    const audit = (name: string) => table("public", name, [["id", "integer"]]);
    expect(
      sqlOf(
        { tables: [audit("audit")], rules: [rule("audit", "keep")] },
        { tables: [audit("audit_log")], rules: [rule("audit_log", "no_delete")] },
        [
          { kind: "table", from: audit("audit").id, to: audit("audit_log").id },
          {
            kind: "rule",
            from: ruleId("public", "audit", "keep"),
            to: ruleId("public", "audit_log", "no_delete"),
          },
        ],
      ),
    ).toEqual([
      "ALTER TABLE audit RENAME TO audit_log;",
      "ALTER RULE keep ON audit_log RENAME TO no_delete;",
    ]);
  });

  it("language: RENAME TO with its grants; a function written in it follows (its LANGUAGE line too)", () => {
    const language = (name: string): Language => ({
      kind: "language",
      id: languageId(name),
      name,
      trusted: false,
      handler: { schema: "pg_catalog", name: "plpgsql_call_handler" },
      inline: null,
      validator: null,
      functionIds: [],
      owner: "postgres",
      // its grants go with it: no GRANT/REVOKE below
      privileges: [{ grantee: "app", privilege: "USAGE", grantable: false }],
      comment: null,
    });
    expect(
      sqlOf(
        { languages: [language("plold")], functions: [routine("public", "f", { language: "plold" })] },
        { languages: [language("plnew")], functions: [routine("public", "f", { language: "plnew" })] },
        [{ kind: "language", from: languageId("plold"), to: languageId("plnew") }],
      ),
    ).toEqual(["ALTER LANGUAGE plold RENAME TO plnew;"]);
  });

  const fn = routine("public", "int_eq", { identityArguments: "integer, integer", returns: "boolean" });
  const operator = (schemaName: string, name: string): Operator => ({
    kind: "operator",
    id: operatorId(schemaName, name, "integer", "integer"),
    schema: schemaName,
    name,
    leftType: "integer",
    rightType: "integer",
    function: { schema: "public", name: "int_eq" },
    functionId: fn.id,
    commutator: { schema: schemaName, name },
    negator: null,
    restrict: null,
    join: null,
    hashes: false,
    merges: false,
    owner: "postgres",
    comment: null,
  });

  it("operator: SET SCHEMA (its commutator, itself, follows); a new name is an error: there is no ALTER OPERATOR … RENAME", () => {
    const moved = { schemas: [schema("ops")], functions: [fn], operators: [operator("ops", "===")] };
    expect(
      sqlOf({ functions: [fn], operators: [operator("public", "===")] }, moved, [
        { kind: "operator", from: operator("public", "===").id, to: operator("ops", "===").id },
      ]),
    ).toEqual(["CREATE SCHEMA IF NOT EXISTS ops;", "ALTER OPERATOR === (integer, integer) SET SCHEMA ops;"]);
    const renamed = () =>
      sqlOf(
        { functions: [fn], operators: [operator("public", "===")] },
        { functions: [fn], operators: [operator("public", "====")] },
        [{ kind: "operator", from: operator("public", "===").id, to: operator("public", "====").id }],
      );
    expect(renamed).toThrow(PgFluxError);
    expect(renamed).toThrow(/no ALTER OPERATOR … RENAME TO, only SET SCHEMA/);
  });
});
