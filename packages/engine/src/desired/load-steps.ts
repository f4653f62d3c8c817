import { PgFluxError, type Problem } from "@pg-flux/core";
import type { LoadStep, Statement, StatementObjects } from "@pg-flux/parser";
import type pg from "pg";
import { dependencyCycles, where } from "./cycles.js";
import { type Batch, composeBatch, stepSavepoint } from "./load-batch.js";
import { serverProblem } from "./server-problem.js";
import { SessionSettings } from "./session-settings.js";

export { serverProblem } from "./server-problem.js";

interface Failure {
  readonly step: LoadStep;
  readonly error: unknown;
}

/**
 * Runs the load steps in order with the session settings each one's place in the files asks for.
 * Runs of steps go as one multi-statement query in a transaction, each step under a savepoint (see
 * `composeBatch`); when one fails, the steps before it are kept, it runs again alone and the rest
 * follow, so its error is its own, exactly as when every statement went by itself. Statements that
 * fail are retried after the others until a pass makes no progress (an order the AST could not see:
 * function bodies, dynamic SQL); what never loads is reported with the server's error at its
 * file:line:col, and a dependency cycle among those (from `objects`) as a cycle.
 */
export async function runSteps(
  client: pg.Client,
  steps: readonly LoadStep[],
  objects: readonly StatementObjects[] = [],
): Promise<Problem[]> {
  const runner = new StepRunner(client);
  let pending: readonly LoadStep[] = steps;
  for (;;) {
    const failed = await runner.pass(pending);
    if (failed.length === 0 || failed.length === pending.length) {
      return [...runner.session.problems, ...neverLoaded(failed, objects)];
    }
    pending = failed.map((entry) => entry.step);
  }
}

class StepRunner {
  readonly session: SessionSettings;

  constructor(readonly client: pg.Client) {
    this.session = new SessionSettings(client);
  }

  /** One pass over `steps`; what failed, in order. */
  async pass(steps: readonly LoadStep[]): Promise<Failure[]> {
    const failed: Failure[] = [];
    await this.#run(steps, failed);
    return failed;
  }

  async #run(steps: readonly LoadStep[], failed: Failure[]): Promise<void> {
    let from = 0;
    while (from < steps.length) {
      const step = steps[from] as LoadStep;
      await this.session.resetStale(step.settings);
      const batch = composeBatch(steps, from, this.session);
      if (batch === null || batch.steps.length === 1) {
        await this.#runAlone(step, failed);
        from += 1;
      } else {
        await this.#runBatch(batch, failed);
        from += batch.steps.length;
      }
    }
  }

  async #runBatch(batch: Batch, failed: Failure[]): Promise<void> {
    let completed = 0;
    const count = () => {
      completed += 1;
    };
    this.client.connection.on("commandComplete", count);
    try {
      await this.client.query(batch.text);
      this.session.adopt(batch.applied);
      return;
    } catch (error) {
      throwIfConnectionLost(error);
    } finally {
      this.client.connection.off("commandComplete", count);
    }
    // The command after the `completed` ones failed, in step `at`: back to that step's savepoint,
    // commit the steps before it, run it alone (its own error, positioned in its own text; or it
    // loads, when only the transaction was in its way), and go on after it.
    const at = batch.commandSteps[completed] ?? -1;
    const recovered =
      at >= 0 &&
      (await this.client
        .query(`rollback to savepoint ${stepSavepoint(at)}; release savepoint ${stepSavepoint(at)}; commit`)
        .then(
          () => true,
          () => false,
        ));
    if (recovered) {
      this.session.adopt(batch.appliedBefore[at] ?? this.session.applied);
      await this.#runAlone(batch.steps[at] as LoadStep, failed);
      await this.#run(batch.steps.slice(at + 1), failed);
      return;
    }
    // BEGIN or COMMIT failed: nothing of the batch remains; every step goes by itself
    await this.client.query("rollback").catch(throwIfConnectionLost);
    for (const step of batch.steps) await this.#runAlone(step, failed);
  }

  /** The per-statement path: the step's SETs, then the statement, each its own round trip. */
  async #runAlone(step: LoadStep, failed: Failure[]): Promise<void> {
    await this.session.apply(step.settings);
    try {
      await this.client.query(step.statement.script.sql);
    } catch (error) {
      throwIfConnectionLost(error);
      failed.push({ step, error });
    }
  }
}

/**
 * The session is gone (the scratch database was dropped under it, the server stopped): no statement
 * can load any more, so that is the error, not a problem per statement.
 */
function throwIfConnectionLost(error: unknown): void {
  const code = (error as { code?: unknown } | null)?.code;
  const sqlstate = typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
  // 08: connection exceptions; 57P0x: the server terminated the session (57014, a statement_timeout
  // from the files, is the statement's own failure)
  if (sqlstate !== undefined && !/^(08|57P0)/.test(sqlstate)) return;
  const message = error instanceof Error ? error.message : String(error);
  throw new PgFluxError(`lost the scratch database connection while loading the desired state: ${message}`, {
    code: "runtime",
    cause: error,
  });
}

/** What never loaded: the server's error per statement; a dependency cycle as one problem, at its first statement. */
function neverLoaded(failed: readonly Failure[], objects: readonly StatementObjects[]): Problem[] {
  const errors = new Map<Statement, unknown>(failed.map(({ step, error }) => [step.statement, error]));
  const cycles = new Map<Statement, Statement[]>();
  for (const cycle of dependencyCycles([...errors.keys()], objects)) cycles.set(cycle[0] as Statement, cycle);
  return failed.map(({ step, error }) => {
    const problem = serverProblem(step.statement, error);
    const cycle = cycles.get(step.statement);
    if (!cycle) return problem;
    const path = [...cycle, step.statement].map((statement) => where(statement.location)).join(" → ");
    return {
      ...problem,
      message: `dependency cycle: ${path}: each statement needs an object the next one defines (${problem.message})`,
      hint: "break the cycle: e.g. add a foreign key with ALTER TABLE … ADD CONSTRAINT after both tables, or create a function with a stub body first and CREATE OR REPLACE it after what it uses",
    };
  });
}
