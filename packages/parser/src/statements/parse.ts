import type { Problem } from "@pg-flux/core";
import { loadModule, parseSync, SqlError } from "libpg-query";
import type { Script, ScriptStatement } from "../script/script.model.js";
import { locationAt } from "../script/source-file.js";
import { charOffsetOfByte, locationInStatement, pointAt } from "./offsets.js";
import { nodeType, type Statement } from "./statement.model.js";

let loaded: Promise<void> | undefined;

/** Loads the libpg-query WASM module once; every parse function below needs it. */
export function loadParser(): Promise<void> {
  loaded ??= loadModule();
  return loaded;
}

export interface ParsedScript {
  readonly statements: readonly Statement[];
  readonly problems: readonly Problem[];
}

/**
 * Parses each statement psql would send on its own, so that one syntax error does not hide the
 * others: every error in every file is reported. Call `loadParser()` first.
 */
export function parseScript(script: Script): ParsedScript {
  const statements: Statement[] = [];
  const problems: Problem[] = [];
  for (const raw of script.statements) {
    let result: ReturnType<typeof parseSync>;
    try {
      result = parseSync(raw.sql);
    } catch (error) {
      problems.push(syntaxProblem(raw, error));
      continue;
    }
    for (const stmt of result.stmts ?? []) {
      if (!stmt.stmt) continue;
      const at = charOffsetOfByte(raw.sql, stmt.stmt_location ?? 0);
      const lead = raw.sql.slice(at).search(/\S/);
      const location = locationInStatement(raw, at + Math.max(0, lead));
      statements.push({
        index: statements.length,
        script: raw,
        node: stmt.stmt,
        type: nodeType(stmt.stmt),
        location,
      });
    }
  }
  return { statements, problems };
}

function syntaxProblem(raw: ScriptStatement, error: unknown): Problem {
  if (error instanceof SqlError && error.sqlDetails) {
    // cursorPosition is a 0-based character offset into the parsed text
    const location = locationInStatement(raw, Math.max(0, error.sqlDetails.cursorPosition));
    // the message quotes the token it stopped at, and the line is shown: neither when it may be a secret
    if (/\bpassword\b/i.test(raw.sql))
      return {
        message:
          "syntax error in a statement with a PASSWORD (neither the statement nor the token is shown: it may be a secret); passwords are refused in the desired state anyway",
        location,
        hint: "remove the PASSWORD clause and set the password once on the server, outside the schema files",
      };
    return { message: error.sqlDetails.message, ...pointAt(raw, location) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message, ...pointAt(raw, locationAt(raw.file, raw.start)) };
}
