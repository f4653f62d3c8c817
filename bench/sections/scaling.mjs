/**
 * Section 2, scaling: synthetic schemas (generate-schema.mjs) of growing size on PostgreSQL 18. Per
 * size, `current` is the generated schema and the desired files are the same plus its scaled edits;
 * measured in child processes: pg-flux plan end to end with its phases (one run per size: the sizes
 * draw the growth curve), and the inspector alone (time, peak RSS, slowest catalog queries). With
 * `cpuProfDir`, one extra plan run per size under `node --cpu-prof` (the inspector when the plan was
 * not run), and its hot spots.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateEdits, generateSchema } from "../generate-schema.mjs";
import { runProbe } from "../lib/child.mjs";
import { hotSpots } from "../lib/cpu-profile.mjs";
import { createLoadedDatabase } from "../lib/database.mjs";
import { notRun, sampleRuns } from "../lib/samples.mjs";
import { withServer } from "../lib/servers.mjs";

/**
 * Keeps the bench inside its time limit: the plan is not run at a size where the previous size's
 * plan time, scaled linearly, would exceed `budgetMs`; the table says so and why. (A plan that runs
 * is also stopped at `budgetMs`, and reported with the phases it finished.)
 */
function planBudget(budgetMs) {
  let last;
  return {
    skipReason(tables) {
      if (!last || budgetMs === undefined) return undefined;
      const expected = (last.ms * tables) / last.tables;
      if (expected <= budgetMs) return undefined;
      return `${last.tables.toLocaleString("en-US")} tables took ${Math.round(last.ms / 1000)} s, so ${tables.toLocaleString("en-US")} would take ≈${Math.round(expected / 60_000)} min at best (budget ${Math.round(budgetMs / 60_000)} min; --plan-budget raises it)`;
    },
    record(tables, plan) {
      if (plan.status === "measured") last = { tables, ms: plan.totalMs };
      // a failed or stopped plan still spent its time up to there
      else if (plan.status === "failed" || plan.status === "timed_out")
        last = { tables, ms: plan.elapsedMs ?? 0 };
    },
  };
}

/** One run under `node --cpu-prof` and its hot spots (a run that fails still leaves its profile). */
async function profileOnce(dir, probe, args, timeoutMs) {
  mkdirSync(dir, { recursive: true });
  const failed = await runProbe(probe, args, { cpuProfDir: dir, timeoutMs }).then(
    () => false,
    () => true,
  );
  const file = readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
  if (!file) return undefined;
  return {
    probe: failed ? `${probe}, failed` : probe,
    file: path.join(dir, file),
    ...hotSpots(path.join(dir, file)),
  };
}

/**
 * @param {{ sizes: readonly number[], planBudgetMs?: number, cpuProfDir?: string, log: (line: string) => void }} options
 */
export async function runScaling({ sizes, planBudgetMs, cpuProfDir, log }) {
  const budget = planBudget(planBudgetMs);
  const work = mkdtempSync(path.join(os.tmpdir(), "pgflux-bench-scale-"));
  const results = [];
  try {
    for (const tables of sizes) {
      const schemaFile = path.join(work, `schema-${tables}.sql`);
      const editFile = path.join(work, `edits-${tables}.sql`);
      writeFileSync(schemaFile, generateSchema({ tables }));
      writeFileSync(editFile, generateEdits({ tables }));
      log(`scaling: ${tables} tables`);
      results.push(
        await withServer(18, async (server) => {
          const loadStarted = performance.now();
          const current = await createLoadedDatabase(server.url, "current", [schemaFile], work, {
            singleTransaction: true,
          });
          const loadMs = performance.now() - loadStarted;
          const planArgs = { url: current, files: [schemaFile, editFile], cwd: work };
          const skip = budget.skipReason(tables);
          const planStarted = performance.now();
          const plan = skip
            ? notRun(skip)
            : await sampleRuns(1, () => runProbe("plan", planArgs, { timeoutMs: planBudgetMs }));
          if (plan.status !== "measured") plan.elapsedMs = performance.now() - planStarted;
          budget.record(tables, plan);
          const inspector = await sampleRuns(1, () => runProbe("inspect", { url: current }));
          let profile;
          if (cpuProfDir) {
            const dir = path.join(cpuProfDir, `scale-${tables}`);
            profile =
              plan.status === "not_run"
                ? await profileOnce(dir, "inspect", { url: current })
                : await profileOnce(dir, "plan", planArgs, planBudgetMs);
          }
          log(
            `  ${tables} tables: plan ${plan.status}${plan.totalMs ? ` ${Math.round(plan.totalMs / 1000)} s` : ""}, inspector ${Math.round(inspector.totalMs ?? Number.NaN)} ms`,
          );
          return { tables, loadMs, plan, inspector, profile };
        }),
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return results;
}
