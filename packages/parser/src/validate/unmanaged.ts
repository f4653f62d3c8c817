import { isManagedKind, type UnmanagedKind } from "@pg-flux/core";
import type { Node } from "libpg-query";
import { nodeType } from "../statements/statement.model.js";

/**
 * Statements of object kinds pg-flux does not model (core `UNMANAGED_KINDS`). They would load into
 * the scratch database and then vanish: the inspector does not read them into the SchemaState, so no
 * plan would ever create, change or drop them. The desired state refuses them instead, and plans
 * warn about live ones (inspector `queries/unmanaged.sql.ts`).
 */

/** Statement types that only ever define or change an unmanaged object. */
const BY_TYPE: Readonly<Record<string, UnmanagedKind>> = {
  CreateForeignTableStmt: "foreign table",
  ImportForeignSchemaStmt: "foreign table",
  CreateFdwStmt: "foreign-data wrapper",
  AlterFdwStmt: "foreign-data wrapper",
  CreateForeignServerStmt: "foreign server",
  AlterForeignServerStmt: "foreign server",
  CreateUserMappingStmt: "user mapping",
  AlterUserMappingStmt: "user mapping",
  CreatePublicationStmt: "publication",
  AlterPublicationStmt: "publication",
  CreateCastStmt: "cast",
  CreateOpClassStmt: "operator class",
  CreateOpFamilyStmt: "operator family",
  AlterOpFamilyStmt: "operator family",
  AlterOperatorStmt: "operator",
  AlterTSConfigurationStmt: "text search configuration",
  AlterTSDictionaryStmt: "text search dictionary",
  CreateConversionStmt: "conversion",
  CreateTransformStmt: "transform",
  CreateAmStmt: "access method",
  CreatePLangStmt: "language",
};

/** `ObjectType` values (CREATE via DefineStmt, COMMENT, ALTER … OWNER/RENAME/SET SCHEMA, GRANT, …). */
const BY_OBJECT_TYPE: Readonly<Record<string, UnmanagedKind>> = {
  OBJECT_FOREIGN_TABLE: "foreign table",
  OBJECT_FDW: "foreign-data wrapper",
  OBJECT_FOREIGN_SERVER: "foreign server",
  OBJECT_USER_MAPPING: "user mapping",
  OBJECT_PUBLICATION: "publication",
  OBJECT_PUBLICATION_NAMESPACE: "publication",
  OBJECT_PUBLICATION_REL: "publication",
  OBJECT_RULE: "rule",
  OBJECT_CAST: "cast",
  OBJECT_OPERATOR: "operator",
  OBJECT_OPCLASS: "operator class",
  OBJECT_OPFAMILY: "operator family",
  OBJECT_AMOP: "operator family",
  OBJECT_AMPROC: "operator family",
  OBJECT_TSCONFIGURATION: "text search configuration",
  OBJECT_TSDICTIONARY: "text search dictionary",
  OBJECT_TSPARSER: "text search parser",
  OBJECT_TSTEMPLATE: "text search template",
  OBJECT_CONVERSION: "conversion",
  OBJECT_TRANSFORM: "transform",
  OBJECT_ACCESS_METHOD: "access method",
  OBJECT_LANGUAGE: "language",
};

/** The table access method pg-flux models: every table is assumed to use it. */
const HEAP = "heap";

/**
 * The unmanaged object kind a statement defines or changes, or null: null too for the kinds a
 * definition kind of core manages (`isManagedKind`, from each kind's spec), which load like any
 * schema statement. DROP statements are left to the drop rules (`DROP … IF EXISTS` from pg_dump
 * --clean stays a no-op). Two exceptions are managed: the `_RETURN` rule (older pg_dump output makes
 * a view that way) and `USING heap` (the default). A table's access method is managed (the access
 * method kind's `table access method`), a materialized view's other than heap is not.
 */
export function unmanagedKind(node: Node): UnmanagedKind | null {
  const kind = catalogKind(node);
  return kind === null || isManagedKind(kind) ? null : kind;
}

/** The kind of `UNMANAGED_KINDS` a statement defines or changes, or null. */
function catalogKind(node: Node): UnmanagedKind | null {
  const type = nodeType(node);
  if (type === "DropStmt") return null;
  const body = (node as unknown as Readonly<Record<string, Readonly<Record<string, unknown>>>>)[type] ?? {};
  if (type === "RuleStmt") return body.rulename === "_RETURN" ? null : "rule";
  const byType = BY_TYPE[type];
  if (byType) return byType;
  if (type === "CreateStmt" || type === "CreateTableAsStmt") {
    const method =
      type === "CreateStmt" ? body.accessMethod : (body.into as { accessMethod?: unknown })?.accessMethod;
    if (typeof method !== "string" || method === HEAP) return null;
    return type === "CreateStmt" ? "table access method" : "materialized view access method";
  }
  if (type === "AlterTableStmt") {
    if (body.objtype === "OBJECT_FOREIGN_TABLE") return "foreign table";
    const kind = tableCommandKind(body.cmds);
    return kind === "table access method" && body.objtype === "OBJECT_MATVIEW"
      ? "materialized view access method"
      : kind;
  }
  if (type === "VariableSetStmt") return setsTableAccessMethod(body) ? "table access method" : null;
  if (type === "AlterExtensionContentsStmt") return null;
  const objectType = body.kind ?? body.renameType ?? body.objectType ?? body.objtype;
  return typeof objectType === "string" ? (BY_OBJECT_TYPE[objectType] ?? null) : null;
}

/** `ALTER TABLE … SET ACCESS METHOD x` (other than heap) and `ENABLE/DISABLE RULE`. */
function tableCommandKind(cmds: unknown): UnmanagedKind | null {
  if (!Array.isArray(cmds)) return null;
  for (const cmd of cmds) {
    const sub = (cmd as { AlterTableCmd?: { subtype?: string; name?: string } }).AlterTableCmd;
    if (sub?.subtype === "AT_SetAccessMethod" && sub.name !== undefined && sub.name !== HEAP)
      return "table access method";
    if (sub?.subtype?.match(/^AT_(Enable|Disable)(Always|Replica)?Rule$/)) return "rule";
  }
  return null;
}

/** `SET default_table_access_method = x` with x other than heap (pg_dump writes `= heap`). */
function setsTableAccessMethod(body: Readonly<Record<string, unknown>>): boolean {
  if (body.name !== "default_table_access_method" || body.kind !== "VAR_SET_VALUE") return false;
  const value = (body.args as { A_Const?: { sval?: { sval?: string } } }[] | undefined)?.[0]?.A_Const?.sval
    ?.sval;
  return value !== undefined && value !== HEAP;
}

/** How to keep such an object, for the refusal's hint. */
export const UNMANAGED_HINT =
  "pg-flux neither creates, changes nor drops it and leaves live ones alone: keep the statement in a versioned migration run by `pg-flux push` (docs/push.md), outside the desired state";
