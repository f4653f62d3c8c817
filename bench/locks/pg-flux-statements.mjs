/**
 * What pg-flux runs for a lock recipe: the real planner's plan of the recipe's desired DDL against
 * the live table (`planMigration()`, executed by the engine's runner `runPlan()`, as `migrate apply`
 * does), or — when the planner is not built or fails on it — the statement sequence the migration
 * recipes document (recipes.mjs `seed`), run one statement at a time in autocommit. Every result
 * says which one was measured.
 */
import { pgFluxApi } from "../probes/pg-flux-api.mjs";

/** Runs statements in order on one connection, each in autocommit. */
export function runStatements(statements) {
  return async (client) => {
    for (const sql of statements) await client.query(sql);
  };
}

/**
 * @param {import("./recipes.mjs").Recipe} recipe
 * @param {string} url the live database
 * @returns {Promise<{ source: string, statements: readonly string[], execute: (client: import("pg").Client) => Promise<void> }>}
 */
export async function pgFluxStatements(recipe, url) {
  const seed = (why) => ({
    source: `seed statements (${why})`,
    statements: recipe.seed,
    execute: runStatements(recipe.seed),
  });
  const api = await pgFluxApi();
  if (api.planMissing || typeof api.engine?.runPlan !== "function") return seed("planner not built");
  let plan;
  try {
    ({ plan } = await api.engine.planMigration({
      databaseUrl: url,
      sources: [{ name: "desired.sql", text: recipe.desiredDdl }],
    }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return seed(`planner failed: ${message.replace(/\s+/g, " ").slice(0, 120)}`);
  }
  if (plan.steps.length === 0) return seed("planner returned an empty plan");
  return {
    source: "pg-flux planner + runner",
    statements: plan.steps.map(
      (step) => `${step.sql}${step.transaction === "autocommit" ? "  -- autocommit" : ""}`,
    ),
    async execute(client) {
      const outcome = await api.engine.runPlan(client, plan);
      if (outcome.status !== "applied") {
        throw new Error(
          `pg-flux runner: ${outcome.status} ${JSON.stringify(outcome.failure ?? {}).slice(0, 300)}`,
        );
      }
    },
  };
}
