import type { SourceLocation } from "@pg-flux/core";
import type { Node } from "libpg-query";
import type { ScriptStatement } from "../script/script.model.js";

/** One parsed desired-state statement. */
export interface Statement {
  /** Position in execution (file) order. */
  readonly index: number;
  readonly script: ScriptStatement;
  /** The statement's AST (`{ CreateStmt: … }`). */
  readonly node: Node;
  /** The AST node's type: `CreateStmt`, `IndexStmt`, … */
  readonly type: string;
  readonly location: SourceLocation;
}

/** The type name of an AST node: its one key. */
export function nodeType(node: Node): string {
  return Object.keys(node)[0] ?? "";
}
