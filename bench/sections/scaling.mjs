/**
 * Section 2, scaling: synthetic schemas (generate-schema.mjs) of growing size on PostgreSQL 18. Per
 * size, `current` is the generated schema and `desired` the same plus its scaled edits; measured in
 * child processes: pg-flux plan end to end, its phases, and the inspector alone (time, peak RSS).
 * With `cpuProfDir`, one extra plan run per size under `node --cpu-prof` (the inspector when the
 * plan cannot run), and its hot spots.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateEdits, generateSchema } from "../generate-schema.mjs";
import { runProbe } from "../lib/child.mjs";
import { hotSpots } from "../lib/cpu-profile.mjs";
import { createDatabase, createLoadedDatabase } from "../lib/database.mjs";
import { psqlFiles } from "../lib/pg-tools.mjs";
import { sampleRuns } from "../lib/samples.mjs";
import { withServer } from "../lib/servers.mjs";
import { PLAN_PHASES } from "./plan-speed.mjs";

/**
 * Keeps the full bench inside its time limit: the plan is not run at a size where the previous
 * size's plan + phases time, scaled linearly, would exceed `budgetMs`; the table says so.
 */
function planBudget(budgetMs, runs) {
  let last;
  return {
    skipReason(tables) {
      if (!last || budgetMs === undefined) return undefined;
      const expected = (last.ms * tables) / last.tables;
      if (expected <= budgetMs) return undefined;
      return `not run: ${last.tables} tables took ${Math.round(last.ms / 1000)} s for plan ×${runs} + phases, so ${tables} would take ≈${Math.round(expected / 60_000)} min (budget ${Math.round(budgetMs / 60_000)} min)`;
    },
    record(tables, plan, phases) {
      const planMs = Number.isFinite(plan.totalMs) ? plan.totalMs * runs : 0;
      const phaseMs = ["parse", "scratchLoad", "inspectCurrent", "inspectDesired", "diff", "sort", "verify"]
        .map((p) => phases[`${p}Ms`])
        .filter(Number.isFinite)
        .reduce((a, b) => a + b, 0);
      if (planMs + phaseMs > 0) last = { tables, ms: planMs + phaseMs };
    },
  };
}

async function profileOnce(dir, probe, args) {
  mkdirSync(dir, { recursive: true });
  await runProbe(probe, args, { cpuProfDir: dir });
  const file = readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
  return file ? { probe, file: path.join(dir, file), ...hotSpots(path.join(dir, file)) } : undefined;
}

/**
 * @param {{ sizes: readonly number[], runs: number, cpuProfDir?: string, log: (line: string) => void }} options
 */
export async function runScaling({ sizes, runs, cpuProfDir, planBudgetMs, log }) {
  const budget = planBudget(planBudgetMs, runs);
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
          const desired = await createDatabase(server.url, "desired", "current");
          await psqlFiles(desired, [editFile], work);
          const planArgs = { url: current, desiredUrl: desired, files: [schemaFile, editFile], cwd: work };
          const skip = budget.skipReason(tables);
          const plan = skip
            ? { status: "not_run", reason: skip }
            : await sampleRuns(runs, () => runProbe("plan", planArgs));
          const phases = skip
            ? { status: "not_run", reason: skip }
            : await sampleRuns(1, () => runProbe("plan-phases", planArgs));
          budget.record(tables, plan, phases);
          const inspector = await sampleRuns(runs, () => runProbe("inspect", { url: current }));
          let profile;
          if (cpuProfDir) {
            const dir = path.join(cpuProfDir, `scale-${tables}`);
            // the fullest pipeline that runs at this size: plan, else its phases up to the refusal, else inspect
            profile =
              plan.status === "measured"
                ? await profileOnce(dir, "plan", planArgs)
                : phases.status === "measured"
                  ? await profileOnce(dir, "plan-phases", planArgs)
                  : await profileOnce(dir, "inspect", { url: current });
          }
          log(`  ${tables} tables: plan ${plan.status}, inspector ${Math.round(inspector.totalMs)} ms`);
          return { tables, loadMs, plan, phases, inspector, profile };
        }),
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return results;
}

export { PLAN_PHASES };
