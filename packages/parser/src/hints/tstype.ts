import { ids, type Problem, type SourceLocation } from "@pg-flux/core";
import type { StatementObjects } from "../order/order.js";
import type { Script, ScriptStatement } from "../script/script.model.js";
import { lineText, locationAt } from "../script/source-file.js";
import type { Statement } from "../statements/statement.model.js";
import { trailingElement } from "./attach.js";

/**
 * A `-- @tstype <TypeScript type>` hint trailing a column definition: the type codegen gives the
 * column (`payload jsonb -- @tstype { user_id: number; action: string }`). Whether the text is a valid
 * TypeScript type is checked by codegen, which has the compiler.
 */
export interface TypeHint {
  readonly columnId: string;
  readonly type: string;
  readonly location: SourceLocation;
  readonly sourceLine: string;
}

const TSTYPE = /^\s*@tstype(?:\s+([\s\S]*?))?\s*$/;

export function collectTypeHints(
  script: Script,
  statements: readonly Statement[],
  objects: readonly StatementObjects[],
): { readonly hints: readonly TypeHint[]; readonly problems: readonly Problem[] } {
  const byScript = new Map<ScriptStatement, Statement>();
  for (const statement of statements)
    if (!byScript.has(statement.script)) byScript.set(statement.script, statement);
  const hints: TypeHint[] = [];
  const problems: Problem[] = [];
  for (const comment of script.comments) {
    const match = TSTYPE.exec(comment.text);
    if (comment.inBody || !match) continue;
    const location = locationAt(
      comment.file,
      comment.offset + 2 + (comment.text.length - comment.text.trimStart().length),
    );
    const sourceLine = lineText(comment.file, location.line);
    const fail = (message: string) =>
      problems.push({
        message,
        location,
        sourceLine,
        hint: "write the hint after the column on the same line: payload jsonb, -- @tstype { user_id: number }",
      });
    const type = match[1]?.trim() ?? "";
    if (type === "") {
      fail("@tstype needs a TypeScript type after it");
      continue;
    }
    const raw = owningStatement(script, comment);
    const statement = raw ? byScript.get(raw) : undefined;
    if (!raw || !statement) {
      if (!raw) fail("@tstype must trail a column definition inside CREATE TABLE");
      continue; // a statement with a syntax error is reported already
    }
    const element = trailingElement(
      comment,
      raw,
      statement,
      objects[statement.index]?.defaultSchema ?? "public",
    );
    if (element?.owner?.column === undefined) {
      fail("@tstype must trail a column definition inside CREATE TABLE or ALTER TABLE … ADD COLUMN");
      continue;
    }
    hints.push({
      columnId: ids.column(element.schema, element.table, element.owner.column),
      type,
      location,
      sourceLine,
    });
  }
  return { hints, problems };
}

/** The statement a comment is inside, or the one that ends earlier on the comment's own line. */
function owningStatement(script: Script, comment: Script["comments"][number]): ScriptStatement | undefined {
  if (comment.inStatement !== null) return script.statements[comment.inStatement];
  const previous = comment.afterStatement === null ? undefined : script.statements[comment.afterStatement];
  if (!previous || previous.file !== comment.file) return undefined;
  const between = comment.file.text.slice(previous.end, comment.offset);
  return between.includes("\n") ? undefined : previous;
}
