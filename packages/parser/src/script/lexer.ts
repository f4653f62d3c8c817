import { type Problem, quoteIdent, quoteLiteral, scanToken } from "@pg-flux/core";
import { metaCommandProblem, parseMetaCommand } from "./meta-command.js";
import type { Piece, Script, ScriptComment, ScriptStatement } from "./script.model.js";
import { lineText, locationAt, type SourceFile } from "./source-file.js";

/** Resolves `\i` / `\ir` targets; the only place the script reader touches the file system. */
export interface IncludeHost {
  /** The included file, or a message saying why it cannot be read. */
  include(target: string, relative: boolean, from: SourceFile): SourceFile | string;
}

/** psql variables defined with `\set` (or passed in, like `psql -v name=value`). */
export type Variables = Map<string, string>;

interface Builder {
  readonly start: number;
  readonly pieces: Piece[];
  readonly parts: string[];
  length: number;
  chunkStart: number;
  parenDepth: number;
  beginDepth: number;
  identifierCount: number;
  readonly identifiers: string[];
}

interface LexState {
  readonly files: SourceFile[];
  readonly statements: ScriptStatement[];
  readonly comments: ScriptComment[];
  readonly problems: Problem[];
  readonly variables: Variables;
  readonly stack: string[];
  readonly host: IncludeHost;
}

/**
 * Splits desired-state sources into statements the way psql does: at `;` outside quotes, dollar
 * quotes, parentheses and `BEGIN ATOMIC` bodies; psql variables substituted; `\i`/`\ir` followed;
 * comments kept with where they sit (hints live there). Tokens come from core's SQL scanner
 * (sql/scan.ts); this adds what psql adds on top: meta-commands, variables and statement ends.
 * Pure apart from the include host.
 */
export function readScript(
  files: readonly SourceFile[],
  host: IncludeHost,
  variables: Readonly<Record<string, string>> = {},
): Script {
  const state: LexState = {
    files: [],
    statements: [],
    comments: [],
    problems: [],
    variables: new Map(Object.entries(variables)),
    stack: [],
    host,
  };
  for (const file of files) lexFile(file, state);
  return {
    files: state.files,
    statements: state.statements,
    comments: state.comments,
    problems: state.problems,
  };
}

const VARIABLE = /:(?:'([A-Za-z0-9_]+)'|"([A-Za-z0-9_]+)"|([A-Za-z0-9_]+))/y;

function lexFile(file: SourceFile, state: LexState): void {
  const key = file.path ?? file.name;
  if (state.stack.includes(key)) return; // reported by the include site
  state.stack.push(key);
  state.files.push(file);
  const text = file.text;
  const n = text.length;
  let cur: Builder | null = null;
  let lastEnded: number | null = null;
  let i = 0;

  const problem = (offset: number, message: string, hint?: string) => {
    const location = locationAt(file, offset);
    state.problems.push({
      message,
      location,
      sourceLine: lineText(file, location.line),
      ...(hint ? { hint } : {}),
    });
  };
  const flush = (upTo: number) => {
    if (!cur || upTo <= cur.chunkStart) return;
    cur.pieces.push({
      sqlStart: cur.length,
      length: upTo - cur.chunkStart,
      srcStart: cur.chunkStart,
      substituted: false,
    });
    cur.parts.push(text.slice(cur.chunkStart, upTo));
    cur.length += upTo - cur.chunkStart;
    cur.chunkStart = upTo;
  };
  const finish = (end: number, after: number) => {
    if (!cur) return;
    flush(end);
    const sql = cur.parts.join("");
    if (sql.trim() !== "") {
      state.statements.push({ file, sql, pieces: cur.pieces, start: cur.start, end: after });
      lastEnded = state.statements.length - 1;
    }
    cur = null;
  };

  while (i < n) {
    const c = text[i] as string;
    const token = scanToken(text, i);
    if (token.kind === "space") {
      i = token.end;
      continue;
    }
    if (token.kind === "line_comment" || token.kind === "block_comment") {
      if (!token.terminated) {
        problem(i, "unterminated /* comment", "close it with */");
        cur = null;
        break;
      }
      const building = cur as Builder | null;
      const line = token.kind === "line_comment";
      state.comments.push({
        file,
        style: line ? "line" : "block",
        offset: i,
        end: token.end,
        text: line ? text.slice(i + 2, token.end).replace(/\r$/, "") : text.slice(i + 2, token.end - 2),
        inStatement: building ? state.statements.length : null,
        afterStatement: lastEnded,
        inBody: building ? building.beginDepth > 0 : false,
      });
      i = token.end;
      continue;
    }
    if (c === "\\") {
      flush(i);
      let eol = text.indexOf("\n", i);
      if (eol === -1) eol = n;
      const line = text.slice(i, eol).replace(/\r$/, "");
      const command = parseMetaCommand(line, state.variables);
      switch (command.kind) {
        case "ignored":
          break;
        case "set":
          state.variables.set(command.name, command.value);
          break;
        case "unset":
          state.variables.delete(command.name);
          break;
        case "include": {
          if (cur) {
            problem(
              i,
              `\\${command.command} inside an unfinished statement`,
              "end the statement with ; first",
            );
            break;
          }
          const included = state.host.include(command.target, command.relative, file);
          if (typeof included === "string") {
            problem(i, included);
          } else if (state.stack.includes(included.path ?? included.name)) {
            problem(
              i,
              `\\${command.command} ${command.target} includes itself (include cycle)`,
              "remove the cycle",
            );
          } else {
            lexFile(included, state);
            lastEnded = state.statements.length - 1;
          }
          break;
        }
        case "error": {
          const built = metaCommandProblem(command);
          problem(i, built.message, built.hint);
          break;
        }
        default: {
          const _exhaustive: never = command;
          throw new Error(`unhandled meta-command ${JSON.stringify(_exhaustive)}`);
        }
      }
      i = eol;
      if (cur) (cur as Builder).chunkStart = i;
      continue;
    }

    if (!cur) {
      cur = {
        start: i,
        pieces: [],
        parts: [],
        length: 0,
        chunkStart: i,
        parenDepth: 0,
        beginDepth: 0,
        identifierCount: 0,
        identifiers: [],
      };
    }
    const b: Builder = cur;
    if (token.kind === "string" || token.kind === "quoted_identifier" || token.kind === "dollar_string") {
      if (!token.terminated) {
        problem(i, ...unterminated(token.kind, text, i));
        cur = null;
        break;
      }
      i = token.end;
      continue;
    }
    if (c === ":") {
      if (text[i + 1] === ":") {
        i += 2;
        continue;
      }
      VARIABLE.lastIndex = i;
      const ref = VARIABLE.exec(text);
      const name = ref ? (ref[1] ?? ref[2] ?? ref[3]) : undefined;
      const value = name === undefined ? undefined : state.variables.get(name);
      if (ref && value !== undefined) {
        flush(i);
        const replacement =
          ref[1] !== undefined ? quoteLiteral(value) : ref[2] !== undefined ? quoteIdentAlways(value) : value;
        b.pieces.push({ sqlStart: b.length, length: replacement.length, srcStart: i, substituted: true });
        b.parts.push(replacement);
        b.length += replacement.length;
        i += ref[0].length;
        b.chunkStart = i;
        continue;
      }
      i++;
      continue;
    }
    if (c === "(" || c === "[") {
      b.parenDepth++;
      i++;
      continue;
    }
    if (c === ")" || c === "]") {
      b.parenDepth--;
      i++;
      continue;
    }
    if (c === ";") {
      if (b.parenDepth <= 0 && b.beginDepth === 0) {
        finish(i, i + 1);
        i++;
        continue;
      }
      i++;
      continue;
    }
    if (token.kind === "word") {
      const word = text.slice(i, token.end);
      trackBeginAtomic(b, word.toLowerCase());
      i = token.end;
      continue;
    }
    i++;
  }
  if (cur) finish(n, n);
  state.stack.pop();
}

/** psql's heuristic for `CREATE [OR REPLACE] FUNCTION|PROCEDURE … BEGIN ATOMIC … END` (psqlscan.l). */
function trackBeginAtomic(b: Builder, word: string): void {
  if (b.identifierCount < 4 && ["create", "function", "procedure", "or", "replace"].includes(word)) {
    b.identifiers[b.identifierCount] = word[0] as string;
  }
  b.identifierCount++;
  const [a, c, d, e] = b.identifiers;
  const routine =
    a === "c" && (c === "f" || c === "p" || (c === "o" && d === "r" && (e === "f" || e === "p")));
  if (!routine || b.parenDepth !== 0) return;
  if (word === "begin") b.beginDepth++;
  else if (word === "case") {
    if (b.beginDepth >= 1) b.beginDepth++;
  } else if (word === "end" && b.beginDepth > 0) b.beginDepth--;
}

/** The problem and fix for a string, quoted identifier or dollar quote that `at` opens and nothing closes. */
function unterminated(
  kind: "string" | "quoted_identifier" | "dollar_string",
  text: string,
  at: number,
): [message: string, hint: string] {
  switch (kind) {
    case "string":
      return ["unterminated quoted string", "close the string with '"];
    case "quoted_identifier":
      return ["unterminated quoted identifier", 'close the identifier with "'];
    case "dollar_string": {
      const tag = text.slice(at, text.indexOf("$", at + 1) + 1);
      return [`unterminated dollar-quoted string ${tag}`, `close it with ${tag}`];
    }
    default: {
      const _exhaustive: never = kind;
      return _exhaustive;
    }
  }
}

/** psql's `:"name"`: always a quoted identifier (unlike quoteIdent, which quotes only when needed). */
function quoteIdentAlways(value: string): string {
  const minimal = quoteIdent(value);
  return minimal.startsWith('"') ? minimal : `"${value}"`;
}
