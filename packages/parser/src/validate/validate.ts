import type { Problem, RoleDeclarations, UnmanagedKind } from "@pg-flux/core";
import type { DoStmt, Node } from "libpg-query";
import { keyOfNamedObject } from "../order/object-keys.js";
import { analyzeStatements, type StatementObjects } from "../order/order.js";
import { collectRoles, type ReadRoleStatement, type RoleMention } from "../roles/declarations.js";
import { readRoleStatement } from "../roles/role-statement.js";
import { pointAt } from "../statements/offsets.js";
import type { Statement } from "../statements/statement.model.js";
import { classify, createsTableFromQuery, type StatementClass, verbOf } from "./classify.js";
import { readDoBlock } from "./do-block.js";
import { foreignDataProblem } from "./foreign-data.js";
import { createdLanguages, languageGrantProblem } from "./language-grants.js";
import { UNMANAGED_HINT, unmanagedKind } from "./unmanaged.js";

export interface Validation {
  readonly problems: readonly Problem[];
  /** The class of each statement, by statement index. */
  readonly classes: readonly StatementClass[];
  /** Roles the schema names (owners, grantees, policy roles, roles the files declare), sorted. */
  readonly roles: readonly string[];
  /** The role statements of the files, read into data (never run: see `collectRoles`). */
  readonly roleDeclarations: RoleDeclarations;
  /** Each role of `roles`, where the files first declare or name it. */
  readonly roleMentions: readonly RoleMention[];
}

/**
 * Applies the desired-state rules: schema, not data; no DROP except pg_dump's `IF EXISTS` no-ops and
 * drops of objects the files themselves created earlier (install scripts drop their helper
 * functions: the end state is what counts); no transaction control; nothing that acts on the whole
 * server, also inside DO blocks. Role statements (also a DO block that only creates or changes roles,
 * the idempotent `IF NOT EXISTS` / `EXCEPTION WHEN duplicate_object` idioms) are declarations: read,
 * not run.
 */
export function validateStatements(
  statements: readonly Statement[],
  objects: readonly StatementObjects[] = analyzeStatements(statements),
): Validation {
  const firstDefiner = new Map<string, number>();
  objects.forEach((entry, index) => {
    for (const key of entry.defines) if (!firstDefiner.has(key)) firstDefiner.set(key, index);
  });
  const languages = createdLanguages(statements);
  const classes: StatementClass[] = [];
  const nodes: { statement: Statement; node: Node }[] = [];
  const readings: ReadRoleStatement[] = [];
  const serverStatements: { statement: Statement; verb: string }[] = [];
  const problems: { index: number; problem: Problem }[] = [];
  for (const statement of statements) {
    let cls: StatementClass = dropsOwnObject(statement, objects[statement.index], firstDefiner)
      ? "schema"
      : classify(statement.node);
    nodes.push({ statement, node: statement.node });
    const at = pointAt(statement.script, statement.location);
    const verb = verbOf(statement.script.sql);
    switch (cls) {
      case "schema": {
        const problem =
          foreignDataProblem(statement.node, verb, at) ??
          languageGrantProblem(statement.node, verb, at, languages);
        if (problem) problems.push({ index: statement.index, problem });
        break;
      }
      case "session":
      case "noop":
        break;
      case "role":
        readings.push({ statement, reading: readRoleStatement(statement.node) });
        break;
      case "code": {
        const doStmt = (statement.node as { DoStmt?: DoStmt }).DoStmt;
        const block = doStmt ? readDoBlock(doStmt) : { statements: [], dynamic: false };
        const roleStatements = block.statements.filter((inner) => inner.class === "role");
        if (
          roleStatements.length > 0 &&
          roleStatements.length === block.statements.length &&
          !block.dynamic
        ) {
          cls = "role";
          for (const inner of roleStatements)
            readings.push({ statement, reading: readRoleStatement(inner.node) });
          break;
        }
        if (roleStatements.length > 0) {
          problems.push({
            index: statement.index,
            problem: {
              message: `DO block running ${verbOfNode(roleStatements[0]?.node ?? {})} also runs ${block.dynamic ? "SQL built at run time" : "other statements"}: pg-flux reads role statements as declarations and does not run them (roles belong to the whole server)`,
              ...at,
              hint: "keep the role statements in a DO block (or statements) of their own",
            },
          });
        }
        for (const inner of block.statements) {
          nodes.push({ statement, node: inner.node });
          const running = `DO block running ${verbOfNode(inner.node)}`;
          if (inner.class === "server" && serverStatements.at(-1)?.statement !== statement) {
            serverStatements.push({ statement, verb: running });
          }
          const foreign =
            foreignDataProblem(inner.node, running, at) ??
            languageGrantProblem(inner.node, running, at, languages);
          if (foreign) problems.push({ index: statement.index, problem: foreign });
          const kind = inner.class === "unmanaged" ? unmanagedKind(inner.node) : null;
          if (kind && problems.at(-1)?.index !== statement.index) {
            problems.push({
              index: statement.index,
              problem: unmanagedProblem(running, kind, at),
            });
          }
        }
        break;
      }
      case "data":
        problems.push({ index: statement.index, problem: { message: dataMessage(statement, verb), ...at } });
        break;
      case "drop":
        problems.push({
          index: statement.index,
          problem: {
            message: `${verb} in desired state: the files describe what should exist, so remove the statement (and the object's definition); pg-flux plans the drop`,
            ...at,
          },
        });
        break;
      case "transaction":
        problems.push({
          index: statement.index,
          problem: {
            message: `transaction control (${verb}) in desired state: pg-flux loads the files itself; remove it`,
            ...at,
          },
        });
        break;
      case "server":
        serverStatements.push({ statement, verb });
        break;
      case "unmanaged":
        problems.push({
          index: statement.index,
          // classify says `unmanaged` only for statements unmanagedKind names
          problem: unmanagedProblem(verb, unmanagedKind(statement.node) as UnmanagedKind, at),
        });
        break;
      case "other":
        problems.push({
          index: statement.index,
          // IMPORT FOREIGN SCHEMA is `other` with a reason of its own
          problem: foreignDataProblem(statement.node, verb, at) ?? {
            message: `${verb} is not a schema statement: desired state holds CREATE/ALTER/COMMENT/GRANT statements; move it into a versioned migration (pg-flux push) or remove it`,
            ...at,
          },
        });
        break;
      default: {
        const _exhaustive: never = cls;
        return _exhaustive;
      }
    }
    classes.push(cls);
  }
  const collected = collectRoles(nodes, readings);
  problems.push(...collected.problems);
  const sortedRoles = collected.mentions.map((mention) => mention.name);
  for (const { statement, verb } of serverStatements) {
    const subscription = /SUBSCRIPTION$/.test(verb);
    problems.push({
      index: statement.index,
      problem: subscription
        ? {
            // issue 17: every other kind is managed or refused for its own reason; this is subscriptions'
            message: `${verb}: subscriptions stay out of the desired state: one holds a live connection string (often with a password) to another server and starts copying data when created; remove it from the desired state`,
            ...pointAt(statement.script, statement.location),
            hint: "create and change subscriptions by hand on each subscriber, once, outside pg-flux",
          }
        : {
            message: `${verb} acts on the whole server, outside the database pg-flux manages: remove it from the desired state`,
            ...pointAt(statement.script, statement.location),
            hint: "run server-wide statements once, outside pg-flux",
          },
    });
  }
  problems.sort((a, b) => a.index - b.index);
  return {
    problems: problems.map((entry) => entry.problem),
    classes,
    roles: sortedRoles,
    roleDeclarations: collected.declarations,
    roleMentions: collected.mentions,
  };
}

/** Plural names, for "pg-flux does not manage …". */
const UNMANAGED_PLURAL: Readonly<Record<UnmanagedKind, string>> = {
  "foreign table": "foreign tables",
  "foreign-data wrapper": "foreign-data wrappers",
  "foreign server": "foreign servers",
  "user mapping": "user mappings",
  publication: "publications",
  subscription: "subscriptions",
  rule: "rules (other than a view's _RETURN rule)",
  cast: "casts",
  operator: "operators",
  "operator class": "operator classes",
  "operator family": "operator families",
  "text search configuration": "text search configurations",
  "text search dictionary": "text search dictionaries",
  "text search parser": "text search parsers",
  "text search template": "text search templates",
  conversion: "conversions",
  transform: "transforms",
  "access method": "access methods",
  "table access method": "table access methods other than heap",
  "materialized view access method": "materialized views using an access method other than heap",
  language: "procedural languages (outside extensions)",
  // the parser refuses these grants with a reason of their own (language-grants.ts)
  "language privilege": "privileges on procedural languages the desired state does not create",
  // only found after the load: which objects an extension made is the server's knowledge
  "extension member privilege": "privileges of the objects an extension creates",
};

function unmanagedProblem(verb: string, kind: UnmanagedKind, at: ReturnType<typeof pointAt>): Problem {
  return {
    message: `${verb}: pg-flux does not manage ${UNMANAGED_PLURAL[kind]}: the statement would run in the scratch database and then be left out of every plan; remove it from the desired state`,
    ...at,
    hint: UNMANAGED_HINT,
  };
}

function dataMessage(statement: Statement, verb: string): string {
  const fromQuery = createsTableFromQuery(statement.node);
  return fromQuery === null
    ? `desired state is schema, not data: move this ${verb} into a versioned migration (pg-flux push)`
    : `desired state is schema, not data: ${fromQuery} creates a table and fills it with the rows of a query; write it as CREATE TABLE with its columns, and move the rows into a versioned migration (pg-flux push)`;
}

/** Node types whose name is not the statement's words (`CreatePLangStmt` is CREATE LANGUAGE). */
const NODE_VERBS: Readonly<Record<string, string>> = {
  CreatePLangStmt: "CREATE LANGUAGE",
  CreateFdwStmt: "CREATE FOREIGN DATA WRAPPER",
  CreateForeignServerStmt: "CREATE SERVER",
};

function verbOfNode(node: object): string {
  const type = Object.keys(node)[0] ?? "";
  const grant = (node as { GrantStmt?: { is_grant?: boolean } }).GrantStmt;
  if (grant) return grant.is_grant ? "GRANT" : "REVOKE";
  const named = NODE_VERBS[type];
  if (named !== undefined) return named;
  const spaced = type.replace(/Stmt$/, "").replace(/([a-z])([A-Z])/g, "$1 $2");
  return spaced.toUpperCase();
}

/** A DROP whose every target is created by an earlier statement of the files. */
function dropsOwnObject(
  statement: Statement,
  objects: StatementObjects | undefined,
  firstDefiner: ReadonlyMap<string, number>,
): boolean {
  const drop = (statement.node as { DropStmt?: { removeType?: string; objects?: unknown[] } }).DropStmt;
  if (!drop || !objects || !drop.objects || drop.objects.length === 0) return false;
  return drop.objects.every((object) => {
    const key = keyOfNamedObject(drop.removeType, object, objects.defaultSchema);
    const definer = key === null ? undefined : firstDefiner.get(key);
    return definer !== undefined && definer < statement.index;
  });
}
