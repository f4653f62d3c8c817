/**
 * Section 3, lock impact under load: a table of `rows` rows, a paced writer of small transactions,
 * and for each recipe (a) the naive statement and (b) pg-flux's plan run by its runner; the writer's
 * longest stall and p99 latency while the migration runs. PostgreSQL 18 (pg-flux's default server).
 * A variant that fails (the planner, or the migration) is a `failed` row with the reason.
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
    const setupMs = performance.now() - setupStarted;
    log(`locks: ${rows.toLocaleString("en-US")} rows loaded in ${Math.round(setupMs)} ms`);
    const results = [];
    for (const recipe of RECIPES) {
      const naive = { statements: recipe.naive, execute: runStatements(recipe.naive) };
      const pgFlux = await pgFluxStatements(recipe, url).catch((error) => ({
        error: `planner: ${String(error?.message ?? error)
          .replace(/\s+/g, " ")
          .slice(0, 300)}`,
      }));
      for (const [variant, migration] of [
        ["naive", naive],
        ["pg-flux", pgFlux],
      ]) {
        const row = { recipe: recipe.name, variant, statements: migration.statements ?? [] };
        if (migration.error) {
          results.push({ ...row, status: "failed", reason: migration.error });
          log(`  ${recipe.name} / ${variant}: failed: ${migration.error}`);
          continue;
        }
        const samples = [];
        try {
          for (let run = 1; run <= runs; run++) {
            try {
              samples.push(await measureMigration(url, migration.execute, rows));
            } finally {
              await execAll(url, recipe.reset);
            }
          }
        } catch (error) {
          const reason = String(error?.message ?? error).slice(0, 300);
          results.push({ ...row, status: "failed", reason, samples });
          log(`  ${recipe.name} / ${variant}: failed: ${reason}`);
          continue;
        }
        const pick = (field) => median(samples.map((sample) => sample[field]));
        results.push({
          ...row,
          status: "measured",
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
    return { rows, runs, setupMs, major: server.major, results };
  });
}
