import type { Node } from "libpg-query";
import { nodeType } from "../statements/statement.model.js";

/** A session setting a statement makes: `SET name …` or `SELECT set_config('name', 'value', …)`. */
export function settingName(node: Node): string | null {
  const type = nodeType(node);
  if (type === "VariableSetStmt") {
    const body = (node as { VariableSetStmt: { name?: string; kind?: string } }).VariableSetStmt;
    return body.name ?? (body.kind === "VAR_RESET_ALL" ? "*" : null);
  }
  if (type === "SelectStmt") {
    const value = firstSetConfigArgs(node);
    return value ? value[0] : null;
  }
  return null;
}

/**
 * Settings that only bound how long statements may run or wait. They shape nothing in the schema, and
 * pg_dump 17 and later write `SET transaction_timeout = 0;` even when dumping an older server, where
 * the parameter does not exist: the dump would then fail to load on a scratch server of the target's
 * major. The loader skips them (classified `noop`, never carried as a step's setting).
 */
const LOAD_TIMEOUTS = new Set([
  "statement_timeout",
  "lock_timeout",
  "idle_in_transaction_session_timeout",
  "idle_session_timeout",
  "transaction_timeout",
]);

/** `SET <one of LOAD_TIMEOUTS> …` */
export function isLoadTimeout(node: Node): boolean {
  const name = (node as { VariableSetStmt?: { name?: string } }).VariableSetStmt?.name;
  return name !== undefined && LOAD_TIMEOUTS.has(name);
}

/** The schema unqualified names resolve to after a statement that sets search_path, or null. */
export function searchPathSchema(node: Node): string | null {
  const type = nodeType(node);
  let path: string | null = null;
  if (type === "VariableSetStmt") {
    const body = (node as { VariableSetStmt: { name?: string; kind?: string; args?: unknown[] } })
      .VariableSetStmt;
    if (body.name !== "search_path") return null;
    if (body.kind !== "VAR_SET_VALUE") return "public";
    path = (body.args ?? [])
      .map((arg) => {
        const constant = (arg as { A_Const?: { sval?: { sval?: string } } }).A_Const;
        return constant?.sval?.sval ?? "";
      })
      .join(",");
  } else if (type === "SelectStmt") {
    const args = firstSetConfigArgs(node);
    if (args?.[0] !== "search_path") return null;
    path = args[1];
  }
  if (path === null) return null;
  const first = path
    .split(",")
    .map((part) => part.trim().replace(/^"(.*)"$/, "$1"))
    .find((part) => part !== "" && part !== "$user");
  return first ?? "public";
}

function firstSetConfigArgs(node: Node): [string, string] | null {
  const select = (node as { SelectStmt?: { targetList?: unknown[] } }).SelectStmt;
  const target = select?.targetList?.[0] as
    | { ResTarget?: { val?: { FuncCall?: { args?: unknown[] } } } }
    | undefined;
  const args = target?.ResTarget?.val?.FuncCall?.args ?? [];
  const text = args.map((arg) => (arg as { A_Const?: { sval?: { sval?: string } } }).A_Const?.sval?.sval);
  if (text[0] === undefined) return null;
  return [text[0], text[1] ?? ""];
}
