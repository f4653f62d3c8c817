import type { Statement } from "../statements/statement.model.js";
import { nodeType } from "../statements/statement.model.js";
import type { StatementClass } from "../validate/classify.js";
import { definedKeys, referencedKeys } from "./object-keys.js";
import { isLoadTimeout, searchPathSchema, settingName } from "./session.js";

/** What one statement defines and needs, resolved with the search_path in effect where it stands. */
export interface StatementObjects {
  readonly statement: Statement;
  readonly defaultSchema: string;
  readonly defines: readonly string[];
  readonly references: readonly string[];
  /** The SET statements in effect where the statement stands in the files (last one per setting). */
  readonly settings: readonly Statement[];
}

/** Walks the statements in file order, tracking search_path and SETs. */
export function analyzeStatements(statements: readonly Statement[]): StatementObjects[] {
  let defaultSchema = "public";
  const settings = new Map<string, Statement>();
  const result: StatementObjects[] = [];
  for (const statement of statements) {
    const setting = isLoadTimeout(statement.node) ? null : settingName(statement.node);
    if (setting !== null) {
      if (setting === "*") settings.clear();
      else settings.set(setting, statement);
      const schema = searchPathSchema(statement.node);
      if (schema !== null) defaultSchema = schema;
    }
    const defines = definedKeys(statement.node, defaultSchema);
    const schemasOfDefined = defines
      .map((key) => /^(?:rel|type|func):(.*)\.[^.]*$/.exec(key)?.[1])
      .filter((schema): schema is string => schema !== undefined)
      .map((schema) => `schema:${schema}`);
    const references = [
      ...new Set([...referencedKeys(statement.node, defaultSchema), ...schemasOfDefined]),
    ].filter((key) => !defines.includes(key));
    result.push({ statement, defaultSchema, defines, references, settings: [...settings.values()] });
  }
  return result;
}

/** One statement to run in the scratch database, after applying `settings` to the session. */
export interface LoadStep {
  readonly statement: Statement;
  readonly settings: readonly Statement[];
}

/**
 * Orders the statements to load so that each runs after the statements defining what it references
 * (depth-first, otherwise keeping file order). Session statements are not steps: each step carries
 * the settings in effect at its place in the files. `noop` and `role` statements are left out (role
 * statements are declarations; the roles reach the scratch server as placeholders), and they never
 * drive the order either: a statement that is not run pulls nothing ahead of its place. (pg_dump
 * `--clean` writes `DROP INDEX IF EXISTS parent_idx` first: visited from there, `CREATE INDEX parent_idx
 * ON ONLY parent` would run before `ALTER TABLE parent ATTACH PARTITION child`, the attach would then
 * build the child's index itself, and the dump's own `CREATE INDEX child_idx` fail with "already
 * exists".) Cycles keep file order; the loader retries what fails.
 */
export function loadOrder(
  objects: readonly StatementObjects[],
  classes: readonly StatementClass[],
): LoadStep[] {
  const definers = new Map<string, number>();
  const extensions: number[] = [];
  objects.forEach((entry, index) => {
    for (const key of entry.defines) if (!definers.has(key)) definers.set(key, index);
    if (nodeType(entry.statement.node) === "CreateExtensionStmt") extensions.push(index);
  });
  const included = (index: number) => {
    const cls = classes[index];
    return cls !== "session" && cls !== "noop" && cls !== "role";
  };
  const dependencies = (index: number): number[] => {
    const entry = objects[index] as StatementObjects;
    const deps = new Set<number>();
    let unknown = false;
    for (const key of entry.references) {
      const definer = definers.get(key);
      if (definer === undefined) {
        if (!key.startsWith("schema:")) unknown = true;
      } else if (definer !== index) deps.add(definer);
    }
    // something defined nowhere in the files may come from an extension: load extensions first
    if (unknown && !extensions.includes(index)) for (const ext of extensions) deps.add(ext);
    return [...deps].sort((a, b) => a - b);
  };
  const state = new Uint8Array(objects.length); // 0 new, 1 visiting, 2 done
  const steps: LoadStep[] = [];
  const visit = (start: number) => {
    const stack: { index: number; deps: number[]; next: number }[] = [];
    const push = (index: number) => {
      state[index] = 1;
      stack.push({ index, deps: dependencies(index), next: 0 });
    };
    push(start);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { index: number; deps: number[]; next: number };
      const dep = frame.deps[frame.next];
      if (dep !== undefined) {
        frame.next++;
        if (state[dep] === 0) push(dep);
        continue;
      }
      stack.pop();
      state[frame.index] = 2;
      const entry = objects[frame.index] as StatementObjects;
      if (included(frame.index)) steps.push({ statement: entry.statement, settings: entry.settings });
    }
  };
  for (let index = 0; index < objects.length; index++)
    if (state[index] === 0 && included(index)) visit(index);
  return steps;
}
