import { PgFluxError, type Plan, plan as planStates, type SchemaState } from "@pg-flux/core";
import { inspect } from "@pg-flux/inspector";
import { enterPlanSession } from "../apply/session.js";
import { type ScratchHost, withClient } from "../desired/scratch-host.js";
import { runPlan } from "../run/runner.js";
import { withScratchDatabase } from "./scratch.js";

export interface VerifyInput {
  readonly host: ScratchHost;
  readonly current: SchemaState;
  readonly desired: SchemaState;
  readonly plan: Plan;
  readonly schemas: readonly string[] | null;
}

/**
 * Proves a plan before anyone runs it: a scratch copy of the current schema (the plan from a new,
 * empty database to the current state) gets the plan applied by the same runner as production, is read back,
 * and is diffed against the desired state. Whatever is left is a planner bug: the plan is refused
 * with the residual changes listed. Without data, so it checks the statements, not the rows.
 */
export async function verifyPlan(input: VerifyInput): Promise<void> {
  if (input.plan.steps.length === 0) return;
  const schemas = input.schemas;
  await withScratchDatabase(input.host, async (db) => {
    // From what a new database already holds (public, plpgsql), not from nothing.
    const baseline = await inspect(db.url, schemas ? { schemas } : {});
    const copy = planStates(baseline, input.current, { schemas, options: { verify: false } });
    await withClient(db.url, async (client) => {
      await enterPlanSession(client);
      for (const step of copy.steps) {
        try {
          await client.query(step.sql);
        } catch (error) {
          throw verificationError(
            `could not build the scratch copy of the current schema: ${messageOf(error)}`,
            step.sql,
            error,
          );
        }
      }
      const outcome = await runPlan(client, input.plan, { limits: { lockRetries: 0 } });
      if (outcome.status === "failed") {
        const { failure } = outcome;
        throw verificationError(
          `step ${failure.stepIndex + 1} failed on the scratch copy: ${failure.message}`,
          failure.step.sql,
          null,
        );
      }
    });
    const after = await inspect(db.url, schemas ? { schemas } : {});
    const residual = planStates(after, input.desired, { schemas });
    if (residual.steps.length > 0) {
      const listed = residual.steps.map((step) => `  ${step.sql}`).join("\n");
      throw verificationError(
        `the plan does not reach the desired schema: after applying it to a scratch copy, ${residual.steps.length} change${residual.steps.length === 1 ? " remains" : "s remain"}:\n${listed}`,
        undefined,
        null,
      );
    }
  });
}

function verificationError(message: string, sql: string | undefined, cause: unknown): PgFluxError {
  return new PgFluxError(`plan verification failed: ${message}`, {
    code: "runtime",
    ...(sql ? { sql } : {}),
    ...(cause ? { cause } : {}),
    hint: "this is a pg-flux bug; please report it with the schemas. --no-verify skips the check",
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
