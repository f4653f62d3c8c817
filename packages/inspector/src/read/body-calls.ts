type LibPgQuery = typeof import("libpg-query");

let loaded: Promise<void> | undefined;
let lib: LibPgQuery | undefined;

/**
 * Loads libpg-query and its WASM module once; `routineBodyCalls` needs it. Imported here, not at
 * the top: a catalog whose bodies name no routine of the catalog (`mayNameAny`) never loads it.
 */
export function loadBodyParser(): Promise<void> {
  loaded ??= import("libpg-query").then(async (module) => {
    await module.loadModule();
    lib = module;
  });
  return loaded;
}

function parser(): LibPgQuery {
  if (!lib) throw new Error("internal: routineBodyCalls before loadBodyParser()");
  return lib;
}

/**
 * Whether `body` can call a routine named in `names` (raw names, as the catalog has them): some
 * word of it is one of them — as written when quoted, folded to lower case when not (ASCII only, as
 * PostgreSQL folds; also JavaScript's full folding, as the scanner fallback does). A body that names
 * none calls none of them, whatever the parser would find, so it need not be parsed. `U&"…"`
 * identifiers (escapes) are left to the parser.
 */
export function mayNameAny(body: string, names: ReadonlySet<string>): boolean {
  if (names.size === 0) return false;
  if (/u&"/i.test(body)) return true;
  for (const match of body.matchAll(/"((?:[^"]|"")*)"/g)) {
    if (names.has((match[1] as string).replaceAll('""', '"'))) return true;
  }
  // without the u flag (much faster): a character outside ASCII is one or two code units of \x80-\uffff
  for (const [word] of body.matchAll(/[A-Za-z_\x80-\uffff][\w$\x80-\uffff]*/g)) {
    const ascii = word.replace(/[A-Z]+/g, (upper) => upper.toLowerCase());
    if (names.has(ascii) || names.has(word.toLowerCase()) || names.has(word)) return true;
  }
  return false;
}

/** A routine named by a call in a body: `schema` when the call qualifies the name. */
export interface CalledRoutine {
  readonly schema: string | null;
  readonly name: string;
}

/** What the analysis needs of a routine, as the catalog has it. */
export interface RoutineSource {
  /** pg_language.lanname: `sql`, `plpgsql`, … */
  readonly language: string;
  /** pg_get_functiondef: the complete CREATE statement (the PL/pgSQL parser needs the signature). */
  readonly definition: string;
  /** pg_proc.prosrc: the body string (empty for a SQL-standard `BEGIN ATOMIC` body). */
  readonly body: string;
}

/**
 * The routines a string body calls by name, de-duplicated in order of appearance. PostgreSQL records
 * no dependency for such a body (only for SQL-standard `BEGIN ATOMIC` ones), so this is how the plan
 * learns that a routine evaluated while DDL runs (a default, an index expression, …) needs its
 * callees created first.
 *
 * - `sql`: every statement of the body, parsed with libpg-query;
 * - `plpgsql`: the function parsed by libpg-query's PL/pgSQL parser, then every embedded SQL
 *   statement and expression (declarations' defaults, assignments, conditions, PERFORM, CALL,
 *   `EXECUTE 'literal'`); dynamic SQL built at run time cannot be seen;
 * - other languages: none.
 * A body libpg-query cannot parse is scanned instead: every `name(` / `schema.name(` is a call.
 * Call `loadBodyParser()` first. (The parser package reads desired-state files; parsing the
 * catalog's bodies is part of reading the catalog, so it lives here.)
 */
export function routineBodyCalls(routine: RoutineSource): CalledRoutine[] {
  if (routine.body.trim() === "") return [];
  if (routine.language === "sql") return callsInSql(routine.body) ?? scannedCalls(routine.body);
  if (routine.language === "plpgsql") return plpgsqlCalls(routine.definition) ?? scannedCalls(routine.body);
  return [];
}

/** Calls in one or more SQL statements; null when they do not parse. */
function callsInSql(sql: string): CalledRoutine[] | null {
  let tree: unknown;
  try {
    tree = parser().parseSync(sql);
  } catch {
    return null;
  }
  const found = new Calls();
  walk(tree, (key, node) => {
    // CALL keeps its call under `funccall` (a bare FuncCall, not a wrapped node).
    if (key === "FuncCall" || key === "funccall") found.add(nameList(node.funcname as unknown[] | undefined));
  });
  return found.list();
}

/** PLpgSQL_expr parse modes (PostgreSQL's RawParseMode) of an expression and of assignments. */
const EXPRESSION = 2;
const ASSIGNMENTS = new Set([3, 4, 5]);

function plpgsqlCalls(definition: string): CalledRoutine[] | null {
  let tree: unknown;
  try {
    tree = parser().parsePlPgSQLSync(definition);
  } catch {
    return null;
  }
  const found = new Calls();
  walk(tree, (key, node) => {
    if (key !== "PLpgSQL_expr" || typeof node.query !== "string") return;
    for (const sql of embeddedSql(node.query, typeof node.parseMode === "number" ? node.parseMode : 0)) {
      for (const call of callsInSql(sql) ?? scannedCalls(sql)) found.add([call.schema, call.name]);
    }
  });
  return found.list();
}

/** The SQL an embedded PL/pgSQL expression stands for, and the text of an `EXECUTE 'literal'`. */
function embeddedSql(query: string, parseMode: number): readonly string[] {
  if (parseMode === EXPRESSION) {
    const literal = /^\s*'((?:[^']|'')*)'\s*$/s.exec(query);
    return literal ? [(literal[1] as string).replaceAll("''", "'")] : [`SELECT ${query}`];
  }
  if (ASSIGNMENTS.has(parseMode)) {
    const at = /:=|=/.exec(query);
    return at ? [`SELECT ${query.slice(at.index + at[0].length)}`] : [];
  }
  return [query];
}

/** Token kinds that can name a function (not reserved keywords such as SELECT or FROM). */
const NAME_KEYWORDS = new Set([
  "NO_KEYWORD",
  "UNRESERVED_KEYWORD",
  "COL_NAME_KEYWORD",
  "TYPE_FUNC_NAME_KEYWORD",
]);

/** The fallback: `name(` and `schema.name(` in the token stream. */
function scannedCalls(text: string): CalledRoutine[] {
  let tokens: readonly { readonly text: string; readonly tokenName: string; readonly keywordName: string }[];
  try {
    tokens = parser().scanSync(text).tokens;
  } catch {
    return [];
  }
  const isName = (i: number) => {
    const token = tokens[i];
    return token !== undefined && (token.tokenName === "IDENT" || NAME_KEYWORDS.has(token.keywordName));
  };
  const found = new Calls();
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (!isName(i) || tokens[i + 1]?.text !== "(") continue;
    const qualified = i >= 2 && tokens[i - 1]?.text === "." && isName(i - 2);
    found.add([qualified ? identifier(tokens[i - 2]!.text) : null, identifier(tokens[i]!.text)]);
  }
  return found.list();
}

/** A scanned identifier as a raw name: `"Mixed"` → `Mixed`, `Plain` → `plain`. */
function identifier(text: string): string {
  return text.startsWith('"') ? text.slice(1, -1).replaceAll('""', '"') : text.toLowerCase();
}

/** Called names in order of first appearance. */
class Calls {
  private readonly seen = new Map<string, CalledRoutine>();

  /** A name list (`[name]` or `[schema, name]`; `[null, name]` from the scanner). */
  add(parts: readonly (string | null)[]): void {
    const name = parts.at(-1);
    if (typeof name !== "string" || parts.length > 2) return;
    const schema = parts.length === 2 ? (parts[0] ?? null) : null;
    const key = `${schema ?? ""}\u0000${name}`;
    if (!this.seen.has(key)) this.seen.set(key, { schema, name });
  }

  list(): CalledRoutine[] {
    return [...this.seen.values()];
  }
}

/** Visits every object of a libpg-query tree with the key it was found under (depth first). */
function walk(value: unknown, visit: (key: string, node: Readonly<Record<string, unknown>>) => void): void {
  const stack: [string, unknown][] = [["", value]];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const [key, current] = entry;
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push([key, current[i]]);
    } else if (current !== null && typeof current === "object") {
      const record = current as Readonly<Record<string, unknown>>;
      visit(key, record);
      const entries = Object.entries(record);
      for (let i = entries.length - 1; i >= 0; i--) stack.push(entries[i] as [string, unknown]);
    }
  }
}

/** The names of a name list (`[{String:{sval:"public"}},{String:{sval:"f"}}]`). */
function nameList(items: readonly unknown[] | undefined): string[] {
  return (items ?? []).flatMap((item) => {
    const sval = (item as { String?: { sval?: string } }).String?.sval;
    return sval === undefined ? [] : [sval];
  });
}
