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

/** A PL/pgSQL expression that is one string literal. */
const LITERAL = /^\s*'((?:[^']|'')*)'\s*$/s;

/** What a DO block runs, as far as it can be read before it runs. */
export interface DoBlock {
  readonly statements: readonly InnerStatement[];
  /** It also runs SQL built at run time (`EXECUTE` of anything but a literal), or it cannot be read. */
  readonly dynamic: boolean;
}

/**
 * The SQL statements a PL/pgSQL DO block runs: static ones, and `EXECUTE '…'` with a literal string.
 * Dynamic SQL built at run time cannot be checked before it runs (`dynamic` says the block has some).
 * Non-plpgsql blocks yield nothing.
 */
export function readDoBlock(block: DoStmt): DoBlock {
  let body: string | undefined;
  let language = "plpgsql";
  for (const arg of block.args ?? []) {
    const def = (arg as { DefElem?: { defname?: string; arg?: { String?: { sval?: string } } } }).DefElem;
    if (def?.defname === "as") body = def.arg?.String?.sval;
    if (def?.defname === "language") language = def.arg?.String?.sval ?? language;
  }
  if (body === undefined || language !== "plpgsql") return { statements: [], dynamic: true };
  let tag = "$pgflux$";
  while (body.includes(tag)) tag = `$pgflux${tag.length}$`;
  let tree: unknown;
  try {
    tree = parsePlPgSQLSync(
      `CREATE FUNCTION pg_temp.pgflux_do() RETURNS void LANGUAGE plpgsql AS ${tag}${body}${tag}`,
    );
  } catch {
    return { statements: [], dynamic: true }; // the server reports the block's own syntax errors when it runs
  }
  const found: InnerStatement[] = [];
  let dynamic = false;
  walk(tree, (key, node) => {
    if (key === "PLpgSQL_stmt_dynexecute" || key === "PLpgSQL_stmt_dynfors" || key === "PLpgSQL_stmt_open") {
      const expr = (key === "PLpgSQL_stmt_open" ? node.dynquery : node.query) as
        | { PLpgSQL_expr?: { query?: unknown } }
        | undefined;
      const text = expr?.PLpgSQL_expr?.query;
      if (expr !== undefined && (typeof text !== "string" || !LITERAL.test(text))) dynamic = true;
    }
    if (key !== "PLpgSQL_expr" || typeof node.query !== "string") return;
    const literal = LITERAL.exec(node.query);
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
  return { statements: found, dynamic };
}
