import type { Problem } from "@pg-flux/core";
import { type Statement, settingName } from "@pg-flux/parser";
import type pg from "pg";
import { serverProblem } from "./server-problem.js";

/** The SET statements in effect on the scratch session, by setting name. */
export type AppliedSettings = ReadonlyMap<string, Statement>;

/**
 * Keeps the scratch session's SETs equal to those in effect where each statement was written.
 * Two ways to get there: `apply` sends what is missing as separate round trips (the per-statement
 * path); `changes` lists the SETs to put in front of a statement inside a batch, and `adopt` records
 * them once the batch committed (a rolled-back batch takes its SETs with it, so nothing to undo).
 */
export class SessionSettings {
  readonly problems: Problem[] = [];
  #applied = new Map<string, Statement>();
  readonly #failed = new Set<Statement>();

  constructor(readonly client: pg.ClientBase) {}

  get applied(): AppliedSettings {
    return this.#applied;
  }

  /** Settings in effect on the session that a step's place in the files does not have. */
  stale(settings: readonly Statement[], applied: AppliedSettings = this.#applied): string[] {
    const wanted = byName(settings);
    return [...applied.keys()].filter((name) => !wanted.has(name));
  }

  /** The SETs to run before a step, from the session state `applied`; ones that failed before are skipped. */
  changes(settings: readonly Statement[], applied: AppliedSettings = this.#applied): [string, Statement][] {
    return [...byName(settings)].filter(
      ([name, statement]) => applied.get(name) !== statement && !this.#failed.has(statement),
    );
  }

  /** RESETs settings that a step's place does not have, one round trip each (rare: another file's SETs). */
  async resetStale(settings: readonly Statement[]): Promise<void> {
    for (const name of this.stale(settings)) {
      this.#applied.delete(name);
      // a GUC name from the files' own SET statements; RESET takes it as written there
      if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name))
        await this.client.query(`reset ${name}`).catch(() => undefined);
    }
  }

  /** The per-statement path: brings the session to `settings` with one round trip per SET. */
  async apply(settings: readonly Statement[]): Promise<void> {
    await this.resetStale(settings);
    for (const [name, statement] of this.changes(settings)) {
      try {
        await this.client.query(statement.script.sql);
        this.#applied.set(name, statement);
      } catch (error) {
        this.#failed.add(statement);
        this.problems.push(serverProblem(statement, error));
      }
    }
  }

  /** After a batch committed: the SETs it ran are in effect. */
  adopt(applied: AppliedSettings): void {
    this.#applied = new Map(applied);
  }
}

function byName(settings: readonly Statement[]): Map<string, Statement> {
  const wanted = new Map<string, Statement>();
  for (const statement of settings) {
    const name = settingName(statement.node);
    if (name !== null) wanted.set(name, statement);
  }
  return wanted;
}

/**
 * `SET LOCAL …` or `set_config(…, true)`: outside a transaction block (each statement in autocommit,
 * as psql runs the files) it changes nothing; inside a batch it would change the statements after
 * it. Steps whose SETs include one take the per-statement path so it keeps changing nothing.
 */
export function isLocalSetting(statement: Statement): boolean {
  const node = statement.node as {
    VariableSetStmt?: { is_local?: boolean };
    SelectStmt?: { targetList?: unknown[] };
  };
  if (node.VariableSetStmt) return node.VariableSetStmt.is_local === true;
  const target = node.SelectStmt?.targetList?.[0] as
    | { ResTarget?: { val?: { FuncCall?: { args?: unknown[] } } } }
    | undefined;
  const third = target?.ResTarget?.val?.FuncCall?.args?.[2] as
    | { A_Const?: { boolval?: { boolval?: boolean } } }
    | undefined;
  return third?.A_Const?.boolval?.boolval === true;
}
