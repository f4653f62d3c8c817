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
