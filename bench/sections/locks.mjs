/**
 * Section 3, lock impact under load: a table of `rows` rows, a paced writer of small transactions,
 * and for each recipe (a) the naive statement and (b) pg-flux's statements; the writer's longest
 * stall and p99 latency while the migration runs. PostgreSQL 18 (pg-flux's default server).
 */
import { createDatabase, withClient } from "../lib/database.mjs";
import { withServer } from "../lib/servers.mjs";
import { median } from "../lib/stats.mjs";
import { measureMigration } from "../locks/measure.mjs";
import { pgFluxStatements, runStatements } from "../locks/pg-flux-statements.mjs";
import { RECIPES, tableSetup } from "../locks/recipes.mjs";

async function execAll(url, statements) {
  await withClient(url, async (client) => {
    for (const sql of statements) await client.query(sql);
  });
}

/**
 * @param {{ rows: number, runs: number, log: (line: string) => void }} options
 */
export async function runLocks({ rows, runs, log }) {
  return withServer(18, async (server) => {
    const url = await createDatabase(server.url, "locks");
    const setupStarted = performance.now();
    await execAll(url, tableSetup(rows));
    log(
      `locks: ${rows.toLocaleString("en-US")} rows loaded in ${Math.round(performance.now() - setupStarted)} ms`,
    );
    const results = [];
    for (const recipe of RECIPES) {
      const pgFlux = await pgFluxStatements(recipe, url);
      for (const variant of ["naive", "pg-flux"]) {
        const statements = variant === "naive" ? recipe.naive : pgFlux.statements;
        const execute = variant === "naive" ? runStatements(recipe.naive) : pgFlux.execute;
        const samples = [];
        for (let run = 1; run <= runs; run++) {
          try {
            samples.push(await measureMigration(url, execute, rows));
          } finally {
            await execAll(url, recipe.reset);
          }
        }
        const pick = (field) => median(samples.map((sample) => sample[field]));
        results.push({
          recipe: recipe.name,
          variant,
          source: variant === "naive" ? "naive statement" : pgFlux.source,
          statements,
          runs: samples.length,
          migrationMs: pick("migrationMs"),
          longestStallMs: pick("longestStallMs"),
          p99Ms: pick("p99Ms"),
          baselineP99Ms: pick("baselineP99Ms"),
          transactions: pick("transactions"),
          samples,
        });
        log(`  ${recipe.name} / ${variant}: stall ${Math.round(pick("longestStallMs"))} ms`);
      }
    }
    return { rows, major: server.major, results };
  });
}
