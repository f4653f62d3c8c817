/**
 * The one error hierarchy of pg-flux (after slonik's errors.ts). Every error carries a `code` that
 * classifies it (the CLI maps it to an exit code: cli/src/exit-codes.ts), and structured fields
 * instead of facts buried in the message.
 */

/** What kind of failure this is: whose move it is to fix it. */
export type ErrorCode =
  | "invalid_input" // the user's files, flags or hints: fix the input
  | "refused" // the input is fine but unsafe now: blocking hazards, a stale plan, a checksum conflict
  | "runtime"; // connection, SQL error, environment

export interface SourceLocation {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

export interface PgFluxErrorFields {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly location?: SourceLocation;
  /** The source line the location points into, shown with a caret. */
  readonly sourceLine?: string;
  readonly sql?: string;
  readonly objectId?: string;
  /** SQLSTATE when the error came from the server. */
  readonly sqlState?: string;
  readonly cause?: unknown;
}

export class PgFluxError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly location: SourceLocation | undefined;
  readonly sourceLine: string | undefined;
  readonly sql: string | undefined;
  readonly objectId: string | undefined;
  readonly sqlState: string | undefined;

  constructor(message: string, fields: PgFluxErrorFields) {
    super(message, fields.cause === undefined ? undefined : { cause: fields.cause });
    this.name = new.target.name;
    this.code = fields.code;
    this.hint = fields.hint;
    this.location = fields.location;
    this.sourceLine = fields.sourceLine;
    this.sql = fields.sql;
    this.objectId = fields.objectId;
    this.sqlState = fields.sqlState;
  }
}

/** One problem in the user's input; several are collected and reported together. */
export interface Problem {
  readonly message: string;
  readonly location?: SourceLocation;
  readonly sourceLine?: string;
  readonly hint?: string;
  /** The desired object the problem is about, for callers that know where the files define it. */
  readonly objectId?: string;
}

/** The user's schema files hold one or more problems; nothing was applied. */
export class InvalidInputError extends PgFluxError {
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[], cause?: unknown) {
    const first = problems[0];
    const summary =
      problems.length === 1 && first ? first.message : `${problems.length} problems in the desired schema`;
    super(summary, {
      code: "invalid_input",
      cause,
      ...(first?.location ? { location: first.location } : {}),
    });
    this.problems = problems;
  }
}

/**
 * Roles the desired state declares or names are missing on the server they must exist on (the
 * target, or the shared server the files are loaded on). pg-flux does not create roles: the error
 * lists each one where the files first declare or name it, and the statements that create them as
 * declared. Nothing was planned or applied. Exit 3 (refused): the files are fine, the server is not
 * ready for them.
 */
export class MissingRolesError extends PgFluxError {
  readonly roles: readonly string[];
  /** One per role, located where the files first declare or name it. */
  readonly problems: readonly Problem[];
  /** What to run once on that server, as a role with CREATEROLE. */
  readonly statements: readonly string[];

  constructor(
    where: string,
    problems: readonly Problem[],
    roles: readonly string[],
    statements: readonly string[],
    /** `--manage-roles`: pg-flux creates the roles the files create, and these are not among them. */
    managed = false,
  ) {
    const run = `run once on ${where}, as a role with CREATEROLE, then plan again:\n${statements.map((sql) => `    ${sql}`).join("\n")}`;
    super(
      `${roles.length === 1 ? "a role" : `${roles.length} roles`} the desired state ${roles.length === 1 ? "names does" : "names do"} not exist on ${where}: ${roles.join(", ")}`,
      {
        code: "refused",
        hint: managed
          ? `with --manage-roles pg-flux creates the roles the files create (CREATE ROLE), and the files only name or alter these: add CREATE ROLE to the files, or ${run}`
          : `pg-flux does not create roles (they belong to the whole server): ${run}`,
      },
    );
    this.roles = roles;
    this.problems = problems;
    this.statements = statements;
  }
}

/** Renders a problem like a compiler error: `file:line:col: message`, the line, a caret, the fix. */
export function formatProblem(problem: Problem): string {
  const lines: string[] = [];
  const where = problem.location
    ? `${problem.location.file}:${problem.location.line}:${problem.location.column}: `
    : "";
  lines.push(`${where}${problem.message}`);
  if (problem.sourceLine !== undefined && problem.location) {
    const gutter = `${problem.location.line} | `;
    lines.push(`  ${gutter}${problem.sourceLine}`);
    lines.push(`  ${" ".repeat(gutter.length + Math.max(0, problem.location.column - 1))}^`);
  }
  if (problem.hint) lines.push(`  hint: ${problem.hint}`);
  return lines.join("\n");
}

/** The message a user sees for any error, including every collected problem. */
export function formatError(error: unknown): string {
  if (error instanceof InvalidInputError) return error.problems.map(formatProblem).join("\n\n");
  if (error instanceof MissingRolesError) {
    return [
      error.message,
      ...error.problems.map(formatProblem),
      ...(error.hint ? [`hint: ${error.hint}`] : []),
    ].join("\n\n");
  }
  if (error instanceof PgFluxError) {
    return formatProblem({
      message: error.message,
      ...(error.location ? { location: error.location } : {}),
      ...(error.sourceLine !== undefined ? { sourceLine: error.sourceLine } : {}),
      ...(error.hint ? { hint: error.hint } : {}),
    });
  }
  return error instanceof Error ? error.message : String(error);
}
