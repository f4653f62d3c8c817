import type { Plan, Step } from "@pg-flux/core";
import type pg from "pg";
import { enterPlanSession, leavePlanSession } from "./session.js";

/** What `applyPlan` did: a status union, never an exception for control flow. */
export type ApplyPlanOutcome =
  | { readonly status: "nothing_to_do" }
  | { readonly status: "applied"; readonly steps: number }
  | {
      readonly status: "failed";
      /** The step whose statement failed. */
      readonly step: Step;
      readonly error: Error;
      /** Steps committed before the failure (a failed transaction group is rolled back whole). */
      readonly committedSteps: number;
    };

/**
 * The minimal executor of a plan: groups in order, a transactional group inside BEGIN/COMMIT, an
 * autocommit step alone. The session gets the plan settings (core PLAN_SESSION_SETTINGS: generated
 * SQL leaves `public` names unqualified, routine bodies may name later objects), restored afterwards.
 *
 * No advisory lock, timeouts, retries or progress: `runPlan` (../run) is the production runner;
 * this is what tests and simple embedders use. `client` must not be inside a transaction.
 */
export async function applyPlan(client: pg.ClientBase, plan: Plan): Promise<ApplyPlanOutcome> {
  if (plan.steps.length === 0) return { status: "nothing_to_do" };
  const saved = await enterPlanSession(client);
  let committed = 0;
  try {
    for (const group of plan.groups) {
      const steps = group.steps.map((index) => plan.steps[index]!);
      const transactional = group.transaction === "transactional";
      if (transactional) await client.query("BEGIN");
      for (const step of steps) {
        try {
          await client.query(step.sql);
        } catch (error) {
          if (transactional) await client.query("ROLLBACK");
          return { status: "failed", step, error: asError(error), committedSteps: committed };
        }
      }
      if (transactional) await client.query("COMMIT");
      committed += steps.length;
    }
    return { status: "applied", steps: committed };
  } finally {
    await leavePlanSession(client, saved);
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
