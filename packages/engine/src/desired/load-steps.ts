import type { Problem } from "@pg-flux/core";
import { type LoadStep, lineText, locationInStatement, type Statement, settingName } from "@pg-flux/parser";
import type pg from "pg";

/**
 * Runs the load steps in order, each in autocommit with the session settings its place in the
 * files asks for. Statements that fail are retried after the others until a pass makes no progress
 * (an order the AST could not see: function bodies, dynamic SQL); what never loads is reported with
 * the server's error at its file:line:col.
 */
export async function runSteps(client: pg.ClientBase, steps: readonly LoadStep[]): Promise<Problem[]> {
  const session = new SessionSettings(client);
  let pending = [...steps];
  for (;;) {
    const failed: { step: LoadStep; error: unknown }[] = [];
    for (const step of pending) {
      await session.apply(step.settings);
      try {
        await client.query(step.statement.script.sql);
      } catch (error) {
        failed.push({ step, error });
      }
    }
    if (failed.length === 0 || failed.length === pending.length) {
      return [...session.problems, ...failed.map(({ step, error }) => serverProblem(step.statement, error))];
    }
    pending = failed.map((entry) => entry.step);
  }
}

/** Keeps the scratch session's SETs equal to those in effect where each statement was written. */
class SessionSettings {
  readonly problems: Problem[] = [];
  readonly #applied = new Map<string, Statement>();
  readonly #failed = new Set<Statement>();

  constructor(readonly client: pg.ClientBase) {}

  async apply(settings: readonly Statement[]): Promise<void> {
    const wanted = new Map<string, Statement>();
    for (const statement of settings) {
      const name = settingName(statement.node);
      if (name !== null) wanted.set(name, statement);
    }
    for (const name of [...this.#applied.keys()]) {
      if (wanted.has(name)) continue;
      this.#applied.delete(name);
      // a GUC name from the files' own SET statements; RESET takes it as written there
      if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name))
        await this.client.query(`reset ${name}`).catch(() => undefined);
    }
    for (const [name, statement] of wanted) {
      if (this.#applied.get(name) === statement || this.#failed.has(statement)) continue;
      try {
        await this.client.query(statement.script.sql);
        this.#applied.set(name, statement);
      } catch (error) {
        this.#failed.add(statement);
        this.problems.push(serverProblem(statement, error));
      }
    }
  }
}

interface ServerError {
  readonly message: string;
  readonly position?: string;
  readonly hint?: string;
  readonly detail?: string;
  readonly where?: string;
}

/** A server error mapped back to the statement's file:line:col (the error position when it has one). */
export function serverProblem(statement: Statement, error: unknown): Problem {
  const e = (error ?? {}) as ServerError;
  const message = error instanceof Error ? error.message : String(error);
  const position = e.position === undefined ? Number.NaN : Number(e.position);
  const location = Number.isFinite(position)
    ? locationInStatement(statement.script, position - 1)
    : statement.location;
  const details = [e.detail, e.where ? `context: ${e.where.split("\n")[0]}` : undefined].filter(Boolean);
  return {
    message: `${message}${details.length > 0 ? ` (${details.join("; ")})` : ""}`,
    location,
    sourceLine: lineText(statement.script.file, location.line),
    ...(e.hint ? { hint: e.hint } : {}),
  };
}
