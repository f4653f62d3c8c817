import type { Node } from "libpg-query";
import { isLoadTimeout } from "../order/session.js";
import { isRoleStatement } from "../roles/role-statement.js";
import { nodeType } from "../statements/statement.model.js";
import { nameList, walk } from "../statements/walk.js";
import { unmanagedKind } from "./unmanaged.js";

/**
 * What a statement is, for the desired-state rules:
 * - `schema`: defines or changes schema objects (accepted);
 * - `session`: SET and pg_dump's `SELECT pg_catalog.set_config(…)` (accepted, apply to the scratch session);
 * - `noop`: accepted and skipped: `DROP … IF EXISTS` as `pg_dump --clean --if-exists` writes (the
 *   scratch database starts empty), the timeouts of pg_dump's preamble (`isLoadTimeout`),
 *   VACUUM/ANALYZE, and the `INSERT INTO schema_migrations` /
 *   `ar_internal_metadata` bookkeeping rows that Rails and Supabase put at the end of structure files;
 * - `code`: a DO block or a query (accepted: they run in the scratch database; a DO block's statements
 *   are checked for server-wide ones);
 * - `role`: a role statement (`isRoleStatement`): read as a declaration, never run (roles belong to
 *   the whole server; see roles/role-statement.ts for the ones refused);
 * - `data`, `drop`, `transaction`, `server`, `other`: rejected; `data` includes the statements that
 *   create a table from the rows of a query (`CREATE TABLE … AS`, `SELECT … INTO`): their query runs
 *   while the files load, and the table's rows are data (a materialized view is a view: `schema`);
 * - `unmanaged`: defines or changes an object kind pg-flux does not model (`unmanagedKind`): rejected,
 *   since it would load and then be left out of every plan.
 */
export type StatementClass =
  | "schema"
  | "session"
  | "noop"
  | "code"
  | "role"
  | "data"
  | "drop"
  | "transaction"
  | "server"
  | "unmanaged"
  | "other";

const BY_TYPE: Readonly<Record<string, StatementClass>> = {
  InsertStmt: "data",
  UpdateStmt: "data",
  DeleteStmt: "data",
  MergeStmt: "data",
  CopyStmt: "data",
  TruncateStmt: "data",
  TransactionStmt: "transaction",
  CreatedbStmt: "server",
  AlterDatabaseStmt: "server",
  AlterDatabaseSetStmt: "server",
  AlterDatabaseRefreshCollStmt: "server",
  DropdbStmt: "server",
  AlterSystemStmt: "server",
  CreateTableSpaceStmt: "server",
  DropTableSpaceStmt: "server",
  AlterTableSpaceOptionsStmt: "server",
  AlterTableMoveAllStmt: "server",
  ReassignOwnedStmt: "server",
  CreateSubscriptionStmt: "server",
  AlterSubscriptionStmt: "server",
  DropSubscriptionStmt: "server",
  DropOwnedStmt: "drop",
  VariableSetStmt: "session",
  ConstraintsSetStmt: "session",
  DoStmt: "code",
  RefreshMatViewStmt: "schema",
  CommentStmt: "schema",
  GrantStmt: "schema",
  RuleStmt: "schema", // the `_RETURN` rule of a view; other rules are `unmanaged`
  SecLabelStmt: "schema",
  IndexStmt: "schema",
  ViewStmt: "schema",
  DefineStmt: "schema",
  CompositeTypeStmt: "schema",
  RenameStmt: "schema",
  ClusterStmt: "schema",
  VacuumStmt: "noop",
};

/** Object types whose objects live outside the database (in the cluster). */
const SERVER_OBJECTS = new Set([
  "OBJECT_ROLE",
  "OBJECT_DATABASE",
  "OBJECT_TABLESPACE",
  "OBJECT_PARAMETER_ACL",
]);

export function classify(node: Node): StatementClass {
  const type = nodeType(node);
  const body = (node as unknown as Readonly<Record<string, Readonly<Record<string, unknown>>>>)[type] ?? {};
  if (isLoadTimeout(node)) return "noop";
  if (type === "DropStmt" || type === "DropUserMappingStmt")
    return body.missing_ok === true ? "noop" : "drop";
  if (type === "AlterTableStmt" && body.missing_ok === true && onlyDrops(body.cmds)) return "noop";
  if (createsTableFromQuery(node)) return "data";
  if (type === "SelectStmt") {
    if (isSetConfig(body)) return "session";
    return containsDml(body) ? "data" : "code";
  }
  if (type === "InsertStmt" && isMigrationBookkeeping(body.relation)) return "noop";
  if (isRoleStatement(node)) return "role";
  const objectType = body.renameType ?? body.objectType ?? body.objtype;
  if (typeof objectType === "string" && SERVER_OBJECTS.has(objectType)) return "server";
  if (unmanagedKind(node) !== null) return "unmanaged";
  const known = BY_TYPE[type];
  if (known) return known;
  if (/^(Create|Alter|Define)/.test(type)) return "schema";
  return "other";
}

/**
 * `CREATE TABLE … AS` (also `WITH NO DATA`: the table should be written with its columns) or
 * `SELECT … INTO`, as the statement's name for messages; null for anything else, including
 * `CREATE MATERIALIZED VIEW … AS`.
 */
export function createsTableFromQuery(node: Node): "CREATE TABLE … AS" | "SELECT … INTO" | null {
  const statement = node as {
    CreateTableAsStmt?: { objtype?: string };
    SelectStmt?: { intoClause?: unknown };
  };
  if (statement.CreateTableAsStmt?.objtype === "OBJECT_TABLE") return "CREATE TABLE … AS";
  if (statement.SelectStmt?.intoClause !== undefined) return "SELECT … INTO";
  return null;
}

/** `ALTER TABLE IF EXISTS … DROP …` (pg_dump --clean --if-exists): only drop subcommands. */
function onlyDrops(cmds: unknown): boolean {
  if (!Array.isArray(cmds)) return false;
  return cmds.every((cmd) => {
    const sub = (cmd as { AlterTableCmd?: { subtype?: string; def?: unknown } }).AlterTableCmd;
    if (!sub) return false;
    if (sub.subtype === "AT_DropConstraint" || sub.subtype === "AT_DropColumn") return true;
    return sub.subtype === "AT_ColumnDefault" && sub.def === undefined;
  });
}

/** Rails' `schema_migrations` / `ar_internal_metadata` rows: migration bookkeeping, not user data. */
function isMigrationBookkeeping(relation: unknown): boolean {
  const name = (relation as { relname?: string } | undefined)?.relname;
  return name === "schema_migrations" || name === "ar_internal_metadata";
}

/** A query that writes (a data-modifying CTE). */
function containsDml(select: Readonly<Record<string, unknown>>): boolean {
  let found = false;
  walk(select, (key) => {
    if (key === "InsertStmt" || key === "UpdateStmt" || key === "DeleteStmt" || key === "MergeStmt")
      found = true;
  });
  return found;
}

/** `SELECT pg_catalog.set_config('name', 'value', false)` with no FROM: a session setting. */
function isSetConfig(select: Readonly<Record<string, unknown>>): boolean {
  if (select.fromClause !== undefined || !Array.isArray(select.targetList)) return false;
  return select.targetList.every((target) => {
    const call = (target as { ResTarget?: { val?: { FuncCall?: { funcname?: unknown[] } } } }).ResTarget?.val
      ?.FuncCall;
    const name = nameList(call?.funcname);
    return name[name.length - 1] === "set_config" && (name.length === 1 || name[0] === "pg_catalog");
  });
}

/** The SQL verb of a statement, for messages: `INSERT`, `DROP`, `CREATE ROLE`, … */
export function verbOf(sql: string): string {
  const words = sql
    .replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, " ")
    .trim()
    .split(/\s+/)
    .slice(0, 2)
    .map((word) => word.toUpperCase().replace(/[^A-Z_]/g, ""));
  const [first = "", second = ""] = words;
  return ["CREATE", "ALTER", "DROP", "GRANT", "REVOKE", "SECURITY"].includes(first) && second !== ""
    ? `${first} ${second}`
    : first;
}
