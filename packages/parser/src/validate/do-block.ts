import type { DoStmt, Node } from "libpg-query";
import { parsePlPgSQLSync, parseSync } from "libpg-query";
import { nodeType } from "../statements/statement.model.js";
import { walk } from "../statements/walk.js";
import { classify, type StatementClass } from "./classify.js";

/** A statement found inside a DO block's body. */
export interface InnerStatement {
  readonly node: Node;
  readonly class: StatementClass;
}

/**
 * The SQL statements a PL/pgSQL DO block runs: static ones, and `EXECUTE '…'` with a literal string.
 * Dynamic SQL built at run time cannot be checked before it runs. Non-plpgsql blocks yield nothing.
 */
export function statementsInDoBlock(block: DoStmt): InnerStatement[] {
  let body: string | undefined;
  let language = "plpgsql";
  for (const arg of block.args ?? []) {
    const def = (arg as { DefElem?: { defname?: string; arg?: { String?: { sval?: string } } } }).DefElem;
    if (def?.defname === "as") body = def.arg?.String?.sval;
    if (def?.defname === "language") language = def.arg?.String?.sval ?? language;
  }
  if (body === undefined || language !== "plpgsql") return [];
  let tag = "$pgflux$";
  while (body.includes(tag)) tag = `$pgflux${tag.length}$`;
  let tree: unknown;
  try {
    tree = parsePlPgSQLSync(
      `CREATE FUNCTION pg_temp.pgflux_do() RETURNS void LANGUAGE plpgsql AS ${tag}${body}${tag}`,
    );
  } catch {
    return []; // the server reports the block's own syntax errors when it runs
  }
  const found: InnerStatement[] = [];
  walk(tree, (key, node) => {
    if (key !== "PLpgSQL_expr" || typeof node.query !== "string") return;
    const literal = /^\s*'((?:[^']|'')*)'\s*$/s.exec(node.query);
    const sql = literal ? (literal[1] as string).replaceAll("''", "'") : node.query;
    if (!literal && node.parseMode !== undefined && node.parseMode !== 0) return;
    let parsed: ReturnType<typeof parseSync>;
    try {
      parsed = parseSync(sql);
    } catch {
      return;
    }
    for (const stmt of parsed.stmts ?? []) {
      if (!stmt.stmt || nodeType(stmt.stmt) === "SelectStmt") continue;
      found.push({ node: stmt.stmt, class: classify(stmt.stmt) });
    }
  });
  return found;
}
