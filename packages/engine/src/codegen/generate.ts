import {
  type CodegenOptions,
  generateTypes,
  InvalidInputError,
  type Problem,
  type SchemaState,
  type SourceLocation,
  tstypeFromComment,
} from "@pg-flux/core";
import { inspect, readOptions } from "@pg-flux/inspector";
import { loadDesiredState } from "../desired/index.js";

export interface CodegenInput {
  /** Desired-state SQL (files or directories); normalized in a scratch database. */
  readonly sources?: readonly string[];
  /**
   * A live database: read directly when no sources are given; with sources only read for its major
   * (the embedded server's) and role (the owner).
   */
  readonly databaseUrl?: string;
  readonly shadowUrl?: string;
  readonly schemas?: readonly string[] | null;
  /** How long reading the live catalog waits for a lock before naming the blocker (default 5s). */
  readonly readLockTimeout?: string | undefined;
  readonly cwd?: string;
  readonly options?: Partial<CodegenOptions>;
  /** `@tstype` hints from the desired files: column id → TypeScript type, with where it was written. */
  readonly hints?: readonly TypeHint[];
}

export interface TypeHint {
  readonly columnId: string;
  readonly type: string;
  readonly location?: SourceLocation;
  readonly sourceLine?: string;
}

export interface CodegenResult {
  readonly source: string;
  readonly state: SchemaState;
  readonly warnings: readonly string[];
}

/**
 * Generates the TypeScript types of a schema: from desired SQL (`sources`) or a live database. Every
 * `@tstype` hint (column comment or source hint) must be a valid TypeScript type; all invalid ones are
 * reported together, with file:line when they came from a file.
 */
export async function generateCodegen(input: CodegenInput): Promise<CodegenResult> {
  const schemas = input.schemas ?? undefined;
  let state: SchemaState;
  let warnings: readonly string[] = [];
  let hintsFromSource: readonly TypeHint[] = [];
  if (input.sources && input.sources.length > 0) {
    const desired = await loadDesiredState(input.sources, {
      ...(input.databaseUrl ? { targetUrl: input.databaseUrl } : {}),
      ...(input.shadowUrl ? { shadowUrl: input.shadowUrl } : {}),
      ...(schemas ? { schemas } : {}),
      ...(input.cwd ? { cwd: input.cwd } : {}),
    });
    state = desired.state;
    warnings = desired.warnings;
    hintsFromSource = desired.typeHints;
  } else if (input.databaseUrl) {
    state = await inspect(input.databaseUrl, readOptions(schemas ?? null, input.readLockTimeout));
  } else {
    throw new InvalidInputError([{ message: "codegen needs --source <file|dir> or --database-url" }]);
  }

  const hints: TypeHint[] = [...(input.hints ?? []), ...hintsFromSource];
  for (const table of Object.values(state.tables)) {
    for (const column of table.columns) {
      const type = tstypeFromComment(column.comment);
      if (type !== null && !hints.some((hint) => hint.columnId === column.id))
        hints.push({ columnId: column.id, type });
    }
  }
  const problems = (await Promise.all(hints.map((hint) => validateTypeHint(hint)))).flat();
  if (problems.length > 0) throw new InvalidInputError(problems);
  const columnTypes = Object.fromEntries(hints.map((hint) => [hint.columnId, hint.type]));
  return {
    source: generateTypes(state, { ...input.options, columnTypes }),
    state,
    warnings,
  };
}

/**
 * A hint is valid when `type T = <hint>;` parses as TypeScript with nothing left over. The compiler
 * is loaded on first use: it takes seconds to import, and only codegen needs it.
 */
export async function validateTypeHint(hint: TypeHint): Promise<Problem[]> {
  const { default: ts } = await import("typescript");
  const text = `type __PgFluxHint = ${hint.type};\n`;
  const output = ts.transpileModule(text, { reportDiagnostics: true, compilerOptions: { noEmit: false } });
  const diagnostics = output.diagnostics ?? [];
  const file = ts.createSourceFile("hint.ts", text, ts.ScriptTarget.Latest);
  const statements = file.statements.length;
  if (diagnostics.length === 0 && statements === 1) return [];
  const detail =
    diagnostics.length > 0
      ? ts.flattenDiagnosticMessageText(diagnostics[0]!.messageText, " ")
      : "extra text after the type";
  return [
    {
      message: `@tstype on ${hint.columnId.replace(/^column:/, "")} is not a valid TypeScript type: ${detail}`,
      ...(hint.location ? { location: hint.location } : {}),
      ...(hint.sourceLine !== undefined ? { sourceLine: hint.sourceLine } : {}),
      hint: "write a TypeScript type after @tstype, e.g. -- @tstype { user_id: number; action: string }",
    },
  ];
}
