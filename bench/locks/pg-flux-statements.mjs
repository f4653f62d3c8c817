/**
 * What pg-flux runs for a lock recipe: the real planner's plan of the recipe's desired DDL against
 * the live table (`planMigration()`), executed by the engine's runner (`runPlan()`: transaction
 * groups, autocommit steps, its lock and statement timeouts), as `migrate apply` does.
 */
import { planMigration, runPlan } from "@pg-flux/engine";

/** Runs statements in order on one connection, each in autocommit (the naive variant). */
export function runStatements(statements) {
  return async (client) => {
    for (const sql of statements) await client.query(sql);
  };
}

/**
 * @param {import("./recipes.mjs").Recipe} recipe
 * @param {string} url the live database
 * @returns {Promise<{ statements: readonly string[], execute: (client: import("pg").Client) => Promise<void> }>}
 *   rejects when the planner fails or plans nothing
 */
export async function pgFluxStatements(recipe, url) {
  const { plan } = await planMigration({
    databaseUrl: url,
    sources: [{ name: "desired.sql", text: recipe.desiredDdl }],
  });
  if (plan.steps.length === 0) throw new Error("the planner returned an empty plan");
  return {
    statements: plan.steps.map(
      (step) => `${step.sql}${step.transaction === "autocommit" ? "  -- autocommit" : ""}`,
    ),
    async execute(client) {
      const outcome = await runPlan(client, plan);
      if (outcome.status !== "applied") {
        throw new Error(
          `pg-flux runner: ${outcome.status} ${JSON.stringify(outcome.failure ?? {}).slice(0, 300)}`,
        );
      }
    },
  };
}
